import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centroid, distance, distanceToSegment, isSimplePolygon, pointInPolygon, polygonArea, polygonDistance, rectangleCorners, rotate, segmentsIntersect, translate } from './geometry.ts';
import { pt, type Metres, type Point } from './units.ts';

const poly = (...xy: Array<[number, number]>): Point<Metres>[] => xy.map(([x, y]) => pt(x, y));

describe('polygonArea', () => {
  const cases: Array<[string, Point<Metres>[], number]> = [
    ['a 6 × 8 shop', poly([0, 0], [6, 0], [6, 8], [0, 8]), 48],
    ['the same drawn the other way round', poly([0, 8], [6, 8], [6, 0], [0, 0]), 48],
    ['a right triangle', poly([0, 0], [3, 0], [0, 4]), 6],
    ['an L-shaped kitchen (concave)', poly([0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [0, 3]), 4 + 2],
    ['a U-shaped counter (two notches)', poly([0, 0], [5, 0], [5, 3], [4, 3], [4, 1], [1, 1], [1, 3], [0, 3]), 15 - 6],
    ['a trapezoid', poly([0, 0], [4, 0], [3, 2], [1, 2]), 6],
    ['a wedge-shaped corner room', poly([0, 0], [5, 0], [0, 2.5]), 6.25],
    ['an arrow (reflex vertex)', poly([0, 0], [2, 1], [4, 0], [2, 4]), 6],
  ];
  it.each(cases)('%s', (_name, outline, area) => {
    expect(polygonArea(outline)).toBeCloseTo(area, 9);
  });

  const polygonArb = fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 3, maxLength: 12 }).map((xy) => poly(...xy));
  it('does not change when the outline is moved or turned', () => {
    fc.assert(
      fc.property(polygonArb, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -360, max: 360, noNaN: true }), (outline, dx, dy, angle) => {
        const a = polygonArea(outline);
        const moved = outline.map((p) => rotate(translate(p, dx, dy), pt(dx, dy), angle));
        expect(polygonArea(moved)).toBeCloseTo(a, 6);
      }),
    );
  });

  it('does not depend on the starting vertex or the direction', () => {
    fc.assert(
      fc.property(polygonArb, fc.nat(), (outline, k) => {
        const shift = k % outline.length;
        const rolled = [...outline.slice(shift), ...outline.slice(0, shift)];
        expect(polygonArea(rolled)).toBeCloseTo(polygonArea(outline), 6);
        expect(polygonArea([...outline].reverse())).toBeCloseTo(polygonArea(outline), 6);
      }),
    );
  });
});

describe('pointInPolygon', () => {
  const l = poly([0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [0, 3]);
  const cases: Array<[string, [number, number], boolean]> = [
    ['inside the long arm', [3, 0.5], true],
    ['inside the short arm', [0.5, 2.5], true],
    ['in the notch of the L', [2, 2], false],
    ['outside', [5, 0.5], false],
    ['on an edge', [2, 0], true],
    ['on the reflex corner', [1, 1], true],
  ];
  it.each(cases)('%s', (_name, [x, y], inside) => {
    expect(pointInPolygon(pt(x, y), l)).toBe(inside);
  });
  it('counts a boundary point as outside when asked for the strict test', () => {
    expect(pointInPolygon(pt(4, 0.5), l, 0)).toBe(false);
  });
});

describe('segments and distances', () => {
  const s = { a: pt(0, 0), b: pt(4, 0) };
  it.each([
    ['crossing', { a: pt(2, -1), b: pt(2, 1) }, true],
    ['touching at an end', { a: pt(4, 0), b: pt(5, 3) }, true],
    ['overlapping on a line', { a: pt(3, 0), b: pt(6, 0) }, true],
    ['parallel apart', { a: pt(0, 1), b: pt(4, 1) }, false],
    ['in line but apart', { a: pt(5, 0), b: pt(6, 0) }, false],
    ['short of it', { a: pt(2, 1), b: pt(2, 0.1) }, false],
  ] as const)('%s', (_name, t, expected) => {
    expect(segmentsIntersect(s, t)).toBe(expected);
    expect(segmentsIntersect(t, s)).toBe(expected);
  });
  it('measures to the nearest point of a segment', () => {
    expect(distanceToSegment(pt(2, 3), s)).toBeCloseTo(3);
    expect(distanceToSegment(pt(7, 4), s)).toBeCloseTo(5);
    expect(distance(pt(0, 0), pt(3, 4))).toBe(5);
  });
  it('measures between polygons, 0 when they touch', () => {
    const a = poly([0, 0], [1, 0], [1, 1], [0, 1]);
    expect(polygonDistance(a, poly([3, 0], [4, 0], [4, 1], [3, 1]))).toBeCloseTo(2);
    expect(polygonDistance(a, poly([1, 0], [2, 0], [2, 1], [1, 1]))).toBe(0);
    expect(polygonDistance(a, poly([0.2, 0.2], [0.4, 0.2], [0.4, 0.4]))).toBe(0);
  });
});

describe('shapes', () => {
  it('finds the centroid of a concave outline (area-weighted, not the vertex mean)', () => {
    const c = centroid(poly([0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [0, 3]));
    // arm 4×1 centred (2, 0.5), arm 1×2 centred (0.5, 2): weighted by 4 and 2.
    expect(c.x).toBeCloseTo((4 * 2 + 2 * 0.5) / 6);
    expect(c.y).toBeCloseTo((4 * 0.5 + 2 * 2) / 6);
  });
  it('rejects a bow-tie outline and a degenerate one', () => {
    expect(isSimplePolygon(poly([0, 0], [2, 2], [2, 0], [0, 2]))).toBe(false);
    expect(isSimplePolygon(poly([0, 0], [1, 0], [2, 0]))).toBe(false);
    expect(isSimplePolygon(poly([0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [0, 3]))).toBe(true);
  });
  it('turns a rectangle about its centre', () => {
    const r = rectangleCorners(pt(1, 1), 2, 1, 90);
    expect(r.map((p) => [Number(p.x.toFixed(6)) + 0, Number(p.y.toFixed(6)) + 0])).toEqual([
      [1.5, 0],
      [1.5, 2],
      [0.5, 2],
      [0.5, 0],
    ]);
  });
});
