import { describe, expect, it } from 'vitest';
import { applyAction, emptyPlan, addWall, m, pt, wallLength, type EditAction, type FloorPlan } from '@hall/common/floorplan/index';
import { defaultToolOptions, drag, press, release, type ToolContext, type ToolId, type ToolState } from './tools.ts';

/** A 6 × 8 m room (walls 0.24 m) as the blank start makes it. */
function room(): FloorPlan {
  let plan = emptyPlan();
  let n = 0;
  const id = () => `t${++n}`;
  const c = [pt(0, 0), pt(6, 0), pt(6, 8), pt(0, 8)];
  for (let i = 0; i < 4; i++) plan = applyAction(plan, addWall(plan, c[i]!, c[(i + 1) % 4]!, m(0.24), id));
  return plan;
}

function context(plan: FloorPlan, tool: ToolId, extra: Partial<ToolContext> = {}): ToolContext {
  let n = 0;
  return { plan, tool, options: defaultToolOptions, radius: m(0.3), newId: () => `n${++n}`, selected: null, ...extra };
}

/** Press at a, drag through the points, release at the last one. */
function stroke(ctx: ToolContext, ...points: Array<[number, number]>) {
  let state: ToolState = press(ctx, pt(...points[0]!)).state;
  for (const p of points.slice(1)) state = drag(ctx, state, pt(...p)).state;
  const last = points.at(-1)!;
  return { before: state, result: release(ctx, state, pt(...last), points.length === 1) };
}

const apply = (plan: FloorPlan, a: EditAction | undefined) => (a ? applyAction(plan, a) : plan);

describe('wall tool', () => {
  it('a wall drawn across the room snaps onto the outer walls, on the grid along them, and joins nothing it should not', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'wall'), [0.05, 4.03], [3, 4.1], [5.96, 3.98]);
    const next = apply(plan, result.action);
    const wall = next.walls.at(-1)!;
    const a = next.corners.find((c) => c.id === wall.from)!;
    const b = next.corners.find((c) => c.id === wall.to)!;
    expect([a.x, a.y, b.x, b.y]).toEqual([0, 4, 6, 4]);
    expect(result.select).toBe(wall.id);
  });

  it('a free end rounds to a 15° direction when close to one', () => {
    const plan = emptyPlan();
    const { result } = stroke(context(plan, 'wall', { radius: m(0.5) }), [1, 1], [3, 1.12]);
    const next = apply(plan, result.action);
    const [a, b] = next.corners;
    expect(b!.y).toBeCloseTo(a!.y, 9);
    expect(wallLength(next, next.walls[0]!)).toBeGreaterThan(1.9);
  });

  it('ends at an existing corner: the walls are joined there', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'wall'), [3, 4], [5.9, 7.95]);
    const next = apply(plan, result.action);
    const wall = next.walls.at(-1)!;
    expect(next.corners.find((c) => c.id === wall.to)).toMatchObject({ x: 6, y: 8 });
    expect(next.corners.length).toBe(plan.corners.length + 1);
  });

  it('a tap draws no wall', () => {
    expect(stroke(context(room(), 'wall'), [3, 3]).result.action).toBeUndefined();
  });
});

describe('measure tool', () => {
  it('between two walls: the clear distance face to face as well as the centre distance', () => {
    const { result } = stroke(context(room(), 'measure'), [0.03, 2], [5.97, 2]);
    expect(result.measurement?.length).toBeCloseTo(6, 9);
    expect(result.measurement?.clear).toBeCloseTo(5.76, 9);
    expect(result.action).toBeUndefined();
  });

  it('in the open: only the distance', () => {
    const { result } = stroke(context(room(), 'measure'), [1, 2], [4, 6]);
    expect(result.measurement?.length).toBeCloseTo(5, 9);
    expect(result.measurement?.clear).toBeUndefined();
  });
});

