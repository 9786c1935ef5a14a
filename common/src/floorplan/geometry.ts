// Plane geometry as pure functions. Every function takes points of one unit (metres or
// pixels, never both: the second argument's unit is not inferred, so a mix fails to compile)
// and gives lengths in that unit. Areas are in square units of the input.
import { sameUnit, sqm, type Length, type Metres, type Point, type SquareMetres } from './units.ts';

export const EPSILON = 1e-9;

const mk = <L extends Length>(sample: L, x: number, y: number): Point<L> => ({ x: sameUnit(sample, x), y: sameUnit(sample, y) });

export const add = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): Point<L> => mk(a.x, a.x + b.x, a.y + b.y);
export const sub = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): Point<L> => mk(a.x, a.x - b.x, a.y - b.y);
export const scale = <L extends Length>(a: Point<L>, k: number): Point<L> => mk(a.x, a.x * k, a.y * k);
export const dot = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): number => a.x * b.x + a.y * b.y;
export const cross = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): number => a.x * b.y - a.y * b.x;
export const norm = <L extends Length>(a: Point<L>): L => sameUnit(a.x, Math.hypot(a.x, a.y));
export const distance = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): L => sameUnit(a.x, Math.hypot(a.x - b.x, a.y - b.y));
export const lerp = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>, t: number): Point<L> => mk(a.x, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
export const samePoint = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>, tolerance = 1e-6): boolean => Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance;

