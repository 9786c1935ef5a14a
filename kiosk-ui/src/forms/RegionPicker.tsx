// Province → city → district (→ street) as lists of buttons, one level at a time; the value
// is the code of the last level the field asks for. No typing at all.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { RegionDepth } from '@hall/common/forms/definition';
import type { Region, RegionIndex } from '@hall/common/forms/regions';
import { messages } from '../messages.ts';
import type { FormsApi } from './forms-api.ts';
import { loadRegions, loadStreets } from './region-data.ts';

const r = messages.forms.region;
const levels: RegionDepth[] = ['province', 'city', 'district', 'street'];

export function RegionPicker({ value, depth, api, onChange, testId }: { value: string; depth: RegionDepth; api: FormsApi; onChange: (v: string | undefined) => void; testId: string }) {
  const index = useSignal<RegionIndex | null>(null);
  const failed = useSignal(false);
  const trail = useSignal<Region[]>([]);
  const picking = useSignal(!value);
  const loadingStreets = useSignal(false);

  useEffect(() => {
    let live = true;
    const load = value.length === 9 ? loadStreets(api, value) : loadRegions(api);
    load.then(
      (i) => live && (index.value = i),
      () => live && (failed.value = true),
    );
    return () => void (live = false);
  }, [api]);

  if (failed.value) return <p class="error-box" data-testid={testId}>{r.failed}</p>;
  const regions = index.value;
  if (!regions) return <p class="notice-text" data-testid={testId}>{r.loading}</p>;

  if (!picking.value && value) {
    return (
      <div class="forms-region" data-testid={testId} data-value={value}>
        <span class="forms-region-name">{regions.fullName(value) ?? value}</span>
        <button
          type="button"
          class="secondary-button"
          onClick={() => {
            trail.value = [];
            picking.value = true;
          }}
        >
          {r.change}
        </button>
      </div>
    );
  }

  const last = trail.value.at(-1);
  const options = last ? regions.children(last.code) : regions.provinces();
  const levelName = r[levels[trail.value.length] ?? 'street'];

  async function choose(region: Region) {
    const next = [...trail.value, region];
    const deepEnough = levels.indexOf(region.level) >= levels.indexOf(depth);
    let children = regions!.children(region.code);
    if (!deepEnough && children.length === 0 && (region.level === 'district' || region.level === 'city') && depth === 'street') {
      loadingStreets.value = true;
      try {
        await loadStreets(api, region.code);
      } catch {
        failed.value = true;
        return;
      } finally {
        loadingStreets.value = false;
      }
      children = regions!.children(region.code);
    }
    // A city without districts (东莞) ends at the city; any level without children ends there.
    if (deepEnough || children.length === 0) {
      trail.value = [];
      picking.value = false;
      onChange(region.code);
    } else {
      trail.value = next;
    }
  }

  return (
    <div class="forms-region picking" data-testid={testId} data-value={value}>
      <div class="forms-region-trail">
        {trail.value.map((t, i) => (
          <button key={t.code} type="button" class="chip selected" onClick={() => (trail.value = trail.value.slice(0, i))}>
            {t.name}
          </button>
        ))}
        <span class="forms-region-level">
          {r.choose}
          {levelName}
        </span>
      </div>
      {loadingStreets.value ? (
        <p class="notice-text">{r.loading}</p>
      ) : (
        <div class="forms-region-options">
          {options.map((o) => (
            <button key={o.code} type="button" class="forms-option" data-code={o.code} onClick={() => void choose(o)}>
              {o.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
