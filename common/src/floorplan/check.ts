// The checklist (../shared/docs/floorplan.md, "Checks the editor can run live"): a rule set
// run over a plan. Each result names its rule, its source and the elements involved, with a
// Chinese message a restaurant owner understands. A failed check is advice, not a lock.
import { businessTypeNames, type ElementId, type Fixture, type FloorPlan, type Opening, type TitleBlock, type Zone } from './document.ts';
import { distance, distanceToPolyline, lerp, pointInPolygon, polygonDistance, polylineSegments, segmentsIntersect } from './geometry.ts';
import { fixtureFootprint, fixtureHeight, openingGeometry, openingSides, zoneAreas, zoneCentre, zoneLocator, zoneName } from './plan-geometry.ts';
import type { Metres, Point } from './units.ts';
import type { Condition, PerClass, Rule, RuleSet, RuleSource, SizeClass, ZoneSelector } from './rules.ts';
import { symbolDef, symbols } from './symbols.ts';
import { cleanliness, isFoodHandling, zoneGroupNames, zoneGroups, zoneKind, zoneKinds, type ZoneGroup } from './zones.ts';

export type RuleStatus = 'pass' | 'fail' | 'not-applicable';

export interface RuleResult {
  ruleId: string;
  ruleSetId: string;
  kind: Rule['kind'];
  title: string;
  status: RuleStatus;
  /** One sentence for the checklist, in Chinese. */
  message: string;
  /** Each problem found, in Chinese (empty when passed). */
  details: string[];
  /** The elements to highlight when the rule is tapped. */
  elementIds: ElementId[];
  source: RuleSource;
}

export interface PlanFacts {
  /** Declared area, or the zones' total. */
  premisesArea: number;
  foodHandlingArea: number;
  diningArea: number;
  /** Declared seats, or the seats drawn. */
  seats: number;
  seatsDrawn: number;
  sizeClass: SizeClass;
}

export interface CheckReport {
  ruleSet: { id: string; name: string; region: string; source: RuleSource };
  facts: PlanFacts;
  results: RuleResult[];
  passed: number;
  failed: number;
}

// --- shared facts ------------------------------------------------------------------------------

interface Context {
  plan: FloorPlan;
  set: RuleSet;
  facts: PlanFacts;
  area: Map<ElementId, number>;
  fixtureZone: Map<ElementId, Zone | undefined>;
  zoneAt: (p: Point<Metres>) => Zone | undefined;
  sides: Map<ElementId, { left?: Zone; right?: Zone }>;
}

export const fmt = (n: number, digits = 2): string => String(Number(n.toFixed(digits)));
const names = (list: readonly string[]): string => list.join('、');
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The size class of premises of this area and seat count: the larger of the two classes. */
export function sizeClassOf(classes: readonly SizeClass[], area: number, seats: number): SizeClass {
  const byArea = classes.findIndex((c) => c.maxArea === null || area <= c.maxArea + 1e-9);
  const bySeats = classes.findIndex((c) => c.maxSeats === null || seats <= c.maxSeats);
  const last = classes.length - 1;
  return classes[Math.max(byArea < 0 ? last : byArea, bySeats < 0 ? last : bySeats)]!;
}

export function planFacts(plan: FloorPlan, classes: readonly SizeClass[]): PlanFacts {
  const areas = zoneAreas(plan);
  const total = (pick: (z: Zone) => boolean): number => sum(plan.zones.filter(pick).map((z) => areas.get(z.id)!));
  const seatsDrawn = sum(plan.fixtures.map((f) => symbolDef(f.symbol).seats ?? 0));
  const premisesArea = plan.title.area ?? total(() => true);
  const seats = plan.title.seats ?? seatsDrawn;
  return {
    premisesArea,
    foodHandlingArea: total((z) => isFoodHandling(z.type)),
    diningArea: total((z) => zoneKind(z.type).group === 'dining'),
    seats,
    seatsDrawn,
    sizeClass: sizeClassOf(classes, premisesArea, seats),
  };
}

