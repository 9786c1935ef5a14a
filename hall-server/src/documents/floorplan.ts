// A floor plan (餐饮平面图, common/src/floorplan) as a printable A4 document, landscape:
// page 1 is the drawing at a true scale (1:50, 1:100, or the largest standard scale that fits,
// stated) with walls in their thickness, doors with their swing, windows, fixtures as simple
// symbols with labels, zone names and areas, flow arrows, dimension lines, and beside it the
// north arrow, the scale bar and the legend with fixture counts. Then the title block, the
// zones, the fixture counts, the checklist and the signature box. The plan's code and QR are
// on every page. Only the model (model.ts) is built here; render.ts draws it.
import {
  businessTypeNames,
  bounds,
  fixtureFootprint,
  flowKindNames,
  fmt,
  openingGeometry,
  planPoints,
  symbolDef,
  wallOutline,
  zoneAreas,
  zoneCentre,
  zoneKind,
  zoneGroupNames,
  zoneName,
  type CheckReport,
  type FloorPlan,
  type FlowKind,
  type Opening,
  type SymbolId,
  type ZoneGroup,
} from '@hall/common/floorplan/index';
import type { Block, DocumentSpec, Mm, Point, Shape } from './model.ts';

export interface PlanDocumentOptions {
  /** The plan's short code, printed with its QR on every page. */
  code?: string;
  /** What the QR holds; the code itself unless told. */
  qrPayload?: string;
  /** ISO date-time written into the PDF. */
  createdAt?: string;
  /** The hall's name, for the header and the PDF's author. */
  hallName?: string;
}

/** Landscape A4 less the renderer's margins with a header and a page mark: 259 mm × ~162 mm. */
const drawingWidthMm: Mm = 259;
const drawingHeightMm: Mm = 146;
/** The column beside the plan: north arrow, scale bar, legend. */
const sideMm: Mm = 64;
const padMm: Mm = 5;

/** Scales a plan may print at, largest first (1:N). */
const standardScales = [20, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 1000, 2000] as const;

export const flowColours: Readonly<Record<FlowKind, string>> = { raw: '#c0392b', finished: '#1e8449', tableware: '#1f5fa8' };
const zoneFills: Readonly<Record<ZoneGroup, string>> = {
  clean: '#dcecf8',
  'semi-clean': '#e2f2dd',
  general: '#fbf2d5',
  dining: '#f4f4f4',
  auxiliary: '#ece6f4',
};
/** Fixtures too small or too many to label one by one (counted in the legend). */
const unlabelled = new Set<SymbolId>(['chair', 'stool']);

export interface PlanScale {
  /** 1:N */
  denominator: number;
  /** Paper millimetres per plan metre. */
  mmPerMetre: number;
  /** How the scale was chosen, as printed. */
  text: string;
}

/** The scale to print at: the one asked for when the plan fits the sheet, else the largest standard one that fits. */
export function chooseScale(requested: FloorPlan['title']['scale'], widthM: number, heightM: number, box = { widthMm: drawingWidthMm - sideMm - 2 * padMm, heightMm: drawingHeightMm - 2 * padMm }): PlanScale {
  const fits = (n: number): boolean => (widthM * 1000) / n <= box.widthMm + 1e-9 && (heightM * 1000) / n <= box.heightMm + 1e-9;
  const fitting: number = standardScales.find(fits) ?? 2000;
  if (requested !== 'fit' && fits(requested)) return { denominator: requested, mmPerMetre: 1000 / requested, text: `比例 1:${requested}` };
  const text = requested === 'fit' ? `比例 1:${fitting}（按纸张缩放）` : `比例 1:${fitting}（1:${requested} 超出纸张，已缩小）`;
  return { denominator: fitting, mmPerMetre: 1000 / fitting, text };
}

/** Plan metres → drawing units: the plan as drawn, or turned a quarter clockwise to fit the sheet better. */
type Place = (p: { x: number; y: number }) => Point;

