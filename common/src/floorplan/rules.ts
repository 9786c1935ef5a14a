// A rule set: the thresholds of one authority (the national recommendation, a province, a
// city), each with its source, as data (fixtures/floorplan/rules/*.json). check.ts runs a
// rule set over a plan. Thresholds never live in code: a province that changes its numbers
// changes a file.
import { z } from 'zod';
import { businessTypes, flowKinds, menuFlags } from './document.ts';
import { sinkPurposes, symbolIds } from './symbols.ts';
import { zoneGroups, zoneTypes } from './zones.ts';

export const ruleSourceSchema = z.strictObject({
  /** The document's title as published. */
  title: z.string().min(1),
  issuer: z.string().min(1).optional(),
  /** Document number (文号), when known. */
  number: z.string().min(1).optional(),
  /** YYYY, YYYY-MM or YYYY-MM-DD; absent when not known yet (say so in the note). */
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
  url: z.url().optional(),
  /** Where the value came from, caveats, what to verify. */
  note: z.string().optional(),
  /** Someone has compared the values with the official text. */
  verified: z.boolean().default(false),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

/** When a requirement applies: every given part must hold. */
export const conditionSchema = z.strictObject({
  /** All these are declared on the menu. */
  menu: z.array(z.enum(menuFlags)).min(1).optional(),
  /** The business type is one of these. */
  businessTypes: z.array(z.enum(businessTypes)).min(1).optional(),
  disinfection: z.enum(['heat', 'chemical']).optional(),
  /** The premises' size class is one of these. */
  sizeClasses: z.array(z.string()).min(1).optional(),
  /** The plan has a zone of one of these types. */
  hasZone: z.array(z.enum(zoneTypes)).min(1).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** Zones chosen by group and/or type, less some types. */
export const zoneSelectorSchema = z
  .strictObject({
    groups: z.array(z.enum(zoneGroups)).optional(),
    types: z.array(z.enum(zoneTypes)).optional(),
    exclude: z.array(z.enum(zoneTypes)).optional(),
  })
  .refine((s) => (s.groups?.length ?? 0) + (s.types?.length ?? 0) > 0, '至少指定一个区域类别或类型');
export type ZoneSelector = z.infer<typeof zoneSelectorSchema>;

/** One number for every size class, or one per class (a class left out: the rule does not apply to it). */
export const perClassSchema = z.union([z.number().min(0), z.record(z.string(), z.number().min(0))]);
export type PerClass = z.infer<typeof perClassSchema>;

const ruleBase = {
  /** Stable id, shown to clerks and used by the editor to remember which rule is highlighted. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/),
  /** Chinese title as the checklist shows it. */
  title: z.string().min(1),
  /** The rule's own source where it differs from the rule set's. */
  source: ruleSourceSchema.optional(),
  /** The rule applies only when this holds… */
  when: conditionSchema.optional(),
  /** …and not when this (or any of these) holds. */
  unless: z.union([conditionSchema, z.array(conditionSchema).min(1)]).optional(),
};

const requirementBase = {
  /** What is required, in Chinese ("粗加工区", "蔬菜清洗水池"). */
  name: z.string().min(1),
  when: conditionSchema.optional(),
  /** Exempt when this condition (or any of these) holds. */
  unless: z.union([conditionSchema, z.array(conditionSchema).min(1)]).optional(),
};

export const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...ruleBase,
    kind: z.literal('requiredZones'),
    requirements: z.array(z.strictObject({ ...requirementBase, anyOf: z.array(z.enum(zoneTypes)).min(1) })).min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('foodDiningRatio'),
    /** Dining area may be at most this many times the food handling area (1 : 2.0 → 2.0). */
    maxDiningPerFood: perClassSchema,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('areaShare'),
    zones: zoneSelectorSchema,
    /** The whole the share is taken of: some zones, or 'premises' (the declared area, else all zones); absent: only minArea applies. */
    of: z.union([z.literal('premises'), zoneSelectorSchema]).optional(),
    minShare: perClassSchema.optional(),
    minArea: perClassSchema.optional(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('sinkCounts'),
    requirements: z
      .array(
        z.strictObject({
          ...requirementBase,
          purposes: z.array(z.enum(sinkPurposes)).min(1),
          /** Basins needed, or by disinfection method. */
          min: z.union([z.number().int().min(1), z.strictObject({ heat: z.number().int().min(0), chemical: z.number().int().min(0) })]),
        }),
      )
      .min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('fixturesPresent'),
    requirements: z
      .array(
        z.strictObject({
          ...requirementBase,
          symbols: z.array(z.enum(symbolIds)).min(1),
          min: z.number().int().min(1).default(1),
          /** Counted only inside these zones. */
          in: zoneSelectorSchema.optional(),
          /** Counted only outside these zones; one found inside is named as misplaced. */
          notIn: zoneSelectorSchema.optional(),
        }),
      )
      .min(1),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('hoodsOverStoves') }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('specialRooms'),
    /** Each 专间 needs these; fixtures count inside the room or within `entrance` metres of it (the basin at its door). */
    entrance: z.number().min(0).default(1),
    requires: z
      .array(
        z.discriminatedUnion('what', [
          z.strictObject({ what: z.literal('door'), name: z.string().min(1), min: z.number().int().min(0).default(1), max: z.number().int().min(1).optional() }),
          z.strictObject({ what: z.literal('passWindow'), name: z.string().min(1), min: z.number().int().min(1).default(1) }),
          z.strictObject({ what: z.literal('fixture'), name: z.string().min(1), symbols: z.array(z.enum(symbolIds)).min(1), min: z.number().int().min(1).default(1), atEntrance: z.boolean().default(false) }),
        ]),
      )
      .min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('changingAtEntrance'),
    /** The changing area touches (within this gap) or opens by a door into the food handling area. */
    maxGap: z.number().min(0).default(0.3),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('noToiletInFoodArea') }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('exteriorDoors'),
    /** A rodent board or fly screen counts for a door when its centre is this close to the door's centre. */
    within: z.number().min(0).default(1),
    rodentBoards: z.array(z.enum(symbolIds)).min(1),
    rodentBoardMinHeight: z.number().min(0),
    flyScreens: z.array(z.enum(symbolIds)).min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('flowArrows'),
    required: z.array(z.strictObject({ kind: z.enum(flowKinds), when: conditionSchema.optional() })).min(1),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('rawFlowOneWay'), /** Sampling step along an arrow, metres. */ step: z.number().positive().default(0.1) }),
  z.strictObject({ ...ruleBase, kind: z.literal('cleanDirtyPathsApart') }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('titleBlock'),
    fields: z.array(z.enum(['operatorName', 'address', 'businessType', 'seats', 'area', 'drawnOn', 'drawnBy'])).min(1),
  }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

export const sizeClassSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Upper bound of this class (inclusive); null: no bound. */
  maxArea: z.number().positive().nullable(),
  maxSeats: z.number().int().positive().nullable(),
});
export type SizeClass = z.infer<typeof sizeClassSchema>;

