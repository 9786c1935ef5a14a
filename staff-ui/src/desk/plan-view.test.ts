import { describe, expect, it } from 'vitest';
import { testPlan } from '@hall/common/floorplan/test-plan';
import { planScene, sortResults } from './plan-view.ts';

describe('the clerk’s drawing of a plan', () => {
  it('has one shape per wall, opening, zone, fixture and flow, in drawing order, and every zone’s name and area', () => {
    const plan = testPlan();
    const scene = planScene(plan);
    const kinds = scene.shapes.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'wall')).toHaveLength(plan.walls.length);
    expect(kinds.filter((k) => k === 'opening')).toHaveLength(plan.openings.length);
    expect(kinds.filter((k) => k === 'zone')).toHaveLength(plan.zones.length);
    expect(kinds.filter((k) => k === 'fixture')).toHaveLength(plan.fixtures.length);
    expect(kinds.filter((k) => k === 'flow')).toHaveLength(plan.flows.length);
    // Zones under walls, walls under openings, fixtures, then flows on top.
    expect(kinds.indexOf('wall')).toBeGreaterThan(kinds.lastIndexOf('zone'));
    expect(kinds.indexOf('flow')).toBeGreaterThan(kinds.lastIndexOf('fixture'));
    const texts = scene.texts.map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['切配烹饪区', '12㎡', '就餐区']));
    // A wall is drawn in its thickness: the top wall's outline spans 0.24 m across y = 0.
    const top = scene.shapes.find((s) => s.id === 'w1')!.d;
    const ys = [...top.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => Number(m[2]));
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(0.24, 6);
    // The view box holds the whole plan with a margin (the raw flow starts at y = 5).
    const [x, y, w, h] = scene.viewBox.split(' ').map(Number);
    expect(x).toBeLessThan(-0.12);
    expect(y! + h!).toBeGreaterThan(5);
    expect(w).toBeGreaterThan(6);
  });

  it('draws a door with its swing arc and marks exactly the elements of a tapped rule', () => {
    const plan = testPlan();
    const door = planScene(plan).shapes.find((s) => s.id === 'd1')!;
    expect(door.d).toMatch(/ A0\.8 0\.8 /);
    const scene = planScene(plan, new Set(['f-stove', 'z-kitchen']));
    expect(scene.shapes.filter((s) => s.highlighted).map((s) => s.id).sort()).toEqual(['f-stove', 'z-kitchen']);
  });

  it('lists failed rules first, keeping the rule set’s order within each status', () => {
    const results = [
      { id: 'a', status: 'pass' as const },
      { id: 'b', status: 'not-applicable' as const },
      { id: 'c', status: 'fail' as const },
      { id: 'd', status: 'pass' as const },
      { id: 'e', status: 'fail' as const },
    ];
    expect(sortResults(results).map((r) => r.id)).toEqual(['c', 'e', 'a', 'd', 'b']);
  });
});
