// The GB/T 2260 division list for region pickers, fetched from the hall server the first time
// a form needs it (provinces → districts, about 68 KB), and one province's streets when a
// picker goes that deep. Kept for the page's life: it is public reference data.
import { createRegionIndex, type RegionIndex } from '@hall/common/forms/regions';
import type { FormsApi } from './forms-api.ts';

let index: Promise<RegionIndex> | null = null;
const streets = new Map<string, Promise<void>>();

export function loadRegions(api: FormsApi): Promise<RegionIndex> {
  index ??= api.regions().then(createRegionIndex);
  // A failed load is tried again next time, not remembered.
  index.catch(() => (index = null));
  return index;
}

export async function loadStreets(api: FormsApi, code: string): Promise<RegionIndex> {
  const regions = await loadRegions(api);
  const province = code.slice(0, 2);
  let loading = streets.get(province);
  if (!loading) {
    loading = api.streets(province).then((data) => regions.addStreets(data));
    streets.set(province, loading);
    loading.catch(() => streets.delete(province));
  }
  await loading;
  return regions;
}

/** The index if it has been loaded already (the review page prints names with it). */
export function loadedRegions(): Promise<RegionIndex> | null {
  return index;
}
