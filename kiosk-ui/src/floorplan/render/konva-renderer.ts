// The only module that knows Konva: draws a plan into a stage. The plan is drawn in metres
// inside one group whose scale and position are the view (zoom and pan move one transform,
// nothing is rebuilt); strokes stay a fixed number of pixels wide. Each element's node is
// kept while the objects it is drawn from are the same objects, so a drag rebuilds only what
// moved (edits share every untouched element with the plan before).
import Konva from 'konva';
import {
  cornerPoint,
  flowKindNames,
  openingGeometry,
  symbolDef,
  wallOutline,
  wallSegment,
  zoneCentre,
  type Corner,
  type ElementId,
  type FloorPlan,
  type FlowKind,
  type Metres,
  type Point,
  type ViewTransform,
} from '@hall/common/floorplan/index';
import type { Measurement, ToolState } from '../tools.ts';
import { formatMetres, zoneLabel } from '../view-model.ts';

export interface RenderInput {
  plan: FloorPlan;
  view: ViewTransform;
  selected: ElementId | null;
  highlight: ReadonlySet<ElementId>;
  toolState: ToolState;
  tool: string;
  measurement: Measurement | null;
  contrast: boolean;
}

export interface PlanRenderer {
  render(input: RenderInput): void;
  resize(width: number, height: number): void;
  /** Drops every cached node (a font finished loading: text must be measured again). */
  invalidate(): void;
  /** How many plan elements the stage holds (tests compare it with the plan). */
  drawnCount(): number;
  destroy(): void;
}

/** The kiosk's own font (the canvas does not inherit CSS fonts). */
const FONT = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

const flowColours: Readonly<Record<FlowKind, string>> = { raw: '#1565c0', finished: '#2e7d32', tableware: '#c62828' };