function holds(c: Condition | undefined, ctx: Context): boolean {
  if (!c) return true;
  const t = ctx.plan.title;
  if (c.menu && !c.menu.every((f) => t.menu[f] === true)) return false;
  if (c.businessTypes && !c.businessTypes.includes(t.businessType)) return false;
  if (c.disinfection && t.disinfection !== c.disinfection) return false;
  if (c.sizeClasses && !c.sizeClasses.includes(ctx.facts.sizeClass.id)) return false;
  if (c.hasZone && !ctx.plan.zones.some((z) => c.hasZone!.includes(z.type))) return false;
  return true;
}

const applies = (r: { when?: Condition; unless?: Condition | Condition[] }, ctx: Context): boolean => {
  if (!holds(r.when, ctx)) return false;
  const unless = r.unless === undefined ? [] : Array.isArray(r.unless) ? r.unless : [r.unless];
  return !unless.some((c) => holds(c, ctx));
};

export const selects = (s: ZoneSelector, z: Zone): boolean =>
  ((s.groups?.includes(zoneKind(z.type).group) ?? false) || (s.types?.includes(z.type) ?? false)) && !(s.exclude?.includes(z.type) ?? false);

export function describeSelector(s: ZoneSelector): string {
  const parts = [...(s.groups ?? []).map((g) => zoneGroupNames[g]), ...(s.types ?? []).map((t) => zoneKinds[t].name)];
  const except = (s.exclude ?? []).map((t) => zoneKinds[t].name);
  const groups = new Set(s.groups ?? []);
  const whole = groups.size === 3 && ['clean', 'semi-clean', 'general'].every((g) => groups.has(g as ZoneGroup)) ? '食品处理区' : groups.size === zoneGroups.length ? '经营场所' : undefined;
  if (whole && !s.types) return except.length ? `${whole}（不含${names(except)}）` : whole;
  return names(parts) + (except.length ? `（不含${names(except)}）` : '');
}

function valueFor(v: PerClass | undefined, cls: SizeClass): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : v[cls.id];
}

const zoneLabel = (z: Zone): string => zoneName(z);
const fixtureLabel = (f: Fixture): string => f.label ?? symbols[f.symbol].name;

// --- the rules ---------------------------------------------------------------------------------

type Outcome = Pick<RuleResult, 'status' | 'message' | 'details' | 'elementIds'>;
const pass = (message: string, elementIds: ElementId[] = []): Outcome => ({ status: 'pass', message, details: [], elementIds });
const fail = (message: string, details: string[], elementIds: ElementId[]): Outcome => ({ status: 'fail', message, details, elementIds: [...new Set(elementIds)] });
const notApplicable = (message: string): Outcome => ({ status: 'not-applicable', message, details: [], elementIds: [] });

type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;

function requiredZones(rule: RuleOf<'requiredZones'>, ctx: Context): Outcome {
  const missing: string[] = [];
  const found: ElementId[] = [];
  for (const req of rule.requirements) {
    if (!applies(req, ctx)) continue;
    const zones = ctx.plan.zones.filter((z) => req.anyOf.includes(z.type));
    if (zones.length === 0) missing.push(req.name);
    else found.push(...zones.map((z) => z.id));
  }
  if (missing.length === 0) return pass('按经营项目需要的功能区都已画出。', found);
  return fail(`缺少${names(missing)}。请在图上画出这些区域并选好区域名称。`, missing.map((n) => `缺少${n}`), []);
}