export const ruleSetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/),
    name: z.string().min(1),
    /** 全国, a province or a city. */
    region: z.string().min(1),
    source: ruleSourceSchema,
    /** Smallest first; the premises fall in the first class that holds both area and seats — the larger of the two classes wins. */
    sizeClasses: z.array(sizeClassSchema).min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const classes = new Set(set.sizeClasses.map((c) => c.id));
    const ids = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则编号 ${rule.id} 重复` });
      ids.add(rule.id);
      const perClass: Array<[string, PerClass | undefined]> =
        rule.kind === 'foodDiningRatio' ? [['maxDiningPerFood', rule.maxDiningPerFood]] : rule.kind === 'areaShare' ? [['minShare', rule.minShare], ['minArea', rule.minArea]] : [];
      for (const [key, value] of perClass) {
        if (value === undefined || typeof value === 'number') continue;
        for (const cls of Object.keys(value)) if (!classes.has(cls)) ctx.addIssue({ code: 'custom', path: ['rules', i, key, cls], message: `规模类别 ${cls} 未定义` });
      }
      if (rule.kind === 'areaShare' && rule.minShare === undefined && rule.minArea === undefined) ctx.addIssue({ code: 'custom', path: ['rules', i], message: '面积规则至少需要 minShare 或 minArea' });
      if (rule.kind === 'areaShare' && rule.minShare !== undefined && rule.of === undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'of'], message: 'minShare 需要 of（占什么的比例）' });
    });
    set.sizeClasses.forEach((c, i) => {
      const last = i === set.sizeClasses.length - 1;
      if (!last && (c.maxArea === null || c.maxSeats === null)) ctx.addIssue({ code: 'custom', path: ['sizeClasses', i], message: '只有最大的规模类别可以没有上限' });
    });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;

export function parseRuleSet(json: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] } {
  const result = ruleSetSchema.safeParse(json);
  if (result.success) return { ok: true, ruleSet: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || '（规则集）'}：${i.message}`) };
}
