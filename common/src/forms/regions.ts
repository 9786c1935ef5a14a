// GB/T 2260 administrative divisions for cascading pickers (province → city → district →
// street) and for printing a code as its name. The data is not here: it lives in
// fixtures/regions (divisions.json, and streets/<province>.json loaded when needed) and is
// handed in, so the kiosk loads it only when a form has a region field.
//
// Codes: province 610000, city 610100, district 610102 (six digits, GB/T 2260); street
// 610102001 (nine digits, the statistics code's township level). A few cities have no
// county level (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关…): their streets hang on the
// city, so a picker stops at the city when it has no districts.

export type RegionLevel = 'province' | 'city' | 'district' | 'street';

/** [two digits, name]; the full code is built from the parents' digits. */
export type CompactDistrict = readonly [string, string];
export type CompactCity = readonly [string, string, readonly CompactDistrict[]];
export type CompactProvince = readonly [string, string, readonly CompactCity[]];

export interface RegionDataset {
  meta: { standard: string; source: string; asOf: string; excluded?: string };
  provinces: readonly CompactProvince[];
}

/** District code → [three digits, name] of its streets; one file per province. */
export type StreetDataset = Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>;

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  /** The parent's code; none for a province. */
  parent?: string;
}

/**
 * City-level names that only group counties (直辖市的市辖区, 省直辖县级行政区划…): a picker
 * shows them, but a printed address skips them.
 */
const placeholderNames = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export interface RegionIndex {
  readonly asOf: string;
  provinces(): Region[];
  /** Cities of a province, districts of a city, streets of a district (once added). */
  children(code: string): Region[];
  get(code: string): Region | undefined;
  /** From the province down to the region itself; empty for an unknown code. */
  path(code: string): Region[];
  /** 陕西省西安市新城区 — placeholder levels left out. */
  fullName(code: string): string | undefined;
  /** Adds the streets of one province's districts (from streets/<province>.json). */
  addStreets(streets: StreetDataset): void;
  /** Regions whose name contains the text, provinces first; at most `limit`. */
  search(text: string, limit?: number): Region[];
}

export function createRegionIndex(data: RegionDataset): RegionIndex {
  const byCode = new Map<string, Region>();
  const kids = new Map<string, Region[]>();
  const add = (region: Region): void => {
    byCode.set(region.code, region);
    const key = region.parent ?? '';
    const list = kids.get(key);
    if (list) list.push(region);
    else kids.set(key, [region]);
  };
  for (const [p, pName, cities] of data.provinces) {
    const pCode = `${p}0000`;
    add({ code: pCode, name: pName, level: 'province' });
    for (const [c, cName, districts] of cities) {
      const cCode = `${p}${c}00`;
      add({ code: cCode, name: cName, level: 'city', parent: pCode });
      for (const [d, dName] of districts) add({ code: `${p}${c}${d}`, name: dName, level: 'district', parent: cCode });
    }
  }
  const path = (code: string): Region[] => {
    const out: Region[] = [];
    for (let at = byCode.get(code); at; at = at.parent ? byCode.get(at.parent) : undefined) out.unshift(at);
    return out;
  };
  return {
    asOf: data.meta.asOf,
    provinces: () => [...(kids.get('') ?? [])],
    children: (code) => [...(kids.get(code) ?? [])],
    get: (code) => byCode.get(code),
    path,
    fullName(code) {
      const regions = path(code);
      if (regions.length === 0) return undefined;
      const names = regions.filter((r) => !(r.level === 'city' && placeholderNames.has(r.name))).map((r) => r.name);
      // 北京市 + 北京市 (a city named like its province) prints once.
      return names.filter((n, i) => n !== names[i - 1]).join('');
    },
    addStreets(streets) {
      for (const [district, list] of Object.entries(streets)) {
        const parent = byCode.get(district);
        // Streets go under a district, or under a city that has no districts; once.
        if (!parent || parent.level === 'province' || parent.level === 'street' || kids.has(district)) continue;
        for (const [s, name] of list) add({ code: `${district}${s}`, name, level: 'street', parent: district });
      }
    },
    search(text, limit = 20) {
      const needle = text.trim();
      if (!needle) return [];
      const order: RegionLevel[] = ['province', 'city', 'district', 'street'];
      return [...byCode.values()]
        .filter((r) => r.name.includes(needle))
        .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.code.localeCompare(b.code))
        .slice(0, limit);
    },
  };
}

/** The province a code belongs to, as the two digits that name its streets file. */
export function provinceDigits(code: string): string {
  return code.slice(0, 2);
}

/** Six digits for a province, city or district; nine for a street. */
export const regionCodePattern = '^[1-8]\\d{5}(\\d{3})?$';
