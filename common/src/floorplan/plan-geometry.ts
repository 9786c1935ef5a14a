// Geometry of a plan's elements: walls and their joins at corners, openings placed along
// walls, fixture footprints, zone areas and which zone a point lies in.
import type { Corner, ElementId, Fixture, FloorPlan, Opening, Wall, Zone } from './document.ts';
import { add, bounds, centroid, closestOnSegment, direction, distance, distanceToSegment, leftNormal, lineIntersection, pointInPolygon, polygonArea, rectangleCorners, type Segment } from './geometry.ts';
import { symbolDef } from './symbols.ts';
import { m, sqm, type Metres, type Point, type SquareMetres } from './units.ts';
import { zoneKind } from './zones.ts';

const vec = (v: { x: number; y: number }, k: number): Point<Metres> => ({ x: m(v.x * k), y: m(v.y * k) });

export function cornerById(plan: FloorPlan, id: ElementId): Corner {
  const c = plan.corners.find((k) => k.id === id);
  if (!c) throw new Error(`no corner ${id}`);
  return c;
}

export function wallById(plan: FloorPlan, id: ElementId): Wall {
  const w = plan.walls.find((k) => k.id === id);
  if (!w) throw new Error(`no wall ${id}`);
  return w;
}

export const cornerPoint = (c: Corner): Point<Metres> => ({ x: c.x, y: c.y });

/** The wall's centre line, from its `from` corner to its `to` corner. */
export function wallSegment(plan: FloorPlan, wall: Wall): Segment<Metres> {
  return { a: cornerPoint(cornerById(plan, wall.from)), b: cornerPoint(cornerById(plan, wall.to)) };
}

export const wallLength = (plan: FloorPlan, wall: Wall): Metres => {
  const s = wallSegment(plan, wall);
  return distance(s.a, s.b);
};

/** The walls that end at a corner. */
export const wallsAtCorner = (plan: FloorPlan, cornerId: ElementId): Wall[] => plan.walls.filter((w) => w.from === cornerId || w.to === cornerId);

/**
 * The wall drawn with its thickness: four points, [from-left, to-left, to-right, from-right].
 * Where exactly two walls meet at a corner, the faces are mitred so that the corner is closed
 * (an L joint); a free end, a T or a crossing of three or more walls ends square. A very
 * sharp angle (miter longer than 4 × thickness) ends square as well.
 */
export function wallOutline(plan: FloorPlan, wall: Wall): Point<Metres>[] {
  const { a, b } = wallSegment(plan, wall);
  const d = direction(a, b);
  const h = wall.thickness / 2;
  const corner = (at: Point<Metres>, cornerId: ElementId, outward: { x: number; y: number }): { left: Point<Metres>; right: Point<Metres> } => {
    const nl = leftNormal(outward);
    const left = add(at, vec(nl, h));
    const right = add(at, vec(nl, -h));
    const others = wallsAtCorner(plan, cornerId).filter((w) => w.id !== wall.id);
    if (others.length !== 1) return { left, right };
    const other = others[0]!;
    const os = wallSegment(plan, other);
    const e = other.from === cornerId ? direction(os.a, os.b) : direction(os.b, os.a);
    const ne = leftNormal(e);
    const k = other.thickness / 2;
    const limit = 4 * Math.max(wall.thickness, other.thickness);
    // Left of this wall (walking away from the corner) meets the right of the other.
    const l = lineIntersection(left, outward, add(at, vec(ne, -k)), e);
    const r = lineIntersection(right, outward, add(at, vec(ne, k)), e);
    return {
      left: l && distance(l, at) <= limit ? l : left,
      right: r && distance(r, at) <= limit ? r : right,
    };
  };
  const start = corner(a, wall.from, d);
  const end = corner(b, wall.to, { x: -d.x, y: -d.y });
  // At the `to` end, walking back towards `from`, left and right swap.
  return [start.left, end.right, end.left, start.right];
}

export interface WallJoin {
  corner: ElementId;
  walls: ElementId[];
  kind: 'end' | 'corner' | 'straight' | 'junction';
}

/** How walls meet at each corner: a free end, a corner of two walls (or two in line), or a junction of three or more. */
export function wallJoins(plan: FloorPlan): WallJoin[] {
  return plan.corners.map((c) => {
    const walls = wallsAtCorner(plan, c.id);
    let kind: WallJoin['kind'] = walls.length <= 1 ? 'end' : walls.length === 2 ? 'corner' : 'junction';
    if (kind === 'corner') {
      const [w1, w2] = walls as [Wall, Wall];
      const s1 = wallSegment(plan, w1);
      const s2 = wallSegment(plan, w2);
      const d1 = w1.from === c.id ? direction(s1.a, s1.b) : direction(s1.b, s1.a);
      const d2 = w2.from === c.id ? direction(s2.a, s2.b) : direction(s2.b, s2.a);
      if (d1.x * d2.x + d1.y * d2.y < -0.9999) kind = 'straight';
    }
    return { corner: c.id, walls: walls.map((w) => w.id), kind };
  });
}

/**
 * Clear distance between two walls, face to face (what a tape measure shows in the room):
 * the centre-line distance less half of each thickness, never below 0.
 */
