// Snapping while drawing: to existing endpoints, onto walls (the foot of the perpendicular),
// to 15° steps of direction, to a direction perpendicular or parallel to an existing wall,
// and to the grid. Each snapper is idempotent: snapping a snapped point changes nothing.
import { angleOf, distance, footOnLine, samePoint, type Segment } from './geometry.ts';
import { m, type Metres, type Point } from './units.ts';

export const snapToGrid = (p: Point<Metres>, grid: Metres): Point<Metres> =>
  grid > 0 ? { x: m(Math.round(p.x / grid) * grid), y: m(Math.round(p.y / grid) * grid) } : p;

/** The nearest candidate within radius, or undefined. */
export function snapToPoints(p: Point<Metres>, candidates: readonly Point<Metres>[], radius: Metres): Point<Metres> | undefined {
  let best: Point<Metres> | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(p, c);
    if (d <= radius && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** The point at the same distance from origin, its direction rounded to a multiple of step degrees. */
export function snapAngle(origin: Point<Metres>, p: Point<Metres>, step = 15): Point<Metres> {
  const len = distance(origin, p);
  if (len === 0) return p;
  const angle = angleOf(origin, p);
  const snapped = Math.round(angle / step) * step;
  if (Math.abs(snapped - angle) < 1e-9) return p;
  const r = (snapped * Math.PI) / 180;
  return { x: m(origin.x + len * Math.cos(r)), y: m(origin.y + len * Math.sin(r)) };
}

/** The point at an exact length from origin in the direction of towards (typing a wall length). */
export function pointAtLength(origin: Point<Metres>, towards: Point<Metres>, length: Metres): Point<Metres> {
  const d = distance(origin, towards);
  if (d === 0) return { x: m(origin.x + length), y: origin.y };
  return { x: m(origin.x + ((towards.x - origin.x) / d) * length), y: m(origin.y + ((towards.y - origin.y) / d) * length) };
}

/**
 * Turns the direction origin → p to be perpendicular or parallel to one of the reference
 * segments when it is within tolerance degrees of that, keeping the distance.
 */
export function snapPerpendicular(origin: Point<Metres>, p: Point<Metres>, references: readonly Segment<Metres>[], tolerance = 5): { point: Point<Metres>; reference: number } | undefined {
  const len = distance(origin, p);
  if (len === 0) return undefined;
  const angle = angleOf(origin, p);
  let best: { point: Point<Metres>; reference: number; off: number } | undefined;
  references.forEach((s, i) => {
    if (samePoint(s.a, s.b)) return;
    const base = angleOf(s.a, s.b);
    // Perpendicular and parallel both sit on 90° steps from the wall's direction.
    const rel = angle - base;
    const snappedRel = Math.round(rel / 90) * 90;
    const off = Math.abs(rel - snappedRel);
    if (off > tolerance || (best && off >= best.off)) return;
    const r = ((base + snappedRel) * Math.PI) / 180;
    const point = off < 1e-9 ? p : { x: m(origin.x + len * Math.cos(r)), y: m(origin.y + len * Math.sin(r)) };
    best = { point, reference: i, off };
  });
  return best ? { point: best.point, reference: best.reference } : undefined;
}

/** The nearest point on one of the segments within radius (the foot of the perpendicular, clamped to the segment). */
export function snapToSegments(p: Point<Metres>, segments: readonly Segment<Metres>[], radius: Metres): { point: Point<Metres>; segment: number } | undefined {
  let best: { point: Point<Metres>; segment: number; d: number } | undefined;
  segments.forEach((s, i) => {
    let q = footOnLine(p, s);
    const len = distance(s.a, s.b);
    if (distance(q, s.a) > len || distance(q, s.b) > len) q = distance(p, s.a) < distance(p, s.b) ? s.a : s.b;
    const d = distance(p, q);
    if (d <= radius && (!best || d < best.d)) best = { point: q, segment: i, d };
  });
  return best ? { point: best.point, segment: best.segment } : undefined;
}

export interface SnapContext {
  /** Grid spacing; 0 or absent: no grid. */
  grid?: Metres;
  /** Existing endpoints (wall corners, fixture centres…). */
  points?: readonly Point<Metres>[];
  /** Wall centre lines, for snapping onto a wall and to perpendiculars. */
  segments?: readonly Segment<Metres>[];
  /** Where the line being drawn starts; enables angle and perpendicular snapping. */
  origin?: Point<Metres>;
  angleStep?: number;
  perpendicularTolerance?: number;
  /** How close counts, in metres (the editor converts its finger radius from pixels). */
  radius: Metres;
}

export type SnapKind = 'point' | 'segment' | 'perpendicular' | 'angle' | 'grid' | 'none';
const SNAP_KINDS = 6;

/**
 * One snapped point, by priority: an existing point, a wall, a perpendicular/parallel to a
 * wall, a 15° step, the grid. The first that applies wins.
 *
 * A snapped point can come within reach of a rule that ranks higher than the one that put it
 * there (a grid point close to a 15° line, a point on a 15° line close to a corner), and
 * snapping it again would move it. So the rules run again on their own result until it stays
 * put. A pass that moves the point lands it on a higher-ranked kind (each rule keeps its own
 * result where it is), so this takes at most one pass per kind.
 */
export function snap(p: Point<Metres>, ctx: SnapContext): { point: Point<Metres>; kind: SnapKind } {
  let result = snapOnce(p, ctx);
  for (let pass = 0; pass < SNAP_KINDS; pass++) {
    const again = snapOnce(result.point, ctx);
    if (samePoint(again.point, result.point, 1e-9)) return result;
    result = again;
  }
  return result;
}

function snapOnce(p: Point<Metres>, ctx: SnapContext): { point: Point<Metres>; kind: SnapKind } {
  const hitPoint = ctx.points && snapToPoints(p, ctx.points, ctx.radius);
  if (hitPoint) return { point: hitPoint, kind: 'point' };
  const onSegment = ctx.segments && snapToSegments(p, ctx.segments, m(ctx.radius / 2));
  if (onSegment) return { point: onSegment.point, kind: 'segment' };
  if (ctx.origin) {
    const perp = ctx.segments && snapPerpendicular(ctx.origin, p, ctx.segments, ctx.perpendicularTolerance ?? 5);
    if (perp) return { point: perp.point, kind: 'perpendicular' };
    if (ctx.angleStep !== 0) {
      const q = snapAngle(ctx.origin, p, ctx.angleStep ?? 15);
      if (distance(p, q) <= ctx.radius) return { point: q, kind: 'angle' };
    }
  }
  if (ctx.grid && ctx.grid > 0) return { point: snapToGrid(p, ctx.grid), kind: 'grid' };
  return { point: p, kind: 'none' };
}
