// The editor's tools as a state machine (after tldraw's tools: idle → pointing → dragging).
// Each step takes the plan and a finger position in plan metres and returns the next state,
// perhaps a preview to draw and perhaps an EditAction for the history. No DOM, no Konva.
import {
  addElement,
  addOpening,
  addWall,
  clearDistanceBetweenWalls,
  closestOnSegment,
  snapToGrid,
  cornerPoint,
  distance,
  EditError,
  hitTest,
  hitTop,
  m,
  moveCorner,
  moveElement,
  pt,
  snap,
  symbolDef,
  wallSegment,
  type EditAction,
  type ElementId,
  type FloorPlan,
  type FlowKind,
  type Metres,
  type OpeningKind,
  type Point,
  type SnapKind,
  type SymbolId,
  type ZoneType,
} from '@hall/common/floorplan/index';

export type ToolId = 'select' | 'wall' | 'measure' | 'zone' | 'opening' | 'symbol' | 'flow' | 'label';

/** What the current tool places (chosen in its panel). */
export interface ToolOptions {
  opening: OpeningKind;
  symbol: SymbolId;
  zone: ZoneType;
  flow: FlowKind;
  wallThickness: Metres;
  grid: Metres;
}

export const defaultToolOptions: ToolOptions = { opening: 'door', symbol: 'sink-vegetable', zone: 'cooking', flow: 'raw', wallThickness: m(0.24), grid: m(0.1) };

export type ToolState =
  | { phase: 'idle' }
  /** A line being drawn (wall, measure, zone rectangle, flow arrow). */
  | { phase: 'drawing'; from: Point<Metres>; to: Point<Metres>; snapped: SnapKind; points: Point<Metres>[] }
  /** The select tool dragging an element; `action` is the move so far (drawn, not yet recorded). */
  | { phase: 'moving'; id: ElementId; grab: Point<Metres>; action?: EditAction };

export interface Measurement {
  from: Point<Metres>;
  to: Point<Metres>;
  /** Centre to centre, metres. */
  length: number;
  /** Wall face to wall face when both ends are on walls. */
  clear?: number;
}

export interface ToolResult {
  state: ToolState;
  /** An edit to record. */
  action?: EditAction;
  /** The element to select afterwards (a tap with the select tool, or what was just placed). */
  select?: ElementId | null;
  measurement?: Measurement;
  /** The label tool: a text to type, for a new label at `at` (id null) or the label tapped. */
  label?: { id: ElementId | null; at: Point<Metres> };
  /** A Chinese message when the gesture could not do anything (e.g. a door tapped away from walls). */
  problem?: string;
}

export interface ToolContext {
  plan: FloorPlan;
  tool: ToolId;
  options: ToolOptions;
  /** The finger radius in plan metres (converted with lengthToMetres). */
  radius: Metres;
  newId: () => ElementId;
  selected: ElementId | null;
}

/**
 * snap(), with a point snapped onto a wall also put on the grid along that wall: a wall
 * started where the finger touched the outer wall begins at 4.0 m, not at 4.03 m.
 */
function snapPoint(p: Point<Metres>, ctx: ReturnType<typeof snapContext>): { point: Point<Metres>; kind: SnapKind } {
  const s = snap(p, ctx);
  if (s.kind === 'grid') return { point: pt(tidy(s.point.x), tidy(s.point.y)), kind: s.kind };
  if (s.kind !== 'segment' || !ctx.grid) return s;
  const onGrid = snapToGrid(s.point, ctx.grid);
  let best = s.point;
  let bestD = Infinity;
  for (const seg of ctx.segments) {
    const q = closestOnSegment(onGrid, seg).point;
    const d = distance(q, onGrid);
    if (d < bestD && distance(q, s.point) <= ctx.grid) {
      best = q;
      bestD = d;
    }
  }
  return { point: pt(tidy(best.x), tidy(best.y)), kind: s.kind };
}

