import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angleOf, distance } from './geometry.ts';
import { pointAtLength, snap, snapAngle, snapPerpendicular, snapToGrid, snapToPoints, snapToSegments } from './snap.ts';
import { m, pt, type Metres, type Point } from './units.ts';

const coord = fc.double({ min: -100, max: 100, noNaN: true });
const point = fc.tuple(coord, coord).map(([x, y]) => pt(x, y));
const close = (a: Point<Metres>, b: Point<Metres>): void => {
  expect(a.x).toBeCloseTo(b.x, 9);
  expect(a.y).toBeCloseTo(b.y, 9);
};

describe('snapping', () => {
  it.each([
    [[0.12, 0.49], 0.1, [0.1, 0.5]],
    [[2.26, -1.74], 0.5, [2.5, -1.5]],
    [[3.33, 4.44], 0, [3.33, 4.44]],
  ] as const)('puts %j on a %s m grid', ([x, y], grid, [ex, ey]) => {
    close(snapToGrid(pt(x, y), m(grid)), pt(ex, ey));
  });

  it('takes the nearest endpoint within the radius only', () => {
    const corners = [pt(0, 0), pt(1, 0), pt(1.1, 0)];
    expect(snapToPoints(pt(1.04, 0.02), corners, m(0.2))).toEqual(pt(1, 0));
    expect(snapToPoints(pt(3, 3), corners, m(0.2))).toBeUndefined();
  });

  it('rounds a direction to 15° keeping the length', () => {
    const q = snapAngle(pt(0, 0), pt(5, 0.6));
    expect(angleOf(pt(0, 0), q)).toBeCloseTo(0);
    expect(distance(pt(0, 0), q)).toBeCloseTo(Math.hypot(5, 0.6));
    expect(angleOf(pt(0, 0), snapAngle(pt(0, 0), pt(3, 1.9)))).toBeCloseTo(30);
  });

  it('makes a new wall perpendicular to a slanted one', () => {
    const slanted = { a: pt(0, 0), b: pt(4, 1) }; // about 14°
    const got = snapPerpendicular(pt(4, 1), pt(3.4, 4), [slanted])!;
    expect(got.reference).toBe(0);
    const d = { x: got.point.x - 4, y: got.point.y - 1 };
    expect(d.x * 4 + d.y * 1).toBeCloseTo(0, 9);
    expect(snapPerpendicular(pt(4, 1), pt(2, 4), [slanted])).toBeUndefined();
  });

  it('puts a point onto a wall by the foot of the perpendicular', () => {
    const got = snapToSegments(pt(2, 0.1), [{ a: pt(0, 0), b: pt(4, 0) }], m(0.2))!;
    close(got.point, pt(2, 0));
    expect(snapToSegments(pt(2, 1), [{ a: pt(0, 0), b: pt(4, 0) }], m(0.2))).toBeUndefined();
  });

  it('types an exact length along the finger\u2019s direction', () => {
    close(pointAtLength(pt(1, 1), pt(4, 5), m(2.5)), pt(2.5, 3));
  });

  it('prefers an endpoint to a wall, a wall to an angle, an angle to the grid', () => {
    const ctx = { grid: m(0.5), points: [pt(5, 0)], segments: [{ a: pt(0, 3), b: pt(10, 3) }], origin: pt(0, 0), radius: m(0.3) };
    expect(snap(pt(5.1, 0.1), ctx)).toEqual({ point: pt(5, 0), kind: 'point' });
    expect(snap(pt(7, 3.05), ctx).kind).toBe('segment');
    expect(snap(pt(2.02, 1.19), ctx).kind).toBe('angle');
    expect(snap(pt(8.3, 8.9), { ...ctx, origin: undefined, segments: [] })).toEqual({ point: pt(8.5, 9), kind: 'grid' });
  });

  it('is idempotent: snapping a snapped point leaves it where it is', () => {
    fc.assert(
      fc.property(point, point, fc.constantFrom(0.05, 0.1, 0.25, 0.5), (p, origin, grid) => {
        const g = snapToGrid(p, m(grid));
        close(snapToGrid(g, m(grid)), g);
        const a = snapAngle(origin, p);
        close(snapAngle(origin, a), a);
        const ctx = { grid: m(grid), points: [pt(1, 1), pt(-3, 2)], origin, radius: m(0.3) };
        const once = snap(p, ctx).point;
        close(snap(once, ctx).point, once);
        const walls = { ...ctx, segments: [{ a: pt(-2, -1), b: pt(6, 1) }, { a: pt(0, 4), b: pt(0, -4) }] };
        const onWalls = snap(p, walls).point;
        close(snap(onWalls, walls).point, onWalls);
      }),
    );
  });

  it('snaps a grid point that lies within reach of a 15° line onto the line, so that snapping again keeps it', () => {
    // Found by the property above: the finger is too far from the 7.5° boundary's 15° line,
    // but the grid point it snaps to (2.25, 0.3) is close enough to it.
    const ctx = { grid: m(0.05), points: [], origin: pt(0, 0), radius: m(0.3) };
    const once = snap(pt(2.2738473060327347, 0.2993576769715811), ctx);
    expect(once.kind).toBe('angle');
    expect(angleOf(pt(0, 0), once.point)).toBeCloseTo(15, 9);
    expect(snap(once.point, ctx)).toEqual(once);
  });
});