function foodDiningRatio(rule: RuleOf<'foodDiningRatio'>, ctx: Context): Outcome {
  const { foodHandlingArea: food, diningArea: dining, sizeClass } = ctx.facts;
  const k = valueFor(rule.maxDiningPerFood, sizeClass);
  if (k === undefined) return notApplicable(`此规则不适用于${sizeClass.name}。`);
  const diningZones = ctx.plan.zones.filter((z) => zoneKind(z.type).group === 'dining');
  if (diningZones.length === 0) return notApplicable('图中没有就餐区，不需要比较食品处理区与就餐区面积。');
  const ids = ctx.plan.zones.filter((z) => isFoodHandling(z.type) || zoneKind(z.type).group === 'dining').map((z) => z.id);
  const need = dining / k;
  if (food + 1e-9 >= need) return pass(`食品处理区 ${fmt(food, 1)}㎡，就餐区 ${fmt(dining, 1)}㎡，比例 1:${food > 0 ? fmt(dining / food, 2) : '0'}，在要求的 1:${k.toFixed(1)} 以内。`, ids);
  const ratio = food > 0 ? `1:${fmt(dining / food, 2)}` : '0';
  return fail(
    `食品处理区太小：食品处理区 ${fmt(food, 1)}㎡，就餐区 ${fmt(dining, 1)}㎡，比例为 ${ratio}；${sizeClass.name}要求不低于 1:${k.toFixed(1)}，食品处理区至少要 ${fmt(need, 1)}㎡（或减小就餐区）。`,
    [`食品处理区还差 ${fmt(need - food, 1)}㎡`],
    ids,
  );
}

function areaShare(rule: RuleOf<'areaShare'>, ctx: Context): Outcome {
  const cls = ctx.facts.sizeClass;
  const minShare = valueFor(rule.minShare, cls);
  const minArea = valueFor(rule.minArea, cls);
  if (minShare === undefined && minArea === undefined) return notApplicable(`此规则不适用于${cls.name}。`);
  const zones = ctx.plan.zones.filter((z) => selects(rule.zones, z));
  const part = sum(zones.map((z) => ctx.area.get(z.id)!));
  const what = describeSelector(rule.zones);
  const ids = zones.map((z) => z.id);
  const problems: string[] = [];
  let shareText = '';
  if (minShare !== undefined && rule.of) {
    const of = rule.of;
    const whole = of === 'premises' ? ctx.facts.premisesArea : sum(ctx.plan.zones.filter((z) => selects(of, z)).map((z) => ctx.area.get(z.id)!));
    const ofName = of === 'premises' ? '经营场所面积' : describeSelector(of);
    const share = whole > 0 ? part / whole : 0;
    shareText = `占${ofName} ${fmt(whole, 1)}㎡ 的 ${fmt(share * 100, 1)}%`;
    if (share + 1e-9 < minShare) problems.push(`${what}应不少于${ofName}的 ${fmt(minShare * 100, 1)}%（现为 ${fmt(share * 100, 1)}%，还差约 ${fmt(minShare * whole - part, 1)}㎡）`);
  }
  if (minArea !== undefined && part + 1e-9 < minArea) problems.push(`${what}应不少于 ${fmt(minArea, 1)}㎡（现为 ${fmt(part, 1)}㎡）`);
  const stated = `${what}共 ${fmt(part, 1)}㎡${shareText ? `，${shareText}` : ''}`;
  if (problems.length === 0) return pass(`${stated}，符合要求。`, ids);
  return fail(`${stated}。${problems.join('；')}。`, problems, ids);
}

function sinkCounts(rule: RuleOf<'sinkCounts'>, ctx: Context): Outcome {
  const problems: string[] = [];
  const involved: ElementId[] = [];
  for (const req of rule.requirements) {
    if (!applies(req, ctx)) continue;
    const sinks = ctx.plan.fixtures.filter((f) => {
      const s = symbolDef(f.symbol).sink;
      return s !== undefined && req.purposes.includes(s.purpose);
    });
    const basins = sum(sinks.map((f) => symbolDef(f.symbol).sink!.basins));
    const min = typeof req.min === 'number' ? req.min : req.min[ctx.plan.title.disinfection];
    involved.push(...sinks.map((f) => f.id));
    if (basins < min) {
      const method = typeof req.min === 'number' ? '' : ctx.plan.title.disinfection === 'heat' ? '（用消毒柜热力消毒）' : '（用药物浸泡消毒）';
      problems.push(`${req.name}${method}需要 ${min} 个，图中有 ${basins} 个`);
    }
  }
  if (problems.length === 0) return pass('各用途的水池数量够了。', involved);
  return fail(`水池不够：${problems.join('；')}。每个水池要标明用途。`, problems, involved);
}

