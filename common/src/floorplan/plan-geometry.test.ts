import { describe, expect, it } from 'vitest';
import { clearDistanceBetweenWalls, openingGeometry, openingSides, wallById, wallJoins, wallLength, wallOutline, zoneArea, zoneAt } from './plan-geometry.ts';
import { floorPlanSchema } from './document.ts';
import { pt } from './units.ts';
import { testPlan, testPlanInput } from './test-plan.ts';

const round = (ps: Array<{ x: number; y: number }>): number[][] => ps.map((p) => [Number(p.x.toFixed(6)) + 0, Number(p.y.toFixed(6)) + 0]);

describe('walls', () => {
  const plan = testPlan();
  it('measure their centre lines', () => {
    expect(wallLength(plan, wallById(plan, 'w1'))).toBe(6);
    expect(wallLength(plan, wallById(plan, 'w5'))).toBe(4);
  });

  it('close an L corner with a mitre', () => {
    // w1 runs (0,0)→(6,0), 0.24 thick; at c1 it meets w4 (0,4)→(0,0). The outer corner of the
    // joint is (-0.12, -0.12), the inner (0.12, 0.12).
    const outline = round(wallOutline(plan, wallById(plan, 'w1')));
    expect(outline).toContainEqual([-0.12, -0.12]);
    expect(outline).toContainEqual([0.12, 0.12]);
    expect(outline).toContainEqual([6.12, -0.12]);
    expect(outline).toContainEqual([5.88, 0.12]);
  });

  it('end square at a T (the partition stops at the outer wall\u2019s centre line)', () => {
    expect(round(wallOutline(plan, wallById(plan, 'w5')))).toEqual([
      [2.94, 0],
      [2.94, 4],
      [3.06, 4],
      [3.06, 0],
    ]);
  });

  it('report how they meet at each corner', () => {
    const joins = Object.fromEntries(wallJoins(plan).map((j) => [j.corner, j.kind]));
    expect(joins).toEqual({ c1: 'corner', c2: 'corner', c3: 'corner', c4: 'corner', c5: 'end', c6: 'end' });
    const straight = floorPlanSchema.parse({
      format: 'hall.floorplan',
      version: 1,
      title: {},
      corners: [{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 2, y: 0 }, { id: 'c', x: 5, y: 0 }],
      walls: [{ id: 'w1', from: 'a', to: 'b', thickness: 0.2 }, { id: 'w2', from: 'b', to: 'c', thickness: 0.2 }],
    });
    expect(wallJoins(straight).find((j) => j.corner === 'b')!.kind).toBe('straight');
    // Two walls in line: the joint is flush, no mitre spike.
    expect(round(wallOutline(straight, wallById(straight, 'w1')))).toEqual([[0, 0.1], [2, 0.1], [2, -0.1], [0, -0.1]]);
  });

  it('are measured face to face, as a tape measure in the room would', () => {
    // Outer walls w2 (x = 6) and w4 (x = 0), both 0.24 thick: 6 − 0.24 = 5.76 clear.
    expect(clearDistanceBetweenWalls(plan, wallById(plan, 'w2'), wallById(plan, 'w4'))).toBeCloseTo(5.76);
    // Partition at x = 3 (0.12) to w4: 3 − 0.06 − 0.12.
    expect(clearDistanceBetweenWalls(plan, wallById(plan, 'w5'), wallById(plan, 'w4'))).toBeCloseTo(2.82);
  });
});

describe('openings', () => {
  const plan = testPlan();
  it('sit on their wall by their offset', () => {
    const g = openingGeometry(plan, plan.openings.find((o) => o.id === 'd1')!);
    expect(g.centre).toEqual({ x: 3, y: 2 });
    expect(round([g.segment.a, g.segment.b])).toEqual([[3, 1.6], [3, 2.4]]);
    expect(g.fits).toBe(true);
  });

  it('know the zones on either side', () => {
    const sides = openingSides(plan, plan.openings.find((o) => o.id === 'd1')!);
    expect([sides.left?.id, sides.right?.id].sort()).toEqual(['z-dining', 'z-kitchen']);
    const outside = openingSides(plan, plan.openings.find((o) => o.id === 'd2')!);
    // d2 is in the outer wall w3 (6,4) → (0,4), 1.5 m along: x = 4.5, the dining side; the other side is outside.
    expect([outside.left?.id, outside.right?.id].filter(Boolean)).toEqual(['z-dining']);
  });

  it('report when they stick out of a wall that got shorter', () => {
    const input = testPlanInput();
    input.openings![1]!.offset = 5.8;
    const plan2 = floorPlanSchema.parse(input);
    expect(openingGeometry(plan2, plan2.openings[1]!).fits).toBe(false);
  });
});

describe('zones', () => {
  const plan = testPlan();
  it('compute their area from the outline', () => {
    expect(zoneArea(plan.zones[0]!)).toBe(12);
  });
  it('find the smallest zone at a point (a room drawn inside a room)', () => {
    const input = testPlanInput();
    input.zones!.push({ id: 'z-cold', type: 'cold-dish-room', outline: [{ x: 0, y: 3 }, { x: 1, y: 3 }, { x: 1, y: 4 }, { x: 0, y: 4 }] });
    const plan2 = floorPlanSchema.parse(input);
    expect(zoneAt(plan2, pt(0.5, 3.5))?.id).toBe('z-cold');
    expect(zoneAt(plan2, pt(2, 1))?.id).toBe('z-kitchen');
    expect(zoneAt(plan2, pt(7, 1))).toBeUndefined();
  });
});