/** Whether to turn the plan a quarter (then the north arrow turns with it), and the scale either way. */
export function placePlan(plan: FloorPlan): { turned: boolean; scale: PlanScale; place: Place; widthM: number; heightM: number; minX: number; minY: number; northAngle: number } {
  const box = bounds(planPoints(plan)) ?? { min: { x: 0, y: 0 }, max: { x: 1, y: 1 } };
  const wallPad = Math.max(0, ...plan.walls.map((w) => w.thickness / 2));
  const x0 = box.min.x - wallPad;
  const y0 = box.min.y - wallPad;
  const w = Math.max(0.5, box.max.x - box.min.x + 2 * wallPad);
  const h = Math.max(0.5, box.max.y - box.min.y + 2 * wallPad);
  const straight = chooseScale(plan.title.scale, w, h);
  const turned = chooseScale(plan.title.scale, h, w);
  if (turned.denominator < straight.denominator) {
    // A quarter turn clockwise on paper: plan (x, y) → (y0 + h - y, x); the plan's top edge becomes its right edge.
    const place: Place = (p) => [x0 + (y0 + h - p.y), y0 + (p.x - x0)];
    return { turned: true, scale: { ...turned, text: `${turned.text}（图已旋转 90°）` }, place, widthM: h, heightM: w, minX: x0, minY: y0, northAngle: plan.title.northAngle + 90 };
  }
  return { turned: false, scale: straight, place: (p) => [p.x, p.y], widthM: w, heightM: h, minX: x0, minY: y0, northAngle: plan.title.northAngle };
}