export function clearDistanceBetweenWalls(plan: FloorPlan, w1: Wall, w2: Wall): Metres {
  const s = wallSegment(plan, w1);
  const t = wallSegment(plan, w2);
  const centre = Math.min(distanceToSegment(s.a, t), distanceToSegment(s.b, t), distanceToSegment(t.a, s), distanceToSegment(t.b, s));
  return m(Math.max(0, centre - w1.thickness / 2 - w2.thickness / 2));
}

// --- openings ---------------------------------------------------------------------------------

export interface OpeningGeometry {
  /** Centre of the opening on the wall's centre line. */
  centre: Point<Metres>;
  /** The gap along the centre line. */
  segment: Segment<Metres>;
  /** Unit direction of the wall (from → to) and its left normal. */
  along: { x: number; y: number };
  normal: { x: number; y: number };
  /** Whether the opening lies wholly within its wall. */
  fits: boolean;
  wall: Wall;
}

export function openingGeometry(plan: FloorPlan, opening: Opening): OpeningGeometry {
  const wall = wallById(plan, opening.wall);
  const { a, b } = wallSegment(plan, wall);
  const along = direction(a, b);
  const length = distance(a, b);
  const centre = add(a, vec(along, opening.offset));
  const half = opening.width / 2;
  return {
    centre,
    segment: { a: add(centre, vec(along, -half)), b: add(centre, vec(along, half)) },
    along,
    normal: leftNormal(along),
    fits: opening.offset - half >= -1e-9 && opening.offset + half <= length + 1e-9,
    wall,
  };
}

/** The offset along a wall of the point of the wall nearest to p, for dropping a door onto it. */
export function offsetAlongWall(plan: FloorPlan, wall: Wall, p: Point<Metres>): Metres {
  const s = wallSegment(plan, wall);
  return m(closestOnSegment(p, s).t * distance(s.a, s.b));
}

/**
 * The zones on either side of an opening, looked up a little beyond the wall's faces. `left`
 * is on the wall's left normal. undefined: no zone there (outside, or not yet drawn).
 */
export function openingSides(plan: FloorPlan, opening: Opening, reach = 0.15, locate: (p: Point<Metres>) => Zone | undefined = (p) => zoneAt(plan, p)): { left?: Zone; right?: Zone } {
  const g = openingGeometry(plan, opening);
  const d = g.wall.thickness / 2 + reach;
  const left = locate(add(g.centre, vec(g.normal, d)));
  const right = locate(add(g.centre, vec(g.normal, -d)));
  return { ...(left ? { left } : {}), ...(right ? { right } : {}) };
}

// --- fixtures and zones -----------------------------------------------------------------------

export function fixtureFootprint(f: Fixture): Point<Metres>[] {
  return rectangleCorners(f.at, f.width, f.depth, f.rotation);
}

export const fixtureHeight = (f: Fixture): Metres | undefined => f.height ?? (symbolDef(f.symbol).height !== undefined ? m(symbolDef(f.symbol).height!) : undefined);

export const zoneArea = (zone: Zone): SquareMetres => polygonArea(zone.outline);

export const zoneName = (zone: Zone): string => zone.name ?? zoneKind(zone.type).name;

export const zoneCentre = (zone: Zone): Point<Metres> => centroid(zone.outline);

/** The zone a point lies in; where zones overlap, the smallest (a 专间 drawn inside a kitchen). */
export function zoneAt(plan: FloorPlan, p: Point<Metres>): Zone | undefined {
  let best: Zone | undefined;
  let bestArea = Infinity;
  for (const z of plan.zones) {
    if (!pointInPolygon(p, z.outline, 1e-6)) continue;
    const a = zoneArea(z);
    if (a < bestArea) {
      best = z;
      bestArea = a;
    }
  }
  return best;
}

/**
 * zoneAt for many points over one plan: areas and bounding boxes computed once, smallest
 * zone first. Use it in loops (the checks sample flow arrows every 10 cm).
 */
export function zoneLocator(plan: FloorPlan): (p: Point<Metres>) => Zone | undefined {
  const eps = 1e-6;
  const zones = plan.zones
    .map((zone) => ({ zone, area: zoneArea(zone), box: bounds(zone.outline)! }))
    .sort((a, b) => a.area - b.area);
  return (p) => {
    for (const { zone, box } of zones) {
      if (p.x < box.min.x - eps || p.x > box.max.x + eps || p.y < box.min.y - eps || p.y > box.max.y + eps) continue;
      if (pointInPolygon(p, zone.outline, eps)) return zone;
    }
    return undefined;
  };
}

export const fixtureZone = (plan: FloorPlan, f: Fixture): Zone | undefined => zoneAt(plan, f.at);

export const totalArea = (zones: readonly Zone[]): SquareMetres => sqm(zones.reduce((s, z) => s + zoneArea(z), 0));

/** The plan's extent over corners, zones, fixtures and flows. */
export function planPoints(plan: FloorPlan): Point<Metres>[] {
  return [
    ...plan.corners.map(cornerPoint),
    ...plan.zones.flatMap((z) => z.outline),
    ...plan.fixtures.flatMap(fixtureFootprint),
    ...plan.flows.flatMap((f) => f.points),
    ...plan.labels.map((l) => l.at),
    ...plan.dimensions.flatMap((d) => [d.from, d.to]),
  ];
}


export const zoneAreas = (plan: FloorPlan): Map<ElementId, number> => new Map(plan.zones.map((z) => [z.id, zoneArea(z)]));
