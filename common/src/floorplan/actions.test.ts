import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addOpening, addWall, applyAction, duplicateElement, invertAction, moveCorner, moveElement, moveWallEndpoint, record, redo, removeElement, resizeElement, rotateElement, setTitle, startHistory, undo, updateElement, type EditAction } from './actions.ts';
import { floorPlanSchema, type FloorPlan } from './document.ts';
import { openingGeometry, wallById, wallLength } from './plan-geometry.ts';
import { m, pt } from './units.ts';
import { testPlan } from './test-plan.ts';

const ids = (prefix = 'n'): (() => string) => {
  let n = 0;
  return () => `${prefix}${++n}`;
};

describe('edit actions', () => {
  it('move a fixture and undo exactly', () => {
    const plan = testPlan();
    const a = moveElement(plan, 'f-table', m(0.3), m(-0.2));
    const moved = applyAction(plan, a);
    expect(moved.fixtures[2]!.at.x).toBeCloseTo(4.8);
    expect(moved.fixtures[2]!.at.y).toBeCloseTo(1.8);
    expect(plan.fixtures[2]!.at).toEqual({ x: 4.5, y: 2 });
    expect(applyAction(moved, invertAction(a))).toEqual(plan);
  });

  it('move a wall endpoint: joined walls follow and the door keeps its place along the wall', () => {
    const plan = testPlan();
    const moved = applyAction(plan, moveWallEndpoint(plan, 'w5', 'to', pt(3.5, 4)));
    expect(moved.corners.find((c) => c.id === 'c6')).toEqual({ id: 'c6', x: 3.5, y: 4 });
    const door = moved.openings.find((o) => o.id === 'd1')!;
    expect(door.offset).toBe(2);
    const g = openingGeometry(moved, door);
    expect(g.centre.x).toBeGreaterThan(3);
  });

  it('pull an opening back inside a wall that got shorter', () => {
    const plan = testPlan();
    const a = moveCorner(plan, 'c6', pt(3, 2.5));
    const moved = applyAction(plan, a);
    const pw = moved.openings.find((o) => o.id === 'pw1')!;
    expect(pw.offset).toBeCloseTo(2.5 - 0.3);
    expect(openingGeometry(moved, pw).fits).toBe(true);
    expect(applyAction(moved, invertAction(a))).toEqual(plan);
  });

  it('slide a door along its wall, never off it', () => {
    const plan = testPlan();
    const moved = applyAction(plan, moveElement(plan, 'd1', m(5), m(10)));
    expect(moved.openings[0]!.offset).toBeCloseTo(4 - 0.4);
  });

  it('delete a wall with its openings, and put them all back on undo', () => {
    const plan = testPlan();
    const a = removeElement(plan, 'w5');
    const after = applyAction(plan, a);
    expect(after.walls.map((w) => w.id)).not.toContain('w5');
    expect(after.openings.map((o) => o.id)).toEqual(['d2', 'win1']);
    expect(floorPlanSchema.safeParse(after).success).toBe(true);
    expect(applyAction(after, invertAction(a))).toEqual(plan);
  });

  it('delete a corner with its walls', () => {
    const plan = testPlan();
    const after = applyAction(plan, removeElement(plan, 'c1'));
    expect(after.walls.map((w) => w.id)).toEqual(['w2', 'w3', 'w5']);
    expect(after.openings.map((o) => o.id)).not.toContain('win1');
    expect(floorPlanSchema.safeParse(after).success).toBe(true);
  });

  it('rotate, resize and duplicate', () => {
    const plan = testPlan();
    const turned = applyAction(plan, rotateElement(plan, 'f-table', 60));
    expect(turned.fixtures[2]!.rotation).toBe(105);
    expect(applyAction(plan, rotateElement(plan, 'f-table', -90)).fixtures[2]!.rotation).toBe(315);
    const big = applyAction(plan, resizeElement(plan, 'f-stove', { width: m(1.8) }));
    expect(big.fixtures[0]).toMatchObject({ width: 1.8, depth: 0.8 });
    expect(() => resizeElement(plan, 'd1', { width: m(9) })).toThrow(/门窗比墙还宽/);
    const copy = applyAction(plan, duplicateElement(plan, 'f-stove', ids('copy'), m(1), m(0)));
    expect(copy.fixtures.at(-1)).toMatchObject({ id: 'copy1', symbol: 'stove', at: { x: 2, y: 0.5 } });
    const wallCopy = applyAction(plan, duplicateElement(plan, 'w5', ids('k')));
    expect(wallCopy.walls.at(-1)).toMatchObject({ id: 'k1', from: 'k2', to: 'k3' });
    expect(wallLength(wallCopy, wallById(wallCopy, 'k1'))).toBe(4);
  });

  it('draw a wall joined to an existing corner', () => {
    const plan = testPlan();
    const a = addWall(plan, pt(0, 0.001), pt(0, -3), m(0.24), ids('x'));
    const after = applyAction(plan, a);
    expect(after.walls.at(-1)).toMatchObject({ from: 'c1', to: 'x1' });
    expect(after.corners).toHaveLength(7);
  });

  it('drop a door where the finger is', () => {
    const plan = testPlan();
    const a = addOpening(plan, { id: 'd9', wall: 'w1', kind: 'door', width: m(0.9), swing: { hinge: 'start', side: 'left' }, exterior: false, selfClosing: false }, pt(5.9, 0.3));
    expect(applyAction(plan, a).openings.at(-1)!.offset).toBeCloseTo(6 - 0.45);
  });

  it('refuse actions that do not fit the plan', () => {
    const plan = testPlan();
    expect(() => applyAction(plan, { type: 'add', collection: 'labels', element: { ...plan.labels[0]! }, index: 0 })).toThrow(/已存在/);
    expect(() => applyAction(plan, { type: 'remove', collection: 'labels', element: { ...plan.labels[0]!, id: 'x' }, index: 0 })).toThrow();
    expect(() => rotateElement(plan, 'd1', 10)).toThrow();
  });

  it('give undo and redo through the history', () => {
    let h = startHistory(testPlan());
    h = record(h, moveElement(h.plan, 'f-stove', m(1), m(0)));
    h = record(h, setTitle(h.plan, { operatorName: '新名字' }));
    expect(h.plan.title.operatorName).toBe('新名字');
    h = undo(h);
    expect(h.plan.title.operatorName).toBe('测试小吃店');
    h = undo(h);
    expect(h.plan).toEqual(testPlan());
    h = redo(redo(h));
    expect(h.plan.fixtures[0]!.at.x).toBe(2);
    expect(h.plan.title.operatorName).toBe('新名字');
    expect(undo(startHistory(h.plan)).plan).toBe(h.plan);
  });
});