function fixturesPresent(rule: RuleOf<'fixturesPresent'>, ctx: Context): Outcome {
  const problems: string[] = [];
  const involved: ElementId[] = [];
  const counted: ElementId[] = [];
  for (const req of rule.requirements) {
    if (!applies(req, ctx)) continue;
    const candidates = ctx.plan.fixtures.filter((f) => (req.symbols as readonly string[]).includes(f.symbol));
    const placed = (f: Fixture): boolean => {
      const z = ctx.fixtureZone.get(f.id);
      if (req.in && !(z && selects(req.in, z))) return false;
      if (req.notIn && z && selects(req.notIn, z)) return false;
      return true;
    };
    const good = candidates.filter(placed);
    const misplaced = candidates.filter((f) => !placed(f));
    counted.push(...good.map((f) => f.id));
    if (good.length >= req.min) continue;
    const where = req.in ? `${describeSelector(req.in)}内` : req.notIn ? `${describeSelector(req.notIn)}以外` : '';
    const need = req.min > 1 ? ` ${req.min} 个` : '';
    if (misplaced.length > 0) {
      problems.push(`${req.name}应放在${where}（现在的${names(misplaced.map((f) => `${fixtureLabel(f)}在${ctx.fixtureZone.get(f.id) ? zoneLabel(ctx.fixtureZone.get(f.id)!) : '区域外'}`))}）`);
      involved.push(...misplaced.map((f) => f.id));
    } else {
      problems.push(`缺少${req.name}${need}${where ? `（${where}）` : ''}`);
    }
  }
  if (problems.length === 0) return pass('需要的设备设施都已画出。', counted);
  return fail(`${problems.join('；')}。`, problems, involved);
}

function hoodsOverStoves(_rule: RuleOf<'hoodsOverStoves'>, ctx: Context): Outcome {
  const stoves = ctx.plan.fixtures.filter((f) => symbolDef(f.symbol).needsHood);
  if (stoves.length === 0) return notApplicable('图中没有灶具。');
  const hoods = ctx.plan.fixtures.filter((f) => f.symbol === 'hood').map((h) => ({ id: h.id, box: fixtureFootprint(h) }));
  const bare = stoves.filter((s) => !hoods.some((h) => pointInPolygon(s.at, h.box)));
  if (bare.length === 0) return pass('每个灶具上方都有排烟罩。', [...stoves.map((s) => s.id), ...hoods.map((h) => h.id)]);
  const problems = bare.map((s) => `${fixtureLabel(s)}上方没有排烟罩`);
  return fail(`${names(bare.map(fixtureLabel))}上方没有排烟罩。请把排烟罩画在灶具上方（罩住灶具）。`, problems, bare.map((s) => s.id));
}

function doorsOf(ctx: Context, zone: Zone, kind: Opening['kind']): Opening[] {
  return ctx.plan.openings.filter((o) => o.kind === kind && (ctx.sides.get(o.id)?.left?.id === zone.id || ctx.sides.get(o.id)?.right?.id === zone.id));
}

function specialRooms(rule: RuleOf<'specialRooms'>, ctx: Context): Outcome {
  const rooms = ctx.plan.zones.filter((z) => zoneKind(z.type).specialRoom);
  if (rooms.length === 0) return notApplicable('图中没有专间。');
  const problems: string[] = [];
  const involved: ElementId[] = [];
  for (const room of rooms) {
    const name = zoneLabel(room);
    const missing: string[] = [];
    for (const req of rule.requires) {
      if (req.what === 'door' || req.what === 'passWindow') {
        const found = doorsOf(ctx, room, req.what);
        if (found.length < req.min) missing.push(`缺少${req.name}`);
        else if (req.what === 'door' && req.max !== undefined && found.length > req.max) {
          missing.push(`${req.name}只能有 ${req.max} 个，现有 ${found.length} 个`);
          involved.push(...found.map((o) => o.id));
        }
      } else {
        const near = ctx.plan.fixtures.filter(
          (f) =>
            (req.symbols as readonly string[]).includes(f.symbol) &&
            (pointInPolygon(f.at, room.outline) || (req.atEntrance && distanceToPolyline(f.at, room.outline, true) <= rule.entrance)),
        );
        if (near.length < req.min) missing.push(`缺少${req.name}`);
      }
    }
    if (missing.length > 0) {
      problems.push(`${name}：${names(missing)}`);
      involved.push(room.id);
    }
  }
  if (problems.length === 0) return pass(`专间（${names(rooms.map(zoneLabel))}）的门、传递窗和设施齐全。`, rooms.map((r) => r.id));
  return fail(`专间设施不全：${problems.join('；')}。`, problems, involved);
}

