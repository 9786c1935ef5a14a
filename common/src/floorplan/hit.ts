// Hit testing: which elements lie under a point (a finger, in plan metres), topmost first.
// Order of precedence: openings sit on walls, fixtures on zones, so the smaller, higher
// thing wins; within a kind, the nearest.
import type { CollectionName, ElementId, FloorPlan } from './document.ts';
import { distance, distanceToPolyline, distanceToSegment, pointInPolygon, rectangleCorners } from './geometry.ts';
import { cornerPoint, fixtureFootprint, openingGeometry, wallSegment, zoneArea } from './plan-geometry.ts';
import type { Metres, Point } from './units.ts';

export interface Hit {
  collection: CollectionName;
  id: ElementId;
  /** Distance from the point to the element (0 inside it). */
  distance: number;
}

const rank: Readonly<Record<CollectionName, number>> = { corners: 0, openings: 1, labels: 2, dimensions: 3, flows: 4, fixtures: 5, walls: 6, zones: 7 };

/** Every element within tolerance of p, topmost first. */
export function hitTest(plan: FloorPlan, p: Point<Metres>, tolerance: Metres): Hit[] {
  const hits: Hit[] = [];
  for (const c of plan.corners) {
    const d = distance(p, cornerPoint(c));
    if (d <= tolerance) hits.push({ collection: 'corners', id: c.id, distance: d });
  }
  for (const o of plan.openings) {
    const g = openingGeometry(plan, o);
    const d = Math.max(0, distanceToSegment(p, g.segment) - g.wall.thickness / 2);
    if (d <= tolerance) hits.push({ collection: 'openings', id: o.id, distance: d });
  }
  for (const l of plan.labels) {
    // A label's box: about one character height per CJK character wide.
    const box = rectangleCorners(l.at, l.size * Math.max(1, [...l.text].length), l.size * 1.2, l.rotation);
    const d = pointInPolygon(p, box) ? 0 : distanceToPolyline(p, box, true);
    if (d <= tolerance) hits.push({ collection: 'labels', id: l.id, distance: d });
  }
  for (const dim of plan.dimensions) {
    const d = distanceToSegment(p, { a: dim.from, b: dim.to });
    if (d <= tolerance) hits.push({ collection: 'dimensions', id: dim.id, distance: d });
  }
  for (const f of plan.flows) {
    const d = distanceToPolyline(p, f.points);
    if (d <= tolerance) hits.push({ collection: 'flows', id: f.id, distance: d });
  }
  for (const f of plan.fixtures) {
    const box = fixtureFootprint(f);
    const d = pointInPolygon(p, box) ? 0 : distanceToPolyline(p, box, true);
    if (d <= tolerance) hits.push({ collection: 'fixtures', id: f.id, distance: d });
  }
  for (const w of plan.walls) {
    const d = Math.max(0, distanceToSegment(p, wallSegment(plan, w)) - w.thickness / 2);
    if (d <= tolerance) hits.push({ collection: 'walls', id: w.id, distance: d });
  }
  const zoneHits = plan.zones.filter((z) => pointInPolygon(p, z.outline)).sort((a, b) => zoneArea(a) - zoneArea(b));
  for (const z of zoneHits) hits.push({ collection: 'zones', id: z.id, distance: 0 });
  return hits.sort((a, b) => rank[a.collection] - rank[b.collection] || (a.collection === 'zones' ? 0 : a.distance - b.distance));
}

/** The topmost element under p, if any. */
export const hitTop = (plan: FloorPlan, p: Point<Metres>, tolerance: Metres): Hit | undefined => hitTest(plan, p, tolerance)[0];