// --- properties: random edits stay valid and undo exactly ----------------------------------------

type Op =
  | { op: 'move'; pick: number; dx: number; dy: number }
  | { op: 'rotate'; pick: number; angle: number }
  | { op: 'resize'; pick: number; w: number; d: number }
  | { op: 'remove'; pick: number }
  | { op: 'duplicate'; pick: number }
  | { op: 'corner'; pick: number; x: number; y: number }
  | { op: 'wall'; x1: number; y1: number; x2: number; y2: number }
  | { op: 'door'; pick: number; t: number }
  | { op: 'title'; seats: number }
  | { op: 'zoneType'; pick: number };

const small = fc.double({ min: -3, max: 3, noNaN: true });
const coord = fc.double({ min: -2, max: 10, noNaN: true });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(), dx: small, dy: small }),
  fc.record({ op: fc.constant('rotate' as const), pick: fc.nat(), angle: fc.double({ min: -360, max: 360, noNaN: true }) }),
  fc.record({ op: fc.constant('resize' as const), pick: fc.nat(), w: fc.double({ min: 0.05, max: 3, noNaN: true }), d: fc.double({ min: 0.05, max: 3, noNaN: true }) }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('corner' as const), pick: fc.nat(), x: coord, y: coord }),
  fc.record({ op: fc.constant('wall' as const), x1: coord, y1: coord, x2: coord, y2: coord }),
  fc.record({ op: fc.constant('door' as const), pick: fc.nat(), t: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('title' as const), seats: fc.nat({ max: 500 }) }),
  fc.record({ op: fc.constant('zoneType' as const), pick: fc.nat() }),
);