/** Grid arithmetic leaves 2.8000000000000003; the plan keeps micrometres at most. */
const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;
const onGrid = (n: number, grid: number): number => tidy(Math.round(n / grid) * grid);

function snapContext(ctx: ToolContext, origin?: Point<Metres>) {
  const segments = ctx.plan.walls.map((w) => wallSegment(ctx.plan, w));
  const points = ctx.plan.corners.map(cornerPoint);
  return { grid: ctx.options.grid, points, segments, radius: ctx.radius, ...(origin ? { origin } : {}) };
}

const drawsLine = (tool: ToolId): boolean => tool === 'wall' || tool === 'measure' || tool === 'zone' || tool === 'flow';

export function press(ctx: ToolContext, at: Point<Metres>): ToolResult {
  if (drawsLine(ctx.tool)) {
    const s = ctx.tool === 'flow' ? { point: at, kind: 'none' as SnapKind } : snapPoint(at, snapContext(ctx));
    return { state: { phase: 'drawing', from: s.point, to: s.point, snapped: s.kind, points: [s.point] } };
  }
  if (ctx.tool === 'select') {
    const hit = hitTop(ctx.plan, at, ctx.radius);
    if (!hit) return { state: { phase: 'idle' } };
    // A finger on a zone moves it only once selected: a stroke over a room otherwise moves the room by accident.
    if (hit.collection === 'zones' && ctx.selected !== hit.id) return { state: { phase: 'idle' } };
    return { state: { phase: 'moving', id: hit.id, grab: at } };
  }
  return { state: { phase: 'idle' } };
}

export function drag(ctx: ToolContext, state: ToolState, at: Point<Metres>): ToolResult {
  if (state.phase === 'drawing') {
    if (ctx.tool === 'flow') {
      const last = state.points[state.points.length - 1]!;
      const points = distance(last, at) >= 0.4 ? [...state.points, at] : state.points;
      return { state: { ...state, to: at, points } };
    }
    const s = snapPoint(at, snapContext(ctx, ctx.tool === 'zone' ? undefined : state.from));
    return { state: { ...state, to: s.point, snapped: s.kind } };
  }
  if (state.phase === 'moving') {
    const found = ctx.plan.corners.find((c) => c.id === state.id);
    try {
      if (found) {
        const s = snap(at, { ...snapContext(ctx), points: ctx.plan.corners.filter((c) => c.id !== state.id).map(cornerPoint), segments: [] });
        return { state: { ...state, action: moveCorner(ctx.plan, state.id, s.point) } };
      }
      const dx = onGrid(at.x - state.grab.x, ctx.options.grid);
      const dy = onGrid(at.y - state.grab.y, ctx.options.grid);
      return { state: { ...state, action: moveElement(ctx.plan, state.id, m(dx), m(dy)) } };
    } catch (e) {
      if (e instanceof EditError) return { state };
      throw e;
    }
  }
  return { state };
}

function zoneFromRectangle(ctx: ToolContext, a: Point<Metres>, b: Point<Metres>): EditAction | undefined {
  if (Math.abs(a.x - b.x) < 0.3 || Math.abs(a.y - b.y) < 0.3) return undefined;
  const outline = [pt(a.x, a.y), pt(b.x, a.y), pt(b.x, b.y), pt(a.x, b.y)];
  return addElement(ctx.plan, 'zones', { id: ctx.newId(), type: ctx.options.zone, outline });
}

/** A measurement between two points; between two walls it also gives the clear distance (face to face). */
export function measure(plan: FloorPlan, from: Point<Metres>, to: Point<Metres>, radius: Metres): Measurement {
  const length = distance(from, to);
  const wallAt = (p: Point<Metres>) => hitTest(plan, p, radius).find((h) => h.collection === 'walls');
  const a = wallAt(from);
  const b = wallAt(to);
  if (a && b && a.id !== b.id) {
    const wa = plan.walls.find((w) => w.id === a.id)!;
    const wb = plan.walls.find((w) => w.id === b.id)!;
    return { from, to, length, clear: clearDistanceBetweenWalls(plan, wa, wb) };
  }
  return { from, to, length };
}

