// The floor-plan document (餐饮平面图): plain JSON in metres, shared by the kiosk editor, its
// autosave, the hall server and the PDF renderer. This schema is the contract. Coordinates
// are plan metres with x to the right and y down, as drawn; title.northAngle says where
// north is. Walls run between corners, so walls that share a corner are joined there and move
// together; an opening is placed by its distance along its wall, so it follows the wall.
//
// Versions: `version` is FLOOR_PLAN_VERSION; an older document goes through migratePlan()
// (migrate.ts) before it is parsed. Add fields as optional with defaults where possible; a
// change that old documents cannot satisfy needs a new version and a migration.
import { z } from 'zod';
import { symbolIds, type SymbolId } from './symbols.ts';
import { metresSchema, type Degrees, type Metres } from './units.ts';
import { zoneTypes } from './zones.ts';

export const FLOOR_PLAN_FORMAT = 'hall.floorplan';
export const FLOOR_PLAN_VERSION = 1;

export const elementIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '编号只能包含字母、数字、下划线和连字符');
export type ElementId = string;

const positive = metresSchema.refine((v) => v > 0, '必须大于 0');
const nonNegative = metresSchema.refine((v) => v >= 0, '不能为负');
const degrees = z.number().refine(Number.isFinite, '角度必须是有限数值').brand<'Degrees'>();

export const pointSchema = z.strictObject({ x: metresSchema, y: metresSchema });

export const cornerSchema = z.strictObject({ id: elementIdSchema, x: metresSchema, y: metresSchema });
export type Corner = z.infer<typeof cornerSchema>;

export const wallSchema = z.strictObject({
  id: elementIdSchema,
  from: elementIdSchema,
  to: elementIdSchema,
  /** Wall thickness in metres (a brick wall 0.24, a partition 0.12). */
  thickness: positive.refine((v) => v <= 1, '墙厚不超过 1 米'),
});
export type Wall = z.infer<typeof wallSchema>;

const openingBase = {
  id: elementIdSchema,
  wall: elementIdSchema,
  /** Distance from the wall's `from` corner to the opening's centre, along the wall. */
  offset: nonNegative,
  width: positive,
};

export const doorSwingSchema = z.strictObject({
  /** The hinge is at the end of the opening nearer the wall's `from` corner ('start') or `to` ('end'). */
  hinge: z.enum(['start', 'end']),
  /** The leaf opens to the left or right of the wall's direction from → to. */
  side: z.enum(['left', 'right']),
});
export type DoorSwing = z.infer<typeof doorSwingSchema>;

export const openingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...openingBase,
    kind: z.literal('door'),
    swing: doorSwingSchema,
    /** Leads outside the premises: needs a rodent board and a fly curtain or air curtain. */
    exterior: z.boolean().default(false),
    selfClosing: z.boolean().default(false),
  }),
  z.strictObject({ ...openingBase, kind: z.literal('window'), exterior: z.boolean().default(false) }),
  /** 传递窗: a hatch for passing food, e.g. from a 专间 or the serving area. */
  z.strictObject({ ...openingBase, kind: z.literal('passWindow') }),
]);
export type Opening = z.infer<typeof openingSchema>;
export type OpeningKind = Opening['kind'];

export const zoneSchema = z.strictObject({
  id: elementIdSchema,
  type: z.enum(zoneTypes),
  /** A name other than the type's own (e.g. 面点间); the type still decides the rules. */
  name: z.string().max(30).optional(),
  outline: z.array(pointSchema).min(3, '区域至少需要 3 个顶点'),
});
export type Zone = z.infer<typeof zoneSchema>;

export const fixtureSchema = z.strictObject({
  id: elementIdSchema,
  symbol: z.enum(symbolIds as [SymbolId, ...SymbolId[]]),
  /** Centre of the symbol. */
  at: pointSchema,
  rotation: degrees.default(0 as Degrees),
  width: positive,
  depth: positive,
  /** Where a rule cares (rodent board height); defaults to the symbol's. */
  height: positive.optional(),
  /** Shown instead of the symbol's name (e.g. 肉类池). */
  label: z.string().max(30).optional(),
});
export type Fixture = z.infer<typeof fixtureSchema>;