interface Cached {
  key: readonly unknown[];
  node: Konva.Group;
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
const flat = (points: readonly Point<Metres>[]): number[] => points.flatMap((p) => [p.x, p.y]);

export function createRenderer(container: HTMLDivElement, width: number, height: number): PlanRenderer {
  const stage = new Konva.Stage({ container, width, height, listening: false });
  const gridLayer = new Konva.Layer({ listening: false });
  const planLayer = new Konva.Layer({ listening: false });
  const overlayLayer = new Konva.Layer({ listening: false });
  stage.add(gridLayer, planLayer, overlayLayer);
  const world = new Konva.Group();
  const zonesGroup = new Konva.Group();
  const fixturesGroup = new Konva.Group();
  const wallsGroup = new Konva.Group();
  const openingsGroup = new Konva.Group();
  const flowsGroup = new Konva.Group();
  const marksGroup = new Konva.Group();
  const namesGroup = new Konva.Group();
  world.add(zonesGroup, fixturesGroup, wallsGroup, openingsGroup, flowsGroup, marksGroup, namesGroup);
  planLayer.add(world);
  const overlayWorld = new Konva.Group();
  // The element under the finger while it is dragged lives on the overlay layer: each frame
  // then redraws that layer only, not the whole plan.
  const dragWorld = new Konva.Group();
  overlayLayer.add(overlayWorld, dragWorld);
  let planDirty = true;
  let lastView = '';
  let movingId: ElementId | null = null;
  const cache = new Map<ElementId, Cached>();
  let lastGrid = '';
  let lastOverlay: readonly unknown[] = [];
  let lastContrast = false;

  const inPlan = (g: Konva.Container | null): boolean => g !== dragWorld;

  function place(home: Konva.Group, id: ElementId, key: readonly unknown[], build: () => Konva.Group, seen: Set<ElementId>): void {
    seen.add(id);
    const group = id === movingId ? dragWorld : home;
    const hit = cache.get(id);
    if (hit && sameKey(hit.key, key)) {
      const parent = hit.node.getParent();
      if (parent !== group) {
        if (inPlan(parent) || inPlan(group)) planDirty = true;
        hit.node.moveTo(group);
      }
      return;
    }
    if (hit) {
      if (inPlan(hit.node.getParent())) planDirty = true;
      hit.node.destroy();
    }
    const node = build();
    group.add(node);
    if (inPlan(group)) planDirty = true;
    cache.set(id, { key, node });
  }

  function drawGrid(view: ViewTransform, w: number, h: number, contrast: boolean): void {
    const s = view.pixelsPerMetre * view.zoom;
    const key = `${s}|${view.pan.x}|${view.pan.y}|${w}|${h}|${contrast}`;
    if (key === lastGrid) return;
    lastGrid = key;
    gridLayer.destroyChildren();
    gridLayer.add(new Konva.Rect({ x: 0, y: 0, width: w, height: h, fill: contrast ? '#000' : '#fbfcfe' }));
    // One line a metre, or every half metre when zoomed in far enough to see it.
    const step = s >= 120 ? 0.5 : s >= 25 ? 1 : 5;
    const colour = contrast ? '#333' : '#e3e8ef';
    const x0 = Math.floor(-view.pan.x / s / step) * step;
    const y0 = Math.floor(-view.pan.y / s / step) * step;
    const shape = new Konva.Shape({
      stroke: colour,
      strokeWidth: 1,
      sceneFunc(ctx, sh) {
        ctx.beginPath();
        for (let x = x0; x * s + view.pan.x <= w; x += step) {
          const X = Math.round(x * s + view.pan.x) + 0.5;
          ctx.moveTo(X, 0);
          ctx.lineTo(X, h);
        }
        for (let y = y0; y * s + view.pan.y <= h; y += step) {
          const Y = Math.round(y * s + view.pan.y) + 0.5;
          ctx.moveTo(0, Y);
          ctx.lineTo(w, Y);
        }
        ctx.strokeShape(sh);
      },
    });
    gridLayer.add(shape);
    gridLayer.batchDraw();
  }

  function render(input: RenderInput): void {
    const { plan, view, contrast } = input;
    if (contrast !== lastContrast) {
      for (const c of cache.values()) c.node.destroy();
      cache.clear();
      lastContrast = contrast;
      planDirty = true;
    }
    movingId = input.toolState.phase === 'moving' ? input.toolState.id : null;
    drawGrid(view, stage.width(), stage.height(), contrast);
    const s = view.pixelsPerMetre * view.zoom;
    const viewKey = `${s}|${view.pan.x}|${view.pan.y}`;
    if (viewKey !== lastView) {
      lastView = viewKey;
      planDirty = true;
      for (const g of [world, overlayWorld, dragWorld]) g.setAttrs({ x: view.pan.x, y: view.pan.y, scaleX: s, scaleY: s });
    }
    const ink = contrast ? '#fff' : '#1f2933';
    const seen = new Set<ElementId>();
    const flag = (id: ElementId): number => (id === input.selected ? 2 : input.highlight.has(id) ? 1 : 0);
    const accent = (f: number): string | undefined => (f === 2 ? '#1a73e8' : f === 1 ? '#e8590c' : undefined);

    const cornersById = new Map<ElementId, Corner>(plan.corners.map((c) => [c.id, c]));
    const wallsAt = new Map<ElementId, ElementId[]>();
    for (const w of plan.walls) for (const c of [w.from, w.to]) wallsAt.set(c, [...(wallsAt.get(c) ?? []), w.id]);
    const wallsById = new Map(plan.walls.map((w) => [w.id, w]));
    // A wall's outline depends on the walls it is joined to, and their far corners.
    const wallKey = (id: ElementId): unknown[] => {
      const w = wallsById.get(id)!;
      const key: unknown[] = [w, cornersById.get(w.from), cornersById.get(w.to)];
      for (const c of [w.from, w.to]) for (const o of wallsAt.get(c) ?? []) if (o !== id) key.push(wallsById.get(o), cornersById.get(wallsById.get(o)!.from), cornersById.get(wallsById.get(o)!.to));
      return key;
    };

    for (const z of plan.zones) {
      const f = flag(z.id);
      place(zonesGroup, z.id, [z, f], () => {
        const g = new Konva.Group();
        g.add(new Konva.Line({ points: flat(z.outline), closed: true, fill: contrast ? '#102030' : zoneFill(z.type), stroke: accent(f) ?? (contrast ? '#8ab4f8' : '#90a4ae'), strokeWidth: f ? 4 : 1, strokeScaleEnabled: false, dash: f ? undefined : [6, 4] }));
        return g;
      }, seen);
    }
    // Zone names and areas above everything else, so equipment never hides them.
    for (const z of plan.zones) {
      place(namesGroup, `${z.id}#name`, [z], () => {
        const g = new Konva.Group();
        const c = zoneCentre(z);
        // As large as fits the room's width (a 2 m² room gets smaller letters than the dining hall).
        const label = zoneLabel(z);
        const xs = z.outline.map((p) => p.x);
        const roomWidth = Math.max(...xs) - Math.min(...xs);
        const fontSize = Math.max(0.12, Math.min(0.3, (roomWidth * 0.9) / ([...label].length * 0.85)));
        const text = new Konva.Text({ fontFamily: FONT, x: c.x, y: c.y, text: label, fontSize, fontStyle: 'bold', fill: contrast ? '#fff' : '#37474f', align: 'center' });
        text.offsetX(text.width() / 2);
        text.offsetY(text.height() / 2);
        g.add(new Konva.Rect({ x: c.x - text.width() / 2 - 0.05, y: c.y - text.height() / 2 - 0.03, width: text.width() + 0.1, height: text.height() + 0.06, fill: contrast ? 'rgba(0,0,0,0.7)' : 'rgba(255,255,255,0.75)', cornerRadius: 0.05 }));
        g.add(text);
        return g;
      }, seen);
    }
    for (const fx of plan.fixtures) {
      const f = flag(fx.id);
      place(fixturesGroup, fx.id, [fx, f], () => {
        const def = symbolDef(fx.symbol);
        const g = new Konva.Group({ x: fx.at.x, y: fx.at.y, rotation: fx.rotation });
        // A hood hangs above the stove: drawn see-through and dashed, so the stove shows.
        const overhead = fx.symbol === 'hood';
        const fill = overhead ? undefined : contrast ? '#000' : categoryFill(def.category);
        const stroke = accent(f) ?? ink;
        if (def.shape === 'round') g.add(new Konva.Ellipse({ radiusX: fx.width / 2, radiusY: fx.depth / 2, fill, stroke, strokeWidth: f ? 3 : 1.5, strokeScaleEnabled: false }));
        else g.add(new Konva.Rect({ x: -fx.width / 2, y: -fx.depth / 2, width: fx.width, height: fx.depth, fill, stroke, strokeWidth: f ? 3 : 1.5, strokeScaleEnabled: false, dash: overhead ? [8, 5] : undefined }));
        if (def.sink) g.add(new Konva.Rect({ x: -fx.width / 2 + 0.06, y: -fx.depth / 2 + 0.06, width: Math.max(0.02, fx.width - 0.12), height: Math.max(0.02, fx.depth - 0.12), cornerRadius: 0.05, stroke, strokeWidth: 1, strokeScaleEnabled: false }));
        const label = fx.label ?? def.name;
        const size = Math.max(0.08, Math.min(0.2, fx.depth * 0.35, (fx.width / Math.max(1, [...label].length)) * 1.1));
        const text = new Konva.Text({ fontFamily: FONT, text: label, fontSize: size, fill: contrast ? '#fff' : '#102a43', align: 'center' });
        text.offsetX(text.width() / 2);
        text.offsetY(overhead ? fx.depth / 2 - 0.02 : text.height() / 2);
        g.add(text);
        return g;
      }, seen);
    }
    for (const w of plan.walls) {
      const f = flag(w.id);
      place(wallsGroup, w.id, [...wallKey(w.id), f], () => {
        const g = new Konva.Group();
        g.add(new Konva.Line({ points: flat(wallOutline(plan, w)), closed: true, fill: accent(f) ?? ink, stroke: accent(f) ?? ink, strokeWidth: 1, strokeScaleEnabled: false }));
        return g;
      }, seen);
    }
    for (const o of plan.openings) {
      const f = flag(o.id);
      const w = wallsById.get(o.wall);
      if (!w) continue;
      place(openingsGroup, o.id, [o, w, cornersById.get(w.from), cornersById.get(w.to), f], () => {
        const g = new Konva.Group();
        const geo = openingGeometry(plan, o);
        const t = w.thickness / 2 + 0.01;
        const n = geo.normal;
        const a = geo.segment.a;
        const b = geo.segment.b;
        const quad = [a.x + n.x * t, a.y + n.y * t, b.x + n.x * t, b.y + n.y * t, b.x - n.x * t, b.y - n.y * t, a.x - n.x * t, a.y - n.y * t];
        const stroke = accent(f) ?? ink;
        g.add(new Konva.Line({ points: quad, closed: true, fill: contrast ? '#000' : '#fff', stroke: f ? stroke : undefined, strokeWidth: 3, strokeScaleEnabled: false }));
        if (o.kind === 'door') {
          const hinge = o.swing.hinge === 'start' ? a : b;
          const free = o.swing.hinge === 'start' ? b : a;
          const side = o.swing.side === 'left' ? 1 : -1;
          const leaf = { x: hinge.x + n.x * side * o.width, y: hinge.y + n.y * side * o.width };
          g.add(new Konva.Line({ points: [hinge.x, hinge.y, leaf.x, leaf.y], stroke, strokeWidth: 2, strokeScaleEnabled: false }));
          const start = Math.atan2(leaf.y - hinge.y, leaf.x - hinge.x);
          const end = Math.atan2(free.y - hinge.y, free.x - hinge.x);
          g.add(new Konva.Shape({
            stroke,
            strokeWidth: 1,
            strokeScaleEnabled: false,
            dash: [4, 3],
            sceneFunc(ctx, sh) {
              let d = end - start;
              while (d > Math.PI) d -= 2 * Math.PI;
              while (d < -Math.PI) d += 2 * Math.PI;
              ctx.beginPath();
              ctx.arc(hinge.x, hinge.y, o.width, start, start + d, d < 0);
              ctx.strokeShape(sh);
            },
          }));
          if (o.exterior) g.add(new Konva.Line({ points: [a.x - n.x * t * 2, a.y - n.y * t * 2, b.x - n.x * t * 2, b.y - n.y * t * 2], stroke: '#e8590c', strokeWidth: 3, strokeScaleEnabled: false }));
        } else {
          for (const k of o.kind === 'window' ? [-0.5, 0, 0.5] : [-0.6, 0.6]) g.add(new Konva.Line({ points: [a.x + n.x * t * k, a.y + n.y * t * k, b.x + n.x * t * k, b.y + n.y * t * k], stroke, strokeWidth: 1.5, strokeScaleEnabled: false }));
          if (o.kind === 'passWindow') g.add(new Konva.Line({ points: [a.x + n.x * t, a.y + n.y * t, b.x - n.x * t, b.y - n.y * t], stroke, strokeWidth: 1.5, strokeScaleEnabled: false }));
        }
        return g;
      }, seen);
    }
    for (const fl of plan.flows) {
      const f = flag(fl.id);
      place(flowsGroup, fl.id, [fl, f], () => {
        const g = new Konva.Group();
        const colour = accent(f) ?? flowColours[fl.kind];
        g.add(new Konva.Arrow({ points: flat(fl.points), stroke: colour, fill: colour, strokeWidth: f ? 6 : 4, strokeScaleEnabled: false, pointerLength: 0.3, pointerWidth: 0.3, dash: fl.kind === 'tableware' ? [10, 6] : undefined, lineCap: 'round', lineJoin: 'round' }));
        const p = fl.points[0]!;
        g.add(new Konva.Text({ fontFamily: FONT, x: p.x, y: p.y - 0.3, text: flowKindNames[fl.kind], fontSize: 0.2, fill: colour }));
        return g;
      }, seen);
    }
    for (const d of plan.dimensions) {
      const f = flag(d.id);
      place(marksGroup, d.id, [d, f], () => dimensionNode(d.from, d.to, d.offset, accent(f) ?? ink), seen);
    }
    for (const l of plan.labels) {
      const f = flag(l.id);
      place(marksGroup, l.id, [l, f], () => {
        const g = new Konva.Group({ x: l.at.x, y: l.at.y, rotation: l.rotation });
        g.add(new Konva.Text({ fontFamily: FONT, text: l.text, fontSize: l.size, fill: accent(f) ?? ink }));
        return g;
      }, seen);
    }
    for (const [id, c] of cache) {
      if (!seen.has(id)) {
        if (inPlan(c.node.getParent())) planDirty = true;
        c.node.destroy();
        cache.delete(id);
      }
    }

    // Overlay: what the finger is drawing now, corner handles of the selected wall, a measurement.
    const st = input.toolState;
    const selectedWall = input.selected ? wallsById.get(input.selected) : undefined;
    const overlayKey = [st, input.measurement, selectedWall, selectedWall && cornersById.get(selectedWall.from), selectedWall && cornersById.get(selectedWall.to), input.tool, s];
    if (!sameKey(overlayKey, lastOverlay)) {
      lastOverlay = overlayKey;
      overlayWorld.destroyChildren();
      if (st.phase === 'drawing') {
        if (input.tool === 'wall') {
          overlayWorld.add(new Konva.Line({ points: [st.from.x, st.from.y, st.to.x, st.to.y], stroke: '#1a73e8', strokeWidth: 0.24 * s, strokeScaleEnabled: false, opacity: 0.6, lineCap: 'round' }));
          overlayWorld.add(lengthTag(st.from, st.to, s));
        } else if (input.tool === 'measure') {
          overlayWorld.add(dimensionNode(st.from, st.to, 0 as Metres, '#e8590c'));
        } else if (input.tool === 'zone') {
          overlayWorld.add(new Konva.Rect({ x: Math.min(st.from.x, st.to.x), y: Math.min(st.from.y, st.to.y), width: Math.abs(st.to.x - st.from.x), height: Math.abs(st.to.y - st.from.y), fill: 'rgba(26,115,232,0.15)', stroke: '#1a73e8', strokeWidth: 2, strokeScaleEnabled: false }));
        } else if (input.tool === 'flow') {
          overlayWorld.add(new Konva.Arrow({ points: flat([...st.points, st.to]), stroke: '#1a73e8', fill: '#1a73e8', strokeWidth: 4, strokeScaleEnabled: false, pointerLength: 0.3, pointerWidth: 0.3 }));
        }
        if (st.snapped !== 'none') overlayWorld.add(new Konva.Circle({ x: st.to.x, y: st.to.y, radius: 8 / s, stroke: '#e8590c', strokeWidth: 2, strokeScaleEnabled: false }));
      }
      if (selectedWall) {
        for (const c of [selectedWall.from, selectedWall.to]) {
          const p = cornerPoint(cornersById.get(c)!);
          overlayWorld.add(new Konva.Circle({ x: p.x, y: p.y, radius: 14 / s, fill: '#fff', stroke: '#1a73e8', strokeWidth: 3, strokeScaleEnabled: false }));
        }
        const seg = wallSegment(plan, selectedWall);
        overlayWorld.add(lengthTag(seg.a, seg.b, s));
      }
      if (input.measurement) overlayWorld.add(dimensionNode(input.measurement.from, input.measurement.to, 0 as Metres, '#e8590c'));
    }
    if (planDirty) planLayer.batchDraw();
    planDirty = false;
    overlayLayer.batchDraw();
  }

  return {
    render,
    invalidate() {
      for (const c of cache.values()) c.node.destroy();
      cache.clear();
      lastOverlay = [];
      planDirty = true;
    },
    drawnCount: () => [...cache.keys()].filter((k) => !k.includes('#')).length,
    resize(w, h) {
      stage.size({ width: w, height: h });
      lastGrid = '';
      planDirty = true;
    },
    destroy() {
      cache.clear();
      stage.destroy();
    },
  };
}

function lengthTag(a: Point<Metres>, b: Point<Metres>, s: number): Konva.Group {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const g = new Konva.Group({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, scaleX: 1 / s, scaleY: 1 / s });
  const text = new Konva.Text({ fontFamily: FONT, text: formatMetres(len), fontSize: 22, fill: '#fff', padding: 6 });
  const bg = new Konva.Rect({ width: text.width(), height: text.height(), fill: '#1a73e8', cornerRadius: 6 });
  g.add(bg, text);
  g.offsetX(text.width() / 2);
  g.offsetY(text.height() + 10);
  return g;
}

function dimensionNode(from: Point<Metres>, to: Point<Metres>, offset: Metres, colour: string): Konva.Group {
  const g = new Konva.Group();
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const n = { x: (from.y - to.y) / len, y: (to.x - from.x) / len };
  // Positive offset is to the left of from → to; with y down, left is (dy, -dx).
  const a = { x: from.x + n.x * offset, y: from.y + n.y * offset };
  const b = { x: to.x + n.x * offset, y: to.y + n.y * offset };
  g.add(new Konva.Arrow({ points: [a.x, a.y, b.x, b.y], stroke: colour, fill: colour, strokeWidth: 1.5, strokeScaleEnabled: false, pointerAtBeginning: true, pointerLength: 0.12, pointerWidth: 0.1 }));
  const text = new Konva.Text({ fontFamily: FONT, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, text: formatMetres(Math.hypot(to.x - from.x, to.y - from.y)), fontSize: 0.2, fill: colour });
  text.offsetX(text.width() / 2);
  text.offsetY(text.height() + 0.03);
  g.add(text);
  return g;
}

function zoneFill(type: string): string {
  if (type === 'dining') return '#fff8e1';
  if (type === 'storage') return '#efebe9';
  if (type === 'dishwashing' || type === 'tableware-storage') return '#e0f7fa';
  if (type === 'changing' || type === 'toilet' || type === 'office' || type === 'corridor' || type === 'cleaning-tools') return '#f3f4f6';
  if (type.includes('room') || type === 'serving-prep' || type === 'fresh-juice') return '#e8f5e9';
  return '#fff3e0';
}

function categoryFill(category: string): string {
  return ({ sink: '#d0ebff', cooking: '#ffe3e3', cleaning: '#e5dbff', cold: '#d3f9d8', work: '#f1f3f5', hygiene: '#fff3bf', dining: '#ffe8cc' } as Record<string, string>)[category] ?? '#f1f3f5';
}
