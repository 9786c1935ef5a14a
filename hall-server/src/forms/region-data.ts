// The GB/T 2260 region list as the kiosks' pickers fetch it: serialised once per file and kept
// with a strong ETag, so a kiosk revalidating its copy costs a header comparison, and nothing
// is hashed or stringified again per request. The data comes in (fixtures/regions in the
// hall), so tests can hand in their own.
import { createHash } from 'node:crypto';
import type { RegionDataset, StreetDataset } from '@hall/common/forms/index';
import { HallError } from '@hall/common/errors';

export interface RegionSource {
  divisions: RegionDataset;
  /** One province's streets; undefined when it has none (台湾, 香港, 澳门). */
  streets(province: string): Promise<StreetDataset | undefined>;
}

/** A JSON body ready to send, with its entity tag. */
export interface CachedJson {
  body: string;
  etag: string;
}

export class RegionData {
  private divisionsJson: CachedJson | undefined;
  private readonly streetJson = new Map<string, Promise<CachedJson>>();
  private readonly provinces: ReadonlySet<string>;

  constructor(private readonly source: RegionSource) {
    this.provinces = new Set(source.divisions.provinces.map(([digits]) => digits));
  }

  divisions(): CachedJson {
    this.divisionsJson ??= cached(this.source.divisions);
    return this.divisionsJson;
  }

  /** Streets of a province by its two digits; NOT_FOUND for a code GB/T 2260 does not have. */
  streets(province: string): Promise<CachedJson> {
    if (!this.provinces.has(province)) {
      return Promise.reject(new HallError('NOT_FOUND', { field: 'province', message: `没有这个省级区划代码：${province}` }));
    }
    let entry = this.streetJson.get(province);
    if (!entry) {
      entry = this.source.streets(province).then((streets) => cached(streets ?? {}));
      this.streetJson.set(province, entry);
      // A failed read is tried again next time, not remembered.
      entry.catch(() => this.streetJson.delete(province));
    }
    return entry;
  }
}

function cached(value: unknown): CachedJson {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