function changingAtEntrance(rule: RuleOf<'changingAtEntrance'>, ctx: Context): Outcome {
  const food = ctx.plan.zones.filter((z) => isFoodHandling(z.type));
  if (food.length === 0) return notApplicable('图中还没有食品处理区。');
  const changing = ctx.plan.zones.filter((z) => z.type === 'changing');
  if (changing.length === 0) return fail('缺少更衣区。请在进入食品处理区的入口处画出更衣区。', ['缺少更衣区'], []);
  const ok = changing.filter(
    (c) => doorsOf(ctx, c, 'door').some((o) => [ctx.sides.get(o.id)?.left, ctx.sides.get(o.id)?.right].some((z) => z && isFoodHandling(z.type))) || food.some((f) => polygonDistance(c.outline, f.outline) <= rule.maxGap),
  );
  if (ok.length > 0) return pass('更衣区设在食品处理区入口处。', ok.map((z) => z.id));
  return fail('更衣区离食品处理区太远。更衣区应紧挨食品处理区的入口，或有门直接通往食品处理区。', changing.map((c) => `${zoneLabel(c)}不在食品处理区入口处`), changing.map((c) => c.id));
}

function noToiletInFoodArea(_rule: RuleOf<'noToiletInFoodArea'>, ctx: Context): Outcome {
  const toilets = ctx.plan.zones.filter((z) => z.type === 'toilet');
  if (toilets.length === 0) return pass('图中没有卫生间，食品处理区内不存在卫生间。');
  const problems: string[] = [];
  const involved: ElementId[] = [];
  for (const t of toilets) {
    const inside = ctx.plan.zones.find((z) => z.id !== t.id && isFoodHandling(z.type) && pointInPolygon(zoneCentre(t), z.outline, 0));
    if (inside) {
      problems.push(`${zoneLabel(t)}设在${zoneLabel(inside)}内`);
      involved.push(t.id, inside.id);
    }
    for (const door of doorsOf(ctx, t, 'door')) {
      const s = ctx.sides.get(door.id)!;
      const other = s.left?.id === t.id ? s.right : s.left;
      if (other && isFoodHandling(other.type)) {
        problems.push(`${zoneLabel(t)}的门直接开向${zoneLabel(other)}`);
        involved.push(t.id, door.id, other.id);
      }
    }
  }
  if (problems.length === 0) return pass('卫生间不在食品处理区内，门也不开向食品处理区。', toilets.map((t) => t.id));
  return fail(`${problems.join('；')}。卫生间不得设在食品处理区内，门不得直接开向食品处理区。`, problems, involved);
}

function exteriorDoors(rule: RuleOf<'exteriorDoors'>, ctx: Context): Outcome {
  const doors = ctx.plan.openings.filter((o) => o.kind === 'door' && o.exterior);
  if (doors.length === 0) return notApplicable('图中没有标为“通向室外”的门。');
  const problems: string[] = [];
  const involved: ElementId[] = [];
  doors.forEach((door) => {
    const c = openingGeometry(ctx.plan, door).centre;
    const near = (f: Fixture): boolean => distance(f.at, c) <= rule.within;
    const boards = ctx.plan.fixtures.filter((f) => (rule.rodentBoards as readonly string[]).includes(f.symbol) && near(f));
    const tallEnough = boards.filter((f) => (fixtureHeight(f) ?? 0) + 1e-9 >= rule.rodentBoardMinHeight);
    const screens = ctx.plan.fixtures.filter((f) => (rule.flyScreens as readonly string[]).includes(f.symbol) && near(f));
    const missing: string[] = [];
    if (boards.length === 0) missing.push('挡鼠板');
    else if (tallEnough.length === 0) missing.push(`挡鼠板高度不足 ${fmt(rule.rodentBoardMinHeight * 100, 0)} 厘米`);
    if (screens.length === 0) missing.push('防蝇帘或风幕机');
    if (missing.length > 0) {
      const where = [ctx.sides.get(door.id)?.left, ctx.sides.get(door.id)?.right].find((z) => z);
      problems.push(`${where ? `${zoneLabel(where)}的` : ''}外门（宽 ${fmt(door.width, 2)} 米）缺少${names(missing)}`);
      involved.push(door.id, ...boards.map((b) => b.id));
    }
  });
  if (problems.length === 0) return pass('每个通向室外的门都有挡鼠板和防蝇设施。', doors.map((d) => d.id));
  return fail(`${problems.join('；')}。`, problems, involved);
}