const allIds = (plan: FloorPlan): string[] => [...plan.corners, ...plan.walls, ...plan.openings, ...plan.zones, ...plan.fixtures, ...plan.flows, ...plan.labels, ...plan.dimensions].map((e) => e.id);

/** Builds the action an op stands for, or undefined where it does not apply (the builders may refuse, too). */
function build(plan: FloorPlan, op: Op, newId: () => string): EditAction | undefined {
  const everything = allIds(plan);
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  try {
    switch (op.op) {
      case 'move': {
        const id = pick(everything, op.pick);
        return id ? moveElement(plan, id, m(op.dx), m(op.dy)) : undefined;
      }
      case 'rotate': {
        const id = pick([...plan.fixtures, ...plan.zones, ...plan.labels, ...plan.flows, ...plan.walls, ...plan.dimensions].map((e) => e.id), op.pick);
        return id ? rotateElement(plan, id, op.angle) : undefined;
      }
      case 'resize': {
        const f = pick([...plan.fixtures, ...plan.openings], op.pick);
        return f ? resizeElement(plan, f.id, { width: m(op.w), depth: m(op.d) }) : undefined;
      }
      case 'remove': {
        const id = pick(everything, op.pick);
        return id ? removeElement(plan, id) : undefined;
      }
      case 'duplicate': {
        const id = pick(everything.filter((i) => !plan.corners.some((c) => c.id === i)), op.pick);
        return id ? duplicateElement(plan, id, newId) : undefined;
      }
      case 'corner': {
        const c = pick(plan.corners, op.pick);
        return c ? moveCorner(plan, c.id, pt(op.x, op.y)) : undefined;
      }
      case 'wall':
        return addWall(plan, pt(op.x1, op.y1), pt(op.x2, op.y2), m(0.12), newId);
      case 'door': {
        const w = pick(plan.walls, op.pick);
        if (!w) return undefined;
        const len = wallLength(plan, w);
        return addOpening(plan, { id: newId(), wall: w.id, kind: 'window', width: m(Math.min(0.6, len)), exterior: false, offset: m(len * op.t) });
      }
      case 'title':
        return setTitle(plan, { seats: op.seats });
      case 'zoneType': {
        const z = pick(plan.zones, op.pick);
        return z ? updateElement(plan, 'zones', z.id, { type: 'storage' }) : undefined;
      }
    }
  } catch {
    return undefined;
  }
}

describe('edit action properties', () => {
  it('undoing any sequence of edits gives back the plan exactly, and every step is a valid document', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const newId = ids('p');
        let plan = testPlan();
        const done: Array<{ before: FloorPlan; action: EditAction }> = [];
        for (const op of ops) {
          const action = build(plan, op, newId);
          if (!action) continue;
          const next = applyAction(plan, action);
          const valid = floorPlanSchema.safeParse(next);
          expect(valid.success, JSON.stringify(valid.error?.issues)).toBe(true);
          // The action survives JSON (the undo stack may be saved with the plan).
          const roundTrip = JSON.parse(JSON.stringify(action)) as EditAction;
          expect(applyAction(next, invertAction(roundTrip))).toEqual(plan);
          done.push({ before: plan, action });
          plan = next;
        }
        for (const { before, action } of done.reverse()) {
          plan = applyAction(plan, invertAction(action));
          expect(plan).toEqual(before);
        }
        expect(plan).toEqual(testPlan());
      }),
      { numRuns: 150 },
    );
  });

  it('inverting twice gives the same action', () => {
    fc.assert(
      fc.property(opArb, (op) => {
        const plan = testPlan();
        const action = build(plan, op, ids('q'));
        if (action) expect(invertAction(invertAction(action))).toEqual(action);
      }),
    );
  });
});
