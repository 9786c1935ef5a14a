// What the screen shows, computed from the plan and the check report: labels, the checklist
// in display order, the selection's buttons, fixture counts. Pure, so it is tested as tables.
import {
  fmt,
  flowKindNames,
  symbolDef,
  zoneArea,
  zoneName,
  type CheckReport,
  type CollectionName,
  type ElementId,
  type FloorPlan,
  type RuleResult,
  type SymbolId,
  type Zone,
  findElement,
  wallLength,
} from '@hall/common/floorplan/index';

/** 厨房 12.5㎡ */
export const zoneLabel = (zone: Zone): string => `${zoneName(zone)} ${fmt(zoneArea(zone), 1)}㎡`;

export const formatMetres = (n: number): string => `${fmt(n, 2)} 米`;

export interface ChecklistItem {
  ruleId: string;
  title: string;
  status: RuleResult['status'];
  /** The reason shown under the title: the first detail of a failure, or the rule's message. */
  reason: string;
  source: string;
  highlightable: boolean;
}

const order: Readonly<Record<RuleResult['status'], number>> = { fail: 0, pass: 1, 'not-applicable': 2 };

/** The checklist: failures first (what to fix), then passes, then rules that do not apply; within each, the rule set's order. */
export function checklist(report: CheckReport | null): ChecklistItem[] {
  if (!report) return [];
  return report.results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => order[a.r.status] - order[b.r.status] || a.i - b.i)
    .map(({ r }) => ({
      ruleId: r.ruleId,
      title: r.title,
      status: r.status,
      reason: r.status === 'fail' && r.details.length ? r.details[0]! : r.message,
      source: r.source.title,
      highlightable: r.elementIds.length > 0,
    }));
}

/** Fixture counts by symbol, for the legend: 洗手池 × 2. */
export function fixtureCounts(plan: FloorPlan): Array<{ symbol: SymbolId; name: string; count: number }> {
  const counts = new Map<SymbolId, number>();
  for (const f of plan.fixtures) counts.set(f.symbol, (counts.get(f.symbol) ?? 0) + 1);
  return [...counts].map(([symbol, count]) => ({ symbol, name: symbolDef(symbol).name, count }));
}

/** Which commands the selection offers. */
export interface SelectionCommands {
  collection: CollectionName;
  title: string;
  rotate: boolean;
  resize: boolean;
  duplicate: boolean;
  remove: boolean;
  /** The zone list (name zones from the list). */
  zoneType: boolean;
  flowKind: boolean;
  door: boolean;
  /** Type an exact length (walls). */
  length: boolean;
}

export function selectionCommands(plan: FloorPlan, id: ElementId | null): SelectionCommands | null {
  if (!id) return null;
  const found = findElement(plan, id);
  if (!found) return null;
  const c = found.collection;
  const el = found.element;
  const title =
    c === 'fixtures'
      ? ((el as FloorPlan['fixtures'][number]).label ?? symbolDef((el as FloorPlan['fixtures'][number]).symbol).name)
      : c === 'zones'
        ? zoneLabel(el as Zone)
        : c === 'walls'
          ? `墙 ${formatMetres(wallLength(plan, el as FloorPlan['walls'][number]))}`
          : c === 'openings'
            ? ({ door: '门', window: '窗', passWindow: '传递窗' } as const)[(el as FloorPlan['openings'][number]).kind]
            : c === 'flows'
              ? flowKindNames[(el as FloorPlan['flows'][number]).kind]
              : c === 'dimensions'
                ? '尺寸标注'
                : c === 'labels'
                  ? '文字'
                  : '墙角';
  return {
    collection: c,
    title,
    rotate: c === 'fixtures' || c === 'labels' || c === 'zones' || c === 'walls' || c === 'flows',
    resize: c === 'fixtures' || c === 'openings' || c === 'walls' || c === 'labels',
    duplicate: c !== 'corners',
    remove: true,
    zoneType: c === 'zones',
    flowKind: c === 'flows',
    door: c === 'openings' && (el as FloorPlan['openings'][number]).kind === 'door',
    length: c === 'walls',
  };
}

/** Parses the length keypad's text (metres, a decimal point allowed): a positive number ≤ 100, or null. */
export function parseLength(text: string): number | null {
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && n <= 100 ? n : null;
}

/** Applies a key of the decimal keypad to the text typed so far. */
export function lengthKey(text: string, key: string): string {
  if (key === 'clear') return '';
  if (key === 'back') return text.slice(0, -1);
  if (key === '.') return text.includes('.') ? text : text === '' ? '0.' : `${text}.`;
  if (!/^\d$/.test(key)) return text;
  const next = text === '0' ? key : text + key;
  return /^\d{0,3}(\.\d{0,3})?$/.test(next) ? next : text;
}