export const flowKinds = ['raw', 'finished', 'tableware'] as const;
export type FlowKind = (typeof flowKinds)[number];
export const flowKindNames: Readonly<Record<FlowKind, string>> = { raw: '原料进入', finished: '成品出餐', tableware: '餐具回收' };

export const flowSchema = z.strictObject({
  id: elementIdSchema,
  kind: z.enum(flowKinds),
  /** A polyline; the arrow head is at the last point. */
  points: z.array(pointSchema).min(2, '流线至少需要 2 个点'),
});
export type Flow = z.infer<typeof flowSchema>;

export const labelSchema = z.strictObject({
  id: elementIdSchema,
  text: z.string().min(1).max(60),
  at: pointSchema,
  /** Text height in metres at plan scale. */
  size: positive.default(0.25 as Metres),
  rotation: degrees.default(0 as Degrees),
});
export type Label = z.infer<typeof labelSchema>;

export const dimensionSchema = z.strictObject({
  id: elementIdSchema,
  from: pointSchema,
  to: pointSchema,
  /** Distance of the dimension line from the measured points, to the left of from → to. */
  offset: metresSchema.default(0.5 as Metres),
});
export type Dimension = z.infer<typeof dimensionSchema>;

export const businessTypes = ['restaurant', 'snack', 'fast-food', 'drinks', 'canteen', 'central-kitchen', 'group-meal'] as const;
export type BusinessType = (typeof businessTypes)[number];
export const businessTypeNames: Readonly<Record<BusinessType, string>> = {
  restaurant: '餐馆',
  snack: '小吃店',
  'fast-food': '快餐店',
  drinks: '饮品店',
  canteen: '单位食堂',
  'central-kitchen': '中央厨房',
  'group-meal': '集体用餐配送单位',
};

/** What the menu declares; rules use it for requirements and exemptions. */
export const menuFlags = ['coldDishes', 'cakeDecorating', 'rawSeafood', 'freshJuice', 'aquatic', 'semiProcessedOnly', 'hotPotOrBarbecueOnly'] as const;
export type MenuFlag = (typeof menuFlags)[number];
export const menuFlagNames: Readonly<Record<MenuFlag, string>> = {
  coldDishes: '冷食类（凉菜）',
  cakeDecorating: '裱花蛋糕',
  rawSeafood: '生食类',
  freshJuice: '现榨饮料/水果拼盘',
  aquatic: '加工水产品',
  semiProcessedOnly: '原料均为半成品（无粗加工）',
  hotPotOrBarbecueOnly: '仅火锅或烧烤',
};

export const titleBlockSchema = z.strictObject({
  /** 经营者名称, exactly as on the business licence. */
  operatorName: z.string().max(60).default(''),
  /** 经营场所, down to the door or room number. */
  address: z.string().max(120).default(''),
  businessType: z.enum(businessTypes).default('restaurant'),
  menu: z.partialRecord(z.enum(menuFlags), z.boolean()).default({}),
  /** 餐用具消毒方式: heat (消毒柜) or chemical (药物浸泡). */
  disinfection: z.enum(['heat', 'chemical']).default('heat'),
  /** Declared seats; when absent the seats drawn are counted. */
  seats: z.number().int().min(0).optional(),
  /** Declared business area (㎡); when absent the zones' areas are summed. */
  area: z.number().min(0).optional(),
  /** The applicant declares separate times for raw in, finished out and tableware back. */
  separateTimes: z.boolean().default(false),
  /** Drawing date, YYYY-MM-DD. */
  drawnOn: z.union([z.literal(''), z.iso.date()]).default(''),
  drawnBy: z.string().max(30).default(''),
  /** Where north points, degrees from the sheet's up direction, clockwise. */
  northAngle: z.number().refine(Number.isFinite).default(0),
  /** Print scale: 1:50, 1:100 or fit to the page with the scale stated. */
  scale: z.union([z.literal(50), z.literal(100), z.literal('fit')]).default('fit'),
});
export type TitleBlock = z.infer<typeof titleBlockSchema>;

