// The clerk's read-only drawing of a floor plan (餐饮平面图): the plan document turned into SVG
// shapes in plan metres (pure, so it is tested without a browser). Walls in their thickness,
// doors with their swing, windows, zones tinted by group with name and area, fixtures as
// outlines, flow arrows by kind; the elements of a tapped rule are marked.
import {
  bounds,
  fixtureFootprint,
  fmt,
  openingGeometry,
  planPoints,
  symbolDef,
  wallOutline,
  zoneAreas,
  zoneCentre,
  zoneKind,
  zoneName,
  type FloorPlan,
  type FlowKind,
  type RuleStatus,
  type ZoneGroup,
} from '@hall/common/floorplan/index';

type XY = { x: number; y: number };

export interface PlanShape {
  id: string;
  kind: 'zone' | 'wall' | 'opening' | 'fixture' | 'flow';
  /** SVG path data in plan metres. */
  d: string;
  className: string;
  highlighted: boolean;
}

export interface PlanText {
  id: string;
  x: number;
  y: number;
  text: string;
  /** Height in metres. */
  size: number;
  className: string;
}

export interface PlanScene {
  viewBox: string;
  shapes: PlanShape[];
  texts: PlanText[];
}

export const flowClass: Readonly<Record<FlowKind, string>> = { raw: 'flow-raw', finished: 'flow-finished', tableware: 'flow-tableware' };
export const zoneClass = (group: ZoneGroup): string => `zone-${group}`;

const f = (n: number): string => String(Math.round(n * 1000) / 1000);
const polygon = (points: readonly XY[]): string => `M${points.map((p) => `${f(p.x)} ${f(p.y)}`).join(' L')} Z`;
const polyline = (points: readonly XY[]): string => `M${points.map((p) => `${f(p.x)} ${f(p.y)}`).join(' L')}`;

/** The plan as SVG shapes; `highlight` holds the element ids of the rule the clerk tapped. */
export function planScene(plan: FloorPlan, highlight: ReadonlySet<string> = new Set()): PlanScene {
  const box = bounds(planPoints(plan));
  const pad = 0.6;
  const viewBox = box ? `${f(box.min.x - pad)} ${f(box.min.y - pad)} ${f(box.max.x - box.min.x + 2 * pad)} ${f(box.max.y - box.min.y + 2 * pad)}` : '0 0 10 10';
  const shapes: PlanShape[] = [];
  const texts: PlanText[] = [];
  const mark = (id: string): boolean => highlight.has(id);
  const areas = zoneAreas(plan);

  for (const zone of plan.zones) {
    shapes.push({ id: zone.id, kind: 'zone', d: polygon(zone.outline), className: `plan-zone ${zoneClass(zoneKind(zone.type).group)}`, highlighted: mark(zone.id) });
  }
  for (const wall of plan.walls) shapes.push({ id: wall.id, kind: 'wall', d: polygon(wallOutline(plan, wall)), className: 'plan-wall', highlighted: mark(wall.id) });
  for (const opening of plan.openings) {
    const g = openingGeometry(plan, opening);
    const t = g.wall.thickness / 2 + 0.01;
    const off = (p: XY, d: number): XY => ({ x: p.x + g.normal.x * d, y: p.y + g.normal.y * d });
    const a = g.segment.a;
    const b = g.segment.b;
    // The gap in the wall, then the opening's own lines.
    let d = `${polygon([off(a, t), off(b, t), off(b, -t), off(a, -t)])}`;
    if (opening.kind === 'door') {
      const hinge = opening.swing.hinge === 'start' ? a : b;
      const latch = opening.swing.hinge === 'start' ? b : a;
      const side = opening.swing.side === 'left' ? 1 : -1;
      const leaf = { x: hinge.x + g.normal.x * side * opening.width, y: hinge.y + g.normal.y * side * opening.width };
      const cross = (leaf.x - hinge.x) * (latch.y - hinge.y) - (leaf.y - hinge.y) * (latch.x - hinge.x);
      d += ` M${f(hinge.x)} ${f(hinge.y)} L${f(leaf.x)} ${f(leaf.y)} A${f(opening.width)} ${f(opening.width)} 0 0 ${cross > 0 ? 1 : 0} ${f(latch.x)} ${f(latch.y)}`;
    } else {
      d += ` ${polyline([a, b])}`;
    }
    shapes.push({ id: opening.id, kind: 'opening', d, className: `plan-opening plan-${opening.kind}`, highlighted: mark(opening.id) });
  }
  for (const fixture of plan.fixtures) {
    const round = symbolDef(fixture.symbol).shape === 'round';
    const r = Math.min(fixture.width, fixture.depth) / 2;
    const d = round
      ? `M${f(fixture.at.x - r)} ${f(fixture.at.y)} a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0 a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0 Z`
      : polygon(fixtureFootprint(fixture));
    shapes.push({ id: fixture.id, kind: 'fixture', d, className: 'plan-fixture', highlighted: mark(fixture.id) });
    if (fixture.symbol !== 'chair' && fixture.symbol !== 'stool') {
      texts.push({ id: `${fixture.id}-label`, x: fixture.at.x, y: fixture.at.y, text: fixture.label ?? symbolDef(fixture.symbol).name, size: 0.14, className: 'plan-fixture-label' });
    }
  }
  for (const flow of plan.flows) shapes.push({ id: flow.id, kind: 'flow', d: polyline(flow.points), className: `plan-flow ${flowClass[flow.kind]}`, highlighted: mark(flow.id) });
  for (const zone of plan.zones) {
    const c = zoneCentre(zone);
    texts.push({ id: `${zone.id}-name`, x: c.x, y: c.y - 0.12, text: zoneName(zone), size: 0.3, className: 'plan-zone-name' });
    texts.push({ id: `${zone.id}-area`, x: c.x, y: c.y + 0.24, text: `${fmt(areas.get(zone.id) ?? 0)}㎡`, size: 0.24, className: 'plan-zone-area' });
  }
  return { viewBox, shapes, texts };
}

/** Checklist order for the clerk: failed rules first, then passed, then not applicable, each in the rule set's order. */
export function sortResults<T extends { status: RuleStatus }>(results: readonly T[]): T[] {
  const rank: Record<RuleStatus, number> = { fail: 0, pass: 1, 'not-applicable': 2 };
  return results.map((r, i) => ({ r, i })).sort((a, b) => rank[a.r.status] - rank[b.r.status] || a.i - b.i).map(({ r }) => r);
}