export function release(ctx: ToolContext, state: ToolState, at: Point<Metres>, tap: boolean): ToolResult {
  const idle: ToolState = { phase: 'idle' };
  try {
    if (state.phase === 'drawing') {
      const end = state.to;
      switch (ctx.tool) {
        case 'wall':
          if (distance(state.from, end) < 0.1) return { state: idle };
          {
            const action = addWall(ctx.plan, state.from, end, ctx.options.wallThickness, ctx.newId);
            const wall = action.actions.find((a) => a.type === 'add' && a.collection === 'walls');
            return { state: idle, action, select: wall && wall.type === 'add' ? wall.element.id : null };
          }
        case 'measure':
          return { state: idle, measurement: measure(ctx.plan, state.from, end, ctx.radius) };
        case 'zone': {
          const action = zoneFromRectangle(ctx, state.from, end);
          return action ? { state: idle, action, select: action.type === 'add' ? action.element.id : null } : { state: idle };
        }
        case 'flow': {
          const points = [...state.points];
          if (distance(points[points.length - 1]!, at) > 0.05) points.push(at);
          if (points.length < 2 || distance(points[0]!, points[points.length - 1]!) < 0.3) return { state: idle };
          const action = addElement(ctx.plan, 'flows', { id: ctx.newId(), kind: ctx.options.flow, points });
          return { state: idle, action, select: action.element.id };
        }
      }
    }
    if (state.phase === 'moving') {
      if (tap || !state.action) return { state: idle, select: state.id };
      return { state: idle, action: state.action, select: state.id };
    }
    if (!tap) return { state: idle };
    if (ctx.tool === 'select') return { state: idle, select: hitTop(ctx.plan, at, ctx.radius)?.id ?? null };
    if (ctx.tool === 'opening') {
      const wallHit = hitTest(ctx.plan, at, m(Math.max(ctx.radius, 0.3))).find((h) => h.collection === 'walls');
      if (!wallHit) return { state: idle, problem: 'noWall' };
      const id = ctx.newId();
      const kind = ctx.options.opening;
      const width = m(kind === 'door' ? 0.9 : kind === 'window' ? 1.2 : 0.6);
      const base = { id, wall: wallHit.id, width };
      const opening =
        kind === 'door' ? { ...base, kind, swing: { hinge: 'start' as const, side: 'left' as const }, exterior: false, selfClosing: false } : kind === 'window' ? { ...base, kind, exterior: false } : { ...base, kind };
      return { state: idle, action: addOpening(ctx.plan, opening, at), select: id };
    }
    if (ctx.tool === 'label') {
      const hit = hitTest(ctx.plan, at, ctx.radius).find((h) => h.collection === 'labels');
      const existing = hit ? ctx.plan.labels.find((l) => l.id === hit.id) : undefined;
      if (existing) return { state: idle, label: { id: existing.id, at: existing.at } };
      const g = ctx.options.grid;
      return { state: idle, label: { id: null, at: pt(onGrid(at.x, g), onGrid(at.y, g)) } };
    }
    if (ctx.tool === 'symbol') {
      const def = symbolDef(ctx.options.symbol);
      const g = ctx.options.grid;
      const centre = pt(onGrid(at.x, g), onGrid(at.y, g));
      const id = ctx.newId();
      const action = addElement(ctx.plan, 'fixtures', { id, symbol: ctx.options.symbol, at: centre, rotation: 0 as never, width: m(def.width), depth: m(def.depth) });
      return { state: idle, action, select: id };
    }
  } catch (e) {
    if (e instanceof EditError) return { state: idle, problem: e.message };
    throw e;
  }
  return { state: idle };
}