const planShape = z.strictObject({
  format: z.literal(FLOOR_PLAN_FORMAT),
  version: z.literal(FLOOR_PLAN_VERSION),
  title: titleBlockSchema,
  corners: z.array(cornerSchema).default([]),
  walls: z.array(wallSchema).default([]),
  openings: z.array(openingSchema).default([]),
  zones: z.array(zoneSchema).default([]),
  fixtures: z.array(fixtureSchema).default([]),
  flows: z.array(flowSchema).default([]),
  labels: z.array(labelSchema).default([]),
  dimensions: z.array(dimensionSchema).default([]),
});

export const collectionNames = ['corners', 'walls', 'openings', 'zones', 'fixtures', 'flows', 'labels', 'dimensions'] as const;
export type CollectionName = (typeof collectionNames)[number];

/** The document with its references checked: ids unique across the plan, walls between two existing corners, openings on existing walls. */
export const floorPlanSchema = planShape.superRefine((plan, ctx) => {
  const seen = new Set<string>();
  for (const name of collectionNames) {
    (plan[name] as Array<{ id: string }>).forEach((el, i) => {
      if (seen.has(el.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `编号 ${el.id} 重复` });
      seen.add(el.id);
    });
  }
  const corners = new Set(plan.corners.map((c) => c.id));
  plan.walls.forEach((w, i) => {
    if (!corners.has(w.from)) ctx.addIssue({ code: 'custom', path: ['walls', i, 'from'], message: `墙 ${w.id} 的起点 ${w.from} 不存在` });
    if (!corners.has(w.to)) ctx.addIssue({ code: 'custom', path: ['walls', i, 'to'], message: `墙 ${w.id} 的终点 ${w.to} 不存在` });
    if (w.from === w.to) ctx.addIssue({ code: 'custom', path: ['walls', i, 'to'], message: `墙 ${w.id} 的起点和终点相同` });
  });
  const walls = new Set(plan.walls.map((w) => w.id));
  plan.openings.forEach((o, i) => {
    if (!walls.has(o.wall)) ctx.addIssue({ code: 'custom', path: ['openings', i, 'wall'], message: `门窗 ${o.id} 所在的墙 ${o.wall} 不存在` });
  });
});

export type FloorPlan = z.infer<typeof floorPlanSchema>;
/** What a JSON file may contain: defaults may be left out, numbers are plain. */
export type FloorPlanInput = z.input<typeof floorPlanSchema>;

export type ElementOf<C extends CollectionName> = FloorPlan[C][number];
export type PlanElement = ElementOf<CollectionName>;

export type ParsePlanResult = { ok: true; plan: FloorPlan } | { ok: false; problems: string[] };

/** Parses a current-version document; problems are Chinese, each with its path. */
export function parsePlan(json: unknown): ParsePlanResult {
  const result = floorPlanSchema.safeParse(json);
  if (result.success) return { ok: true, plan: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || '（文档）'}：${i.message}`) };
}

/** An empty plan: a title block with defaults and nothing drawn. */
export function emptyPlan(title: Partial<z.input<typeof titleBlockSchema>> = {}): FloorPlan {
  return floorPlanSchema.parse({ format: FLOOR_PLAN_FORMAT, version: FLOOR_PLAN_VERSION, title });
}

/** Finds an element by id in any collection. */
export function findElement(plan: FloorPlan, id: ElementId): { collection: CollectionName; index: number; element: PlanElement } | undefined {
  for (const collection of collectionNames) {
    const list = plan[collection] as PlanElement[];
    const index = list.findIndex((e) => e.id === id);
    if (index >= 0) return { collection, index, element: list[index]! };
  }
  return undefined;
}