export function planDocument(plan: FloorPlan, report: CheckReport, options: PlanDocumentOptions = {}): DocumentSpec {
  const title = plan.title;
  const placed = placePlan(plan);
  const { scale, widthM, heightM, minX, minY } = placed;
  const pt2 = placed.place;
  const k = scale.mmPerMetre;
  const planAreaW = drawingWidthMm - sideMm;
  // Centre the plan in its part of the box; origin is the drawing point at the box's top-left.
  const origin: Point = [minX - (planAreaW - widthM * k) / 2 / k, minY - (drawingHeightMm - heightM * k) / 2 / k];
  /** Paper millimetres from the box's top-left → drawing units. */
  const paper = (xMm: number, yMm: number): Point => [origin[0] + xMm / k, origin[1] + yMm / k];

  const shapes: Shape[] = [];
  const areas = zoneAreas(plan);

  // Zones first (tinted floor), then walls over them, openings cut into the walls, fixtures, flows, text.
  for (const zone of plan.zones) {
    shapes.push({ kind: 'path', points: zone.outline.map(pt2), fill: zoneFills[zoneKind(zone.type).group], stroke: '#9a9a9a', strokeMm: 0.15, dashMm: [1, 0.8] });
  }
  for (const wall of plan.walls) {
    shapes.push({ kind: 'path', points: wallOutline(plan, wall).map(pt2), fill: '#3c3c3c', stroke: '#000000', strokeMm: 0.2 });
  }
  for (const opening of plan.openings) shapes.push(...openingShapes(plan, opening, pt2));
  for (const fixture of plan.fixtures) {
    const def = symbolDef(fixture.symbol);
    if (def.shape === 'round') {
      shapes.push({ kind: 'circle', center: pt2(fixture.at), radius: Math.min(fixture.width, fixture.depth) / 2, fill: '#ffffff', strokeMm: 0.2 });
    } else {
      shapes.push({ kind: 'path', points: fixtureFootprint(fixture).map(pt2), fill: '#ffffff', strokeMm: 0.2 });
    }
    if (def.sink) {
      // A basin: an inner outline, so that sinks read as sinks.
      const inset = Math.min(fixture.width, fixture.depth) * 0.18;
      shapes.push({ kind: 'path', points: fixtureFootprint({ ...fixture, width: fixture.width - 2 * inset, depth: fixture.depth - 2 * inset } as typeof fixture).map(pt2), strokeMm: 0.12 });
    }
    if (def.needsHood || fixture.symbol === 'hood') {
      const fp = fixtureFootprint(fixture);
      shapes.push({ kind: 'line', from: pt2(fp[0]!), to: pt2(fp[2]!), strokeMm: 0.12 }, { kind: 'line', from: pt2(fp[1]!), to: pt2(fp[3]!), strokeMm: 0.12 });
    }
  }
  for (const flow of plan.flows) {
    shapes.push({ kind: 'arrow', points: flow.points.map(pt2), stroke: flowColours[flow.kind], strokeMm: 0.5, headMm: 3, ...(flow.kind === 'tableware' ? { dashMm: [2, 1] as const } : {}) });
  }
  const xy = (p: Point): { x: number; y: number } => ({ x: p[0], y: p[1] });
  for (const d of plan.dimensions) shapes.push(...dimensionShapes(xy(pt2(d.from)), xy(pt2(d.to)), d.offset, k));
  for (const zone of plan.zones) {
    const c = zoneCentre(zone);
    const [cx, cy] = pt2(c);
    shapes.push({ kind: 'text', at: [cx, cy - 2.2 / k], text: zoneName(zone), size: 8, weight: 'bold', anchor: 'middle' });
    shapes.push({ kind: 'text', at: [cx, cy + 2.2 / k], text: `${fmt(areas.get(zone.id) ?? 0)}㎡`, size: 7, anchor: 'middle', color: '#333333' });
  }
  for (const fixture of plan.fixtures) {
    if (unlabelled.has(fixture.symbol)) continue;
    shapes.push({ kind: 'text', at: pt2(fixture.at), text: fixture.label ?? symbolDef(fixture.symbol).name, size: 4.5, anchor: 'middle', color: '#222222' });
  }
  for (const label of plan.labels) shapes.push({ kind: 'text', at: pt2(label.at), text: label.text, size: Math.min(24, Math.max(5, label.size * k * 2.83)), anchor: 'middle', rotateDeg: -label.rotation });

  // The side column: a white panel over anything that reaches under it, then its contents.
  const sideX = planAreaW;
  const [sx0, sy0] = paper(sideX, 0);
  const [sx1, sy1] = paper(drawingWidthMm, drawingHeightMm);
  shapes.push({ kind: 'rect', x: sx0, y: sy0, width: sx1 - sx0, height: sy1 - sy0, fill: '#ffffff', stroke: null });
  shapes.push({ kind: 'line', from: paper(sideX, 0), to: paper(sideX, drawingHeightMm), strokeMm: 0.3 });
  shapes.push(...northArrow(paper(sideX + 12, 13), 8 / k, placed.northAngle));
  shapes.push({ kind: 'text', at: paper(sideX + 24, 5), text: `比例 1:${scale.denominator}`, size: 9, weight: 'bold' });
  const note = scale.text.replace(`比例 1:${scale.denominator}`, '').replace(/^（|）$/g, '').replaceAll('）（', '，');
  if (note) shapes.push({ kind: 'text', at: paper(sideX + 24, 9.5), text: note, size: 5.5, color: '#333333' });
  shapes.push(...scaleBar(paper(sideX + 24, 14), k));

  const legend = legendRows(plan);
  let y = 30;
  shapes.push({ kind: 'text', at: paper(sideX + 4, y), text: '图例及设备数量', size: 8, weight: 'bold' });
  y += 5;
  // One column, or two when the legend is long.
  const columns = legend.length * 4.2 > drawingHeightMm - y - 2 ? 2 : 1;
  const perColumn = Math.ceil(legend.length / columns);
  const rowMm = Math.min(4.2, (drawingHeightMm - y - 2) / Math.max(1, perColumn));
  legend.forEach((row, i) => {
    const col = Math.floor(i / perColumn);
    const x = sideX + 6 + col * ((sideMm - 4) / columns);
    const ry = y + (i % perColumn) * rowMm;
    shapes.push(...row.symbol(paper(x, ry), k * (columns === 2 ? 1.3 : 1)));
    shapes.push({ kind: 'text', at: paper(x + 4.5, ry), text: row.text, size: Math.min(6.5, rowMm * 1.6), color: '#111111' });
  });

  const fixtureCounts = countFixtures(plan);
  const zoneRows = plan.zones.map((z) => {
    const b = bounds(z.outline)!;
    return [zoneName(z), zoneGroupNames[zoneKind(z.type).group], `${fmt(areas.get(z.id) ?? 0)}㎡`, `${fmt(b.max.x - b.min.x)} × ${fmt(b.max.y - b.min.y)} m`];
  });
  const statusText = { pass: '符合', fail: '不符合', 'not-applicable': '不适用' } as const;

  const heading = '餐饮服务场所平面布局图';
  const body: Block[] = [
    { kind: 'heading', text: heading, level: 2, align: 'center' },
    {
      kind: 'paragraph',
      style: { size: 9 },
      align: 'center',
      text: `经营者：${title.operatorName || '（未填写）'}\u3000\u3000经营场所：${title.address || '（未填写）'}\u3000\u3000检查：符合 ${report.passed} 项，不符合 ${report.failed} 项`,
      spaceAfterMm: 1,
    },
    { kind: 'drawing', widthMm: drawingWidthMm, heightMm: drawingHeightMm, mmPerUnit: k, origin, frame: true, shapes },
    { kind: 'pageBreak' },
    {
      kind: 'fields',
      title: '基本信息',
      columns: 2,
      rows: [
        { label: '经营者名称', value: title.operatorName || '（未填写）', wide: true },
        { label: '经营场所', value: title.address || '（未填写）', wide: true },
        { label: '经营业态', value: businessTypeNames[title.businessType] },
        { label: '餐用具消毒', value: title.disinfection === 'heat' ? '热力消毒（消毒柜）' : '化学消毒（药物浸泡）' },
        { label: '经营面积', value: `${fmt(report.facts.premisesArea)}㎡${title.area === undefined ? '（按区域合计）' : ''}` },
        { label: '座位数', value: `${report.facts.seats}${title.seats === undefined ? '（按图中座位）' : ''}` },
        { label: '食品处理区', value: `${fmt(report.facts.foodHandlingArea)}㎡` },
        { label: '就餐区', value: `${fmt(report.facts.diningArea)}㎡` },
        { label: '规模', value: report.facts.sizeClass.name },
        { label: '比例', value: scale.text.replace('比例 ', '') },
        { label: '绘制人', value: title.drawnBy || '／' },
        { label: '绘制日期', value: title.drawnOn || '／' },
      ],
    },
    {
      kind: 'table',
      title: '功能区',
      columns: [{ title: '区域', weight: 1.4 }, { title: '类别', weight: 0.8, align: 'center' }, { title: '面积', weight: 0.8, align: 'right' }, { title: '尺寸（外包）', weight: 1.1, align: 'center' }],
      rows: zoneRows.length > 0 ? zoneRows : [['（未划分区域）', '', '', '']],
    },
    {
      kind: 'table',
      title: `设备设施数量（共 ${plan.fixtures.length} 件）`,
      columns: [0, 1, 2].flatMap(() => [{ title: '设备设施', weight: 2 }, { title: '数量', weight: 0.6, align: 'center' as const }]),
      rows: fixtureCounts.length > 0 ? inRowsOf(3, fixtureCounts.map((c) => [c.name, String(c.count)])) : [['（未布置设备）', '0', '', '', '', '']],
    },
    {
      kind: 'table',
      title: `检查结果（${report.ruleSet.name}：符合 ${report.passed} 项，不符合 ${report.failed} 项；仅供参考，以审查意见为准）`,
      columns: [{ title: '检查项', weight: 1.5 }, { title: '结果', weight: 0.5, align: 'center' }, { title: '说明', weight: 4 }],
      rows: report.results.map((r) => [r.title, statusText[r.status], [r.message, ...r.details].join('；') + (r.source.title !== report.ruleSet.source.title ? `（依据：${r.source.title}）` : '')]),
      size: 8.5,
    },
    { kind: 'paragraph', style: { size: 8.5 }, text: `检查依据：${report.ruleSet.source.title}${report.ruleSet.source.issuer ? `，${report.ruleSet.source.issuer}` : ''}${report.ruleSet.source.date ? `，${report.ruleSet.source.date}` : ''}。` },
    { kind: 'paragraph', text: '以上平面布局与实际经营场所一致，内容属实。', indentChars: 2, spaceAfterMm: 2 },
    { kind: 'signature', label: '经营者签字（盖章）', date: '      年    月    日' },
  ];

  return {
    meta: {
      title: heading,
      subject: `${report.ruleSet.name}`,
      ...(options.hallName ? { author: options.hallName } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
    page: { orientation: 'landscape' },
    header: { left: options.hallName ?? heading, right: `${heading}${options.code ? `（编码 ${options.code}）` : ''}` },
    ...(options.code ? { pageMark: { qrPayload: options.qrPayload ?? options.code, code: options.code, label: '窗口扫码查看', sizeMm: 14 } } : {}),
    body,
  };
}

// --- pieces of the drawing ---------------------------------------------------------------------

function openingShapes(plan: FloorPlan, opening: Opening, place: Place): Shape[] {
  const g = openingGeometry(plan, opening);
  const t = g.wall.thickness / 2 + 0.01;
  // Everything in drawing units: place the centre line's ends, and take the normal from them.
  const [ax, ay] = place(g.segment.a);
  const [bx, by] = place(g.segment.b);
  const [nx0, ny0] = place({ x: g.centre.x + g.normal.x, y: g.centre.y + g.normal.y });
  const [cx, cy] = place(g.centre);
  const n = { x: nx0 - cx, y: ny0 - cy };
  const a = { x: ax, y: ay };
  const b = { x: bx, y: by };
  const centre = { x: cx, y: cy };
  const off = (p: { x: number; y: number }, d: number): Point => [p.x + n.x * d, p.y + n.y * d];
  // The gap in the wall.
  const shapes: Shape[] = [{ kind: 'path', points: [off(a, t), off(b, t), off(b, -t), off(a, -t)], fill: '#ffffff', stroke: null }];
  const jambs: Shape[] = [
    { kind: 'line', from: off(a, t), to: off(a, -t), strokeMm: 0.2 },
    { kind: 'line', from: off(b, t), to: off(b, -t), strokeMm: 0.2 },
  ];
  if (opening.kind === 'door') {
    const hinge = opening.swing.hinge === 'start' ? a : b;
    const latch = opening.swing.hinge === 'start' ? b : a;
    const side = opening.swing.side === 'left' ? 1 : -1;
    const leafEnd: Point = [hinge.x + n.x * side * opening.width, hinge.y + n.y * side * opening.width];
    // The swing: a quarter circle from the open leaf's end to the latch side.
    const start = Math.atan2(leafEnd[1] - hinge.y, leafEnd[0] - hinge.x);
    const end = Math.atan2(latch.y - hinge.y, latch.x - hinge.x);
    let sweep = end - start;
    while (sweep > Math.PI) sweep -= 2 * Math.PI;
    while (sweep < -Math.PI) sweep += 2 * Math.PI;
    const points: Point[] = [];
    for (let i = 0; i <= 16; i++) {
      const angle = start + (sweep * i) / 16;
      points.push([hinge.x + opening.width * Math.cos(angle), hinge.y + opening.width * Math.sin(angle)]);
    }
    shapes.push(...jambs, { kind: 'line', from: [hinge.x, hinge.y], to: leafEnd, strokeMm: 0.35 }, { kind: 'path', points, closed: false, strokeMm: 0.15, dashMm: [0.8, 0.6] });
  } else if (opening.kind === 'window') {
    const d = g.wall.thickness / 6;
    shapes.push(...jambs, { kind: 'line', from: off(a, t), to: off(b, t), strokeMm: 0.15 }, { kind: 'line', from: off(a, d), to: off(b, d), strokeMm: 0.15 }, { kind: 'line', from: off(a, -d), to: off(b, -d), strokeMm: 0.15 }, { kind: 'line', from: off(a, -t), to: off(b, -t), strokeMm: 0.15 });
  } else {
    shapes.push(...jambs, { kind: 'line', from: [a.x, a.y], to: [b.x, b.y], strokeMm: 0.4 }, { kind: 'text', at: off(centre, t + 0.18), text: '传递窗', size: 4.5, anchor: 'middle' });
  }
  return shapes;
}

function dimensionShapes(from: { x: number; y: number }, to: { x: number; y: number }, offset: number, k: number): Shape[] {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (len < 1e-6) return [];
  const d = { x: (to.x - from.x) / len, y: (to.y - from.y) / len };
  const n = { x: -d.y, y: d.x };
  const a: Point = [from.x + n.x * offset, from.y + n.y * offset];
  const b: Point = [to.x + n.x * offset, to.y + n.y * offset];
  const tick = 1.2 / k;
  const tickAt = (p: Point): Shape => ({ kind: 'line', from: [p[0] - (d.x - n.x) * tick, p[1] - (d.y - n.y) * tick], to: [p[0] + (d.x - n.x) * tick, p[1] + (d.y - n.y) * tick], strokeMm: 0.25 });
  const angle = (Math.atan2(d.y, d.x) * 180) / Math.PI;
  const upright = angle > 90 || angle < -90 ? angle + 180 : angle;
  return [
    { kind: 'line', from: [from.x, from.y], to: a, strokeMm: 0.1, stroke: '#555555' },
    { kind: 'line', from: [to.x, to.y], to: b, strokeMm: 0.1, stroke: '#555555' },
    { kind: 'line', from: a, to: b, strokeMm: 0.15 },
    tickAt(a),
    tickAt(b),
    { kind: 'text', at: [(a[0] + b[0]) / 2 + n.x * (1.8 / k), (a[1] + b[1]) / 2 + n.y * (1.8 / k)], text: `${fmt(len)} m`, size: 6, anchor: 'middle', rotateDeg: -upright },
  ];
}

function northArrow(centre: Point, radius: number, northAngle: number): Shape[] {
  const a = (northAngle * Math.PI) / 180;
  // Clockwise from the sheet's up direction; y grows downwards.
  const dir = { x: Math.sin(a), y: -Math.cos(a) };
  const perp = { x: -dir.y, y: dir.x };
  const tip: Point = [centre[0] + dir.x * radius, centre[1] + dir.y * radius];
  const tail: Point = [centre[0] - dir.x * radius * 0.7, centre[1] - dir.y * radius * 0.7];
  const w = radius * 0.35;
  return [
    { kind: 'circle', center: centre, radius, strokeMm: 0.25 },
    { kind: 'path', points: [tip, [centre[0] + perp.x * w, centre[1] + perp.y * w], tail], fill: '#000000', strokeMm: 0.2 },
    { kind: 'path', points: [tip, [centre[0] - perp.x * w, centre[1] - perp.y * w], tail], fill: '#ffffff', strokeMm: 0.2 },
    { kind: 'text', at: [centre[0] + dir.x * radius * 1.35, centre[1] + dir.y * radius * 1.35], text: '北', size: 8, weight: 'bold', anchor: 'middle' },
  ];
}

/** A bar of whole metres, about 30 mm long, alternately filled. */
function scaleBar(at: Point, k: number): Shape[] {
  const metres = [0.5, 1, 2, 5, 10, 20, 50].find((m) => m * 4 * k >= 24) ?? 50;
  const h = 1.6 / k;
  const shapes: Shape[] = [];
  for (let i = 0; i < 4; i++) {
    shapes.push({ kind: 'rect', x: at[0] + i * metres, y: at[1], width: metres, height: h, fill: i % 2 === 0 ? '#000000' : '#ffffff', strokeMm: 0.2 });
  }
  for (let i = 0; i <= 4; i += 2) {
    shapes.push({ kind: 'text', at: [at[0] + i * metres, at[1] + h + 2.2 / k], text: i === 4 ? `${fmt(i * metres)} m` : fmt(i * metres), size: 6, anchor: 'middle' });
  }
  return shapes;
}

interface LegendRow {
  text: string;
  symbol: (at: Point, k: number) => Shape[];
}

function legendRows(plan: FloorPlan): LegendRow[] {
  const box = (fill: string, stroke: string | null = '#000000'): LegendRow['symbol'] => (at, k) => [{ kind: 'rect', x: at[0] - 2.5 / k, y: at[1] - 1.3 / k, width: 5 / k, height: 2.6 / k, fill, stroke, strokeMm: 0.2 }];
  const rows: LegendRow[] = [{ text: '墙体', symbol: box('#3c3c3c') }];
  const kinds = new Set(plan.openings.map((o) => o.kind));
  if (kinds.has('door')) rows.push({ text: `门（${plan.openings.filter((o) => o.kind === 'door').length}）`, symbol: (at, k) => [{ kind: 'line', from: [at[0] - 2 / k, at[1] + 1.3 / k], to: [at[0] - 2 / k, at[1] - 1.5 / k], strokeMm: 0.35 }, { kind: 'arc', center: [at[0] - 2 / k, at[1] + 1.3 / k], radius: 2.8 / k, startDeg: 0, endDeg: 90, strokeMm: 0.15 }] });
  if (kinds.has('window')) rows.push({ text: `窗（${plan.openings.filter((o) => o.kind === 'window').length}）`, symbol: (at, k) => [-1, -0.35, 0.35, 1].map((d): Shape => ({ kind: 'line', from: [at[0] - 2.5 / k, at[1] + d / k], to: [at[0] + 2.5 / k, at[1] + d / k], strokeMm: 0.15 })) });
  if (kinds.has('passWindow')) rows.push({ text: `传递窗（${plan.openings.filter((o) => o.kind === 'passWindow').length}）`, symbol: (at, k) => [{ kind: 'line', from: [at[0] - 2.5 / k, at[1]], to: [at[0] + 2.5 / k, at[1]], strokeMm: 0.4 }] });
  for (const kind of ['raw', 'finished', 'tableware'] as const) {
    if (!plan.flows.some((f) => f.kind === kind)) continue;
    rows.push({ text: `${flowKindNames[kind]}流线`, symbol: (at, k) => [{ kind: 'arrow', points: [[at[0] - 2.5 / k, at[1]], [at[0] + 2.5 / k, at[1]]], stroke: flowColours[kind], strokeMm: 0.5, headMm: 1.6, ...(kind === 'tableware' ? { dashMm: [1, 0.6] as const } : {}) }] });
  }
  const groups = [...new Set(plan.zones.map((z) => zoneKind(z.type).group))];
  for (const group of groups) rows.push({ text: zoneGroupNames[group], symbol: box(zoneFills[group], '#9a9a9a') });
  for (const c of countFixtures(plan)) {
    const def = symbolDef(c.symbol);
    rows.push({
      text: `${c.name} ×${c.count}`,
      symbol: def.shape === 'round' ? (at, k) => [{ kind: 'circle', center: at, radius: 1.3 / k, fill: '#ffffff', strokeMm: 0.2 }] : box('#ffffff'),
    });
  }
  return rows;
}

/** Fixtures by symbol (and label, when a sink is labelled by purpose), in the library's order. */
export function countFixtures(plan: FloorPlan): Array<{ symbol: SymbolId; name: string; count: number }> {
  const counts = new Map<string, { symbol: SymbolId; name: string; count: number }>();
  for (const f of plan.fixtures) {
    const name = symbolDef(f.symbol).name;
    const key = f.symbol;
    const entry = counts.get(key) ?? { symbol: f.symbol, name, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/** Pairs of cells laid side by side, `per` pairs to a row. */
function inRowsOf(per: number, pairs: string[][]): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < pairs.length; i += per) {
    const row = pairs.slice(i, i + per).flat();
    while (row.length < per * 2) row.push('');
    rows.push(row);
  }
  return rows;
}