function flowArrows(rule: RuleOf<'flowArrows'>, ctx: Context): Outcome {
  const missing = rule.required.filter((r) => holds(r.when, ctx) && !ctx.plan.flows.some((f) => f.kind === r.kind));
  const kindName = { raw: '原料进入', finished: '成品出餐', tableware: '餐具回收' } as const;
  if (missing.length === 0) return pass('原料、成品和餐具回收的流向都已标出。', ctx.plan.flows.map((f) => f.id));
  const list = missing.map((r) => kindName[r.kind]);
  return fail(`缺少流向箭头：${names(list)}。请用箭头画出它们的路线。`, list.map((n) => `缺少“${n}”箭头`), []);
}

function rawFlowOneWay(rule: RuleOf<'rawFlowOneWay'>, ctx: Context): Outcome {
  const raws = ctx.plan.flows.filter((f) => f.kind === 'raw');
  if (raws.length === 0) return notApplicable('还没有画原料流向箭头。');
  const problems: string[] = [];
  const involved: ElementId[] = [];
  for (const flow of raws) {
    let cleanest: Zone | undefined;
    let rank = 0;
    let bad: [Zone, Zone] | undefined;
    for (const seg of polylineSegments(flow.points)) {
      const steps = Math.max(1, Math.ceil(distance(seg.a, seg.b) / rule.step));
      for (let i = 0; i <= steps && !bad; i++) {
        const z = ctx.zoneAt(lerp(seg.a, seg.b, i / steps));
        const r = z ? cleanliness[zoneKind(z.type).group] : undefined;
        if (r === undefined || !z) continue;
        if (r < rank) bad = [cleanest!, z];
        else if (r > rank) [rank, cleanest] = [r, z];
      }
    }
    if (bad) {
      problems.push(`原料从${zoneLabel(bad[0])}（${zoneGroupNames[zoneKind(bad[0].type).group]}）回到了${zoneLabel(bad[1])}（${zoneGroupNames[zoneKind(bad[1].type).group]}）`);
      involved.push(flow.id, bad[0].id, bad[1].id);
    }
  }
  if (problems.length === 0) return pass('原料只从一般操作区流向更清洁的区域，没有逆流。', raws.map((f) => f.id));
  return fail(`原料流向逆流：${problems.join('；')}。原料应按“生进熟出”单向流动：一般操作区 → 准清洁区 → 清洁区，不能回头。`, problems, involved);
}

function cleanDirtyPathsApart(_rule: RuleOf<'cleanDirtyPathsApart'>, ctx: Context): Outcome {
  const finished = ctx.plan.flows.filter((f) => f.kind === 'finished');
  const dirty = ctx.plan.flows.filter((f) => f.kind === 'tableware');
  if (finished.length === 0 || dirty.length === 0) return notApplicable('成品出餐和餐具回收箭头还没有都画出。');
  const crossings: Array<[ElementId, ElementId]> = [];
  for (const f of finished) {
    for (const d of dirty) {
      const fs = polylineSegments(f.points);
      const ds = polylineSegments(d.points);
      if (fs.some((s) => ds.some((t) => segmentsIntersect(s, t)))) crossings.push([f.id, d.id]);
    }
  }
  if (crossings.length === 0) return pass('成品出餐路线与脏餐具回收路线没有交叉。', [...finished, ...dirty].map((f) => f.id));
  return fail(
    `成品出餐路线与脏餐具回收路线交叉了 ${crossings.length} 处。请调整出餐口或收餐具的路线，使两条路线分开。`,
    crossings.map(([a, b]) => `出餐流线 ${a} 与餐具回收流线 ${b} 交叉`),
    crossings.flat(),
  );
}

