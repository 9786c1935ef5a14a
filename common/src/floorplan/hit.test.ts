import { describe, expect, it } from 'vitest';
import { hitTest, hitTop } from './hit.ts';
import { m, pt } from './units.ts';
import { testPlan } from './test-plan.ts';

describe('hitTest', () => {
  const plan = testPlan();
  const at = (x: number, y: number, tol = 0.1): string[] => hitTest(plan, pt(x, y), m(tol)).map((h) => h.id);

  it('finds a door before the wall it sits in, and the wall before the zones', () => {
    const ids = at(3.02, 2);
    expect(ids[0]).toBe('d1');
    expect(ids.indexOf('w5')).toBeGreaterThan(0);
    expect(ids.indexOf('w5')).toBeLessThan(ids.indexOf('z-dining'));
  });

  it('finds the wall and not the door away from the door', () => {
    expect(hitTop(plan, pt(3, 0.8), m(0.05))?.id).toBe('w5');
  });

  it('finds a fixture by its turned footprint', () => {
    // The table is turned 45°: its corner points along the axes, 0.566 m from the centre.
    expect(at(4.5 + 0.5, 2, 0)).toContain('f-table');
    expect(at(4.5 + 0.38, 2 + 0.38, 0)).not.toContain('f-table');
  });

  it('finds both the stove and the hood drawn over it', () => {
    const hits = hitTest(plan, pt(1, 0.5), m(0.05)).filter((h) => h.collection === 'fixtures').map((h) => h.id);
    expect(hits.sort()).toEqual(['f-hood', 'f-stove']);
  });

  it('finds flows, labels, dimensions and corners near the point', () => {
    expect(at(1.05, 3)).toContain('fl-raw');
    expect(at(1.5, 2)).toContain('l1');
    expect(at(3, 4.0, 0.05)[0]).toBe('c6');
    expect(at(5, 4)).toContain('dim1');
  });

  it('finds only the zone in open floor, and nothing outside', () => {
    expect(at(2, 2.5)).toEqual(['z-kitchen']);
    expect(at(9, 9)).toEqual([]);
  });
});