describe('zone, opening, symbol and flow tools', () => {
  it('a zone is the rectangle dragged, of the type chosen', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'zone', { options: { ...defaultToolOptions, zone: 'dishwashing' } }), [4, 4], [5, 5], [6, 6.5]);
    const zone = apply(plan, result.action).zones[0]!;
    expect(zone.type).toBe('dishwashing');
    expect(zone.outline).toEqual([pt(4, 4), pt(6, 4), pt(6, 6.5), pt(4, 6.5)]);
  });

  it('a door tapped on a wall sits in it where the finger was; away from walls it asks for a wall', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'opening'), [2, 0.05]);
    const door = apply(plan, result.action).openings[0]!;
    expect(door).toMatchObject({ kind: 'door', wall: plan.walls[0]!.id, offset: 2, width: 0.9 });
    expect(stroke(context(plan, 'opening'), [3, 3]).result).toMatchObject({ problem: 'noWall' });
    expect(stroke(context(plan, 'opening'), [3, 3]).result.action).toBeUndefined();
  });

  it('a symbol tapped lands on the grid with its library size', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'symbol', { options: { ...defaultToolOptions, symbol: 'stove' } }), [2.83, 6.02]);
    expect(apply(plan, result.action).fixtures[0]).toMatchObject({ symbol: 'stove', at: { x: 2.8, y: 6 }, width: 1.2, depth: 0.8 });
  });

  it('a flow arrow follows the finger, of the kind chosen; a short flick draws none', () => {
    const plan = room();
    const ctx = context(plan, 'flow', { options: { ...defaultToolOptions, flow: 'finished' } });
    const { result } = stroke(ctx, [2, 6], [2, 5], [2, 4], [3, 3]);
    const flow = apply(plan, result.action).flows[0]!;
    expect(flow.kind).toBe('finished');
    expect(flow.points[0]).toEqual(pt(2, 6));
    expect(flow.points.at(-1)).toEqual(pt(3, 3));
    expect(stroke(ctx, [2, 6], [2.1, 6]).result.action).toBeUndefined();
  });
});

describe('select tool', () => {
  it('tap selects the topmost element; a drag moves it on the grid as one action', () => {
    let plan = room();
    plan = apply(plan, stroke(context(plan, 'symbol', { options: { ...defaultToolOptions, symbol: 'fridge' } }), [2, 2]).result.action);
    const fridge = plan.fixtures[0]!;
    const ctx = context(plan, 'select');
    expect(stroke(ctx, [2.1, 2.1]).result.select).toBe(fridge.id);
    const { before, result } = stroke(ctx, [2, 2], [2.5, 2.5], [3.04, 2.97]);
    expect(before.phase).toBe('moving');
    const moved = apply(plan, result.action).fixtures[0]!;
    expect(moved.at).toEqual({ x: 3, y: 3 });
  });

  it('dragging a wall corner moves the corner, and the joined walls follow', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'select'), [6, 8], [6.5, 8.5], [7, 9]);
    const next = apply(plan, result.action);
    expect(next.corners.find((c) => c.x === 7 && c.y === 9)).toBeDefined();
    expect(next.walls.map((w) => Math.round(wallLength(next, w) * 100) / 100)).toEqual([6, 9.06, 7.07, 8]);
  });

  it('a stroke over an unselected room does not move the room', () => {
    let plan = room();
    plan = apply(plan, stroke(context(plan, 'zone'), [0, 0], [6, 4]).result.action);
    const { result } = stroke(context(plan, 'select'), [3, 2], [4, 3]);
    expect(result.action).toBeUndefined();
  });
});

describe('label tool', () => {
  it('a tap on empty floor asks for a new label on the grid; a tap on a label asks to edit that one', () => {
    const plan = room();
    const { result } = stroke(context(plan, 'label'), [2.03, 3.48]);
    expect(result.action).toBeUndefined();
    expect(result.label).toEqual({ id: null, at: pt(2, 3.5) });
    const labelled = { ...plan, labels: [{ id: 'l1', text: '更衣室', at: pt(2, 3.5), size: m(0.25), rotation: 0 as never }] };
    expect(stroke(context(labelled, 'label'), [2.1, 3.5]).result.label).toEqual({ id: 'l1', at: pt(2, 3.5) });
  });
});