const titleFieldNames: Readonly<Record<RuleOf<'titleBlock'>['fields'][number], string>> = {
  operatorName: '经营者名称',
  address: '经营场所地址',
  businessType: '经营类型',
  seats: '座位数',
  area: '经营面积',
  drawnOn: '绘图日期',
  drawnBy: '绘图人',
};

function titleBlock(rule: RuleOf<'titleBlock'>, ctx: Context): Outcome {
  const t: TitleBlock = ctx.plan.title;
  const filled = (k: RuleOf<'titleBlock'>['fields'][number]): boolean => {
    switch (k) {
      case 'operatorName':
      case 'address':
      case 'drawnOn':
      case 'drawnBy':
        return t[k].trim() !== '';
      case 'businessType':
        return businessTypeNames[t.businessType] !== undefined;
      case 'seats':
        return t.seats !== undefined;
      case 'area':
        return t.area !== undefined;
    }
  };
  const missing = rule.fields.filter((k) => !filled(k)).map((k) => titleFieldNames[k]);
  if (missing.length === 0) return pass('图签信息完整。');
  return fail(`图签还没填：${names(missing)}。经营者名称要与营业执照一致，地址要写到门牌号。`, missing.map((n) => `缺少${n}`), []);
}

function runRule(rule: Rule, ctx: Context): Outcome {
  if (!applies(rule, ctx)) return notApplicable('按申报的经营类型和经营项目，此规则不适用。');
  switch (rule.kind) {
    case 'requiredZones':
      return requiredZones(rule, ctx);
    case 'foodDiningRatio':
      return foodDiningRatio(rule, ctx);
    case 'areaShare':
      return areaShare(rule, ctx);
    case 'sinkCounts':
      return sinkCounts(rule, ctx);
    case 'fixturesPresent':
      return fixturesPresent(rule, ctx);
    case 'hoodsOverStoves':
      return hoodsOverStoves(rule, ctx);
    case 'specialRooms':
      return specialRooms(rule, ctx);
    case 'changingAtEntrance':
      return changingAtEntrance(rule, ctx);
    case 'noToiletInFoodArea':
      return noToiletInFoodArea(rule, ctx);
    case 'exteriorDoors':
      return exteriorDoors(rule, ctx);
    case 'flowArrows':
      return flowArrows(rule, ctx);
    case 'rawFlowOneWay':
      return rawFlowOneWay(rule, ctx);
    case 'cleanDirtyPathsApart':
      return cleanDirtyPathsApart(rule, ctx);
    case 'titleBlock':
      return titleBlock(rule, ctx);
  }
}

/** Runs every rule of the set over the plan, in the set's order. */
export function checkPlan(plan: FloorPlan, set: RuleSet): CheckReport {
  const facts = planFacts(plan, set.sizeClasses);
  const zoneAt = zoneLocator(plan);
  const ctx: Context = {
    plan,
    set,
    facts,
    area: zoneAreas(plan),
    zoneAt,
    fixtureZone: new Map(plan.fixtures.map((f) => [f.id, zoneAt(f.at)])),
    sides: new Map(plan.openings.map((o) => [o.id, openingSides(plan, o, 0.15, zoneAt)])),
  };
  const results = set.rules.map((rule): RuleResult => ({
    ruleId: rule.id,
    ruleSetId: set.id,
    kind: rule.kind,
    title: rule.title,
    source: rule.source ?? set.source,
    ...runRule(rule, ctx),
  }));
  return {
    ruleSet: { id: set.id, name: set.name, region: set.region, source: set.source },
    facts,
    results,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
  };
}

export const resultFor = (report: CheckReport, ruleId: string): RuleResult | undefined => report.results.find((r) => r.ruleId === ruleId);