/** Unit vector from a to b (zero when a = b); the result is dimensionless. */
export function direction<L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): { x: number; y: number } {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  return len < EPSILON ? { x: 0, y: 0 } : { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
}

/** The direction turned by -90°: on screen (y down) the left-hand side when walking along d. */
export const leftNormal = (d: { x: number; y: number }): { x: number; y: number } => ({ x: -d.y, y: d.x });

/** Angle of a → b in degrees, in (-180, 180]. */
export const angleOf = <L extends Length>(a: Point<L>, b: Point<NoInfer<L>>): number => (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;

export function rotate<L extends Length>(p: Point<L>, centre: Point<NoInfer<L>>, degrees: number): Point<L> {
  const r = (degrees * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const dx = p.x - centre.x;
  const dy = p.y - centre.y;
  return mk(p.x, centre.x + dx * c - dy * s, centre.y + dx * s + dy * c);
}

export const translate = <L extends Length>(p: Point<L>, dx: number, dy: number): Point<L> => mk(p.x, p.x + dx, p.y + dy);

// --- segments -------------------------------------------------------------------------------

export interface Segment<L extends Length = Metres> {
  readonly a: Point<L>;
  readonly b: Point<L>;
}

/** The closest point of segment ab to p, with its parameter t ∈ [0, 1] along ab. */
export function closestOnSegment<L extends Length>(p: Point<L>, s: Segment<NoInfer<L>>): { point: Point<L>; t: number } {
  const vx = s.b.x - s.a.x;
  const vy = s.b.y - s.a.y;
  const len2 = vx * vx + vy * vy;
  const t = len2 < EPSILON ? 0 : Math.min(1, Math.max(0, ((p.x - s.a.x) * vx + (p.y - s.a.y) * vy) / len2));
  return { point: mk(p.x, s.a.x + vx * t, s.a.y + vy * t), t };
}

export const distanceToSegment = <L extends Length>(p: Point<L>, s: Segment<NoInfer<L>>): L => distance(p, closestOnSegment(p, s).point);

/** The foot of the perpendicular from p to the infinite line through ab (a when a = b). */
export function footOnLine<L extends Length>(p: Point<L>, s: Segment<NoInfer<L>>): Point<L> {
  const vx = s.b.x - s.a.x;
  const vy = s.b.y - s.a.y;
  const len2 = vx * vx + vy * vy;
  if (len2 < EPSILON) return mk(p.x, s.a.x, s.a.y);
  const t = ((p.x - s.a.x) * vx + (p.y - s.a.y) * vy) / len2;
  return mk(p.x, s.a.x + vx * t, s.a.y + vy * t);
}

const orient = (a: Point<Length>, b: Point<Length>, c: Point<Length>): number => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
const onSegment = (a: Point<Length>, b: Point<Length>, p: Point<Length>, eps: number): boolean =>
  Math.min(a.x, b.x) - eps <= p.x && p.x <= Math.max(a.x, b.x) + eps && Math.min(a.y, b.y) - eps <= p.y && p.y <= Math.max(a.y, b.y) + eps;

/** Do two segments share at least one point (touching counts)? */
export function segmentsIntersect<L extends Length>(s: Segment<L>, t: Segment<NoInfer<L>>, eps = 1e-9): boolean {
  const d1 = orient(t.a, t.b, s.a);
  const d2 = orient(t.a, t.b, s.b);
  const d3 = orient(s.a, s.b, t.a);
  const d4 = orient(s.a, s.b, t.b);
  if (((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))) return true;
  if (Math.abs(d1) <= eps && onSegment(t.a, t.b, s.a, eps)) return true;
  if (Math.abs(d2) <= eps && onSegment(t.a, t.b, s.b, eps)) return true;
  if (Math.abs(d3) <= eps && onSegment(s.a, s.b, t.a, eps)) return true;
  if (Math.abs(d4) <= eps && onSegment(s.a, s.b, t.b, eps)) return true;
  return false;
}

/** Where the infinite lines p + s·d and q + t·e meet, or undefined when parallel. */
export function lineIntersection<L extends Length>(p: Point<L>, d: { x: number; y: number }, q: Point<NoInfer<L>>, e: { x: number; y: number }): Point<L> | undefined {
  const den = d.x * e.y - d.y * e.x;
  if (Math.abs(den) < 1e-9) return undefined;
  const s = ((q.x - p.x) * e.y - (q.y - p.y) * e.x) / den;
  return mk(p.x, p.x + d.x * s, p.y + d.y * s);
}

// --- polylines and polygons -----------------------------------------------------------------

export function polylineSegments<L extends Length>(points: readonly Point<L>[], closed = false): Segment<L>[] {
  const out: Segment<L>[] = [];
  for (let i = 0; i + 1 < points.length; i++) out.push({ a: points[i]!, b: points[i + 1]! });
  if (closed && points.length > 2) out.push({ a: points[points.length - 1]!, b: points[0]! });
  return out;
}

export const polylineLength = <L extends Length>(points: readonly Point<L>[]): number => polylineSegments(points).reduce((sum, s) => sum + distance(s.a, s.b), 0);

export function distanceToPolyline<L extends Length>(p: Point<L>, points: readonly Point<NoInfer<L>>[], closed = false): L {
  if (points.length === 1) return distance(p, points[0]!);
  let best = Infinity;
  for (const s of polylineSegments(points, closed)) best = Math.min(best, distanceToSegment(p, s));
  return sameUnit(p.x, best);
}

/** Shoelace formula: positive when the vertices turn clockwise on screen (x right, y down). */
export function signedArea(points: readonly Point<Length>[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Area of a simple polygon, convex or concave, in either winding. */
export const polygonArea = (points: readonly Point<Metres>[]): SquareMetres => sqm(Math.abs(signedArea(points)));

export const polygonPerimeter = <L extends Length>(points: readonly Point<L>[]): number => polylineSegments(points, true).reduce((sum, s) => sum + distance(s.a, s.b), 0);

/** Area centroid (the vertex mean for a degenerate polygon). */
export function centroid<L extends Length>(points: readonly Point<L>[]): Point<L> {
  const first = points[0];
  if (!first) throw new Error('centroid of no points');
  const a = signedArea(points);
  if (Math.abs(a) < EPSILON) {
    const n = points.length;
    return mk(first.x, points.reduce((s, p) => s + p.x, 0) / n, points.reduce((s, p) => s + p.y, 0) / n);
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    const f = p.x * q.y - q.x * p.y;
    cx += (p.x + q.x) * f;
    cy += (p.y + q.y) * f;
  }
  return mk(first.x, cx / (6 * a), cy / (6 * a));
}

/**
 * Is p inside the polygon? Even-odd rule, so concave outlines work; a point on the boundary
 * (within `boundary`) counts as inside.
 */
export function pointInPolygon<L extends Length>(p: Point<L>, polygon: readonly Point<NoInfer<L>>[], boundary = 1e-9): boolean {
  if (polygon.length < 3) return false;
  if (boundary > 0 && distanceToPolyline(p, polygon, true) <= boundary) return true;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** A polygon whose edges cross each other has no meaningful area. */
export function isSimplePolygon(points: readonly Point<Length>[]): boolean {
  const edges = polylineSegments(points, true);
  const n = edges.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      if (segmentsIntersect(edges[i]!, edges[j]!)) return false;
    }
  }
  return Math.abs(signedArea(points)) > EPSILON;
}

export interface Box<L extends Length = Metres> {
  readonly min: Point<L>;
  readonly max: Point<L>;
}

export function bounds<L extends Length>(points: readonly Point<L>[]): Box<L> | undefined {
  const first = points[0];
  if (!first) return undefined;
  let [x0, y0, x1, y1] = [first.x as number, first.y as number, first.x as number, first.y as number];
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { min: mk(first.x, x0, y0), max: mk(first.x, x1, y1) };
}

/** Shortest distance between two polygons' boundaries (0 when they touch or overlap). */
export function polygonDistance<L extends Length>(p: readonly Point<L>[], q: readonly Point<NoInfer<L>>[]): number {
  if (p.some((v) => pointInPolygon(v, q)) || q.some((v) => pointInPolygon(v, p))) return 0;
  let best = Infinity;
  for (const s of polylineSegments(p, true)) {
    for (const t of polylineSegments(q, true)) {
      if (segmentsIntersect(s, t)) return 0;
      best = Math.min(best, distanceToSegment(s.a, t), distanceToSegment(s.b, t), distanceToSegment(t.a, s), distanceToSegment(t.b, s));
    }
  }
  return best;
}

/** The four corners of a rectangle of width × depth centred at c, turned by rotation degrees. */
export function rectangleCorners<L extends Length>(c: Point<L>, width: number, depth: number, rotation: number): Point<L>[] {
  const w = width / 2;
  const d = depth / 2;
  return [mk(c.x, c.x - w, c.y - d), mk(c.x, c.x + w, c.y - d), mk(c.x, c.x + w, c.y + d), mk(c.x, c.x - w, c.y + d)].map((p) => rotate(p, c, rotation));
}
