// A form definition is data, not code (../shared/docs/forms.md): the JSON Schema of the data
// (the contract; Ajv validates it on the kiosk and the server), a touch layout (pages →
// groups → fields, with help text and a sample value for every field, 样表), an A4 print
// template, and the mapping from the ID card and the shared applicant record. This file is
// the zod schema of such a document; check.ts proves one is complete and consistent.
import { z } from 'zod';

/** A dotted path into the form data: `operator.name`. Table columns are relative to a row. */
export const fieldPathSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$/, '字段路径由字母、数字和下划线组成，用点分隔');
export type FieldPath = z.infer<typeof fieldPathSchema>;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, '只能包含小写字母、数字和连字符');

// --- JSON Schema, as far as the definitions use it ------------------------------------------

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Array<string | number | boolean>;
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  additionalProperties?: boolean;
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  [keyword: string]: unknown;
}

/** Structural check only; Ajv compiles the schema for real where data is validated. */
export const jsonSchemaSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean']).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    properties: z.record(z.string(), jsonSchemaSchema).optional(),
    required: z.array(z.string()).optional(),
    items: jsonSchemaSchema.optional(),
    enum: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    pattern: z.string().optional(),
    allOf: z.array(jsonSchemaSchema).optional(),
    if: jsonSchemaSchema.optional(),
    then: jsonSchemaSchema.optional(),
  }),
);

// --- show/hide rules ------------------------------------------------------------------------

const jsonScalar = z.union([z.string(), z.number(), z.boolean()]);

export type Condition =
  | { field: FieldPath; equals: string | number | boolean }
  | { field: FieldPath; in: Array<string | number | boolean> }
  /** A multiselect's value contains this option. */
  | { field: FieldPath; includes: string }
  /** Filled: not empty, not false, not an empty list. */
  | { field: FieldPath; filled: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: fieldPathSchema, equals: jsonScalar }),
    z.strictObject({ field: fieldPathSchema, in: z.array(jsonScalar).min(1) }),
    z.strictObject({ field: fieldPathSchema, includes: z.string() }),
    z.strictObject({ field: fieldPathSchema, filled: z.boolean() }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

// --- touch layout ---------------------------------------------------------------------------

export const widgetKinds = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'multiselect',
  'radio',
  'checkbox',
  /** GB/T 2260 cascade: province → city → district (→ street); the value is the code. */
  'region',
  'idNumber',
  'phone',
  'creditCode',
  /** The kiosk's handwriting pad; the value is a PNG data URL. */
  'signature',
  /** Repeating rows (staff, equipment, family members); the value is an array of objects. */
  'table',
] as const;
export const widgetKindSchema = z.enum(widgetKinds);
export type WidgetKind = z.infer<typeof widgetKindSchema>;

export const optionSchema = z.strictObject({
  value: z.union([z.string(), z.number()]),
  label: z.string().min(1),
});
export type FieldOption = z.infer<typeof optionSchema>;

export const regionDepthSchema = z.enum(['province', 'city', 'district', 'street']);
export type RegionDepth = z.infer<typeof regionDepthSchema>;

export interface LayoutField {
  path: FieldPath;
  widget: WidgetKind;
  label: string;
  /** How to fill it, in plain Chinese, shown beside the field (说明). */
  help: string;
  /** A realistic filled value, shown beside the field (样表 / 案例); check.ts demands one. */
  sample?: unknown;
  placeholder?: string;
  /** Printed after numbers: 万元, 平方米, 人. */
  unit?: string;
  options?: FieldOption[];
  /** How deep the region picker goes; district unless told. */
  regionDepth?: RegionDepth;
  /** Table columns, with paths relative to a row. */
  columns?: LayoutField[];
  minRows?: number;
  maxRows?: number;
  /** Which on-screen keyboard opens; derived from the widget unless told. */
  keyboard?: 'pinyin' | 'numeric' | 'idNumber' | 'phone';
  showIf?: Condition;
}

export const layoutFieldSchema: z.ZodType<LayoutField> = z.lazy(() =>
  z.strictObject({
    path: fieldPathSchema,
    widget: widgetKindSchema,
    label: z.string().min(1).max(60),
    help: z.string().max(400),
    // Optional here so that check.ts can name the field that lacks one.
    sample: z.unknown().optional(),
    placeholder: z.string().max(60).optional(),
    unit: z.string().max(10).optional(),
    options: z.array(optionSchema).min(1).optional(),
    regionDepth: regionDepthSchema.optional(),
    columns: z.array(layoutFieldSchema).min(1).optional(),
    minRows: z.number().int().min(0).optional(),
    maxRows: z.number().int().min(1).optional(),
    keyboard: z.enum(['pinyin', 'numeric', 'idNumber', 'phone']).optional(),
    showIf: conditionSchema.optional(),
  }),
);

export const layoutGroupSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(40),
  description: z.string().max(400).optional(),
  showIf: conditionSchema.optional(),
  fields: z.array(layoutFieldSchema).min(1),
});
export type LayoutGroup = z.infer<typeof layoutGroupSchema>;

export const layoutPageSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(30),
  showIf: conditionSchema.optional(),
  groups: z.array(layoutGroupSchema).min(1),
});
export type LayoutPage = z.infer<typeof layoutPageSchema>;

// --- A4 print template ----------------------------------------------------------------------

export const printFieldRefSchema = z.union([
  fieldPathSchema,
  z.strictObject({ path: fieldPathSchema, wide: z.boolean().optional(), label: z.string().optional() }),
]);
export type PrintFieldRef = z.infer<typeof printFieldRefSchema>;

export const printSectionSchema = z.discriminatedUnion('kind', [
  /** A bordered label | value grid; `wide` rows take the full width. */
  z.strictObject({ kind: z.literal('fields'), title: z.string().optional(), columns: z.union([z.literal(1), z.literal(2)]).optional(), fields: z.array(printFieldRefSchema).min(1) }),
  /** A repeating-rows field printed as a register with a header row. */
  z.strictObject({ kind: z.literal('table'), title: z.string().optional(), field: fieldPathSchema }),
  /** Fixed wording of the official form: declarations, notes. */
  z.strictObject({ kind: z.literal('text'), title: z.string().optional(), text: z.string().min(1) }),
  z.strictObject({ kind: z.literal('signature'), label: z.string().min(1), field: fieldPathSchema, nameField: fieldPathSchema.optional(), dateField: fieldPathSchema.optional() }),
  z.strictObject({ kind: z.literal('pageBreak') }),
]);
export type PrintSection = z.infer<typeof printSectionSchema>;

export const printTemplateSchema = z.strictObject({
  paper: z.literal('A4'),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  sections: z.array(printSectionSchema).min(1),
});
export type PrintTemplate = z.infer<typeof printTemplateSchema>;

// --- prefill from the ID card and the shared applicant / business record ------------------

export const prefillSources = [
  'idCard.name',
  'idCard.gender',
  'idCard.birthDate',
  'idCard.nation',
  'idCard.address',
  'idCard.idNumber',
  'applicant.phone',
  'business.creditCode',
  'business.name',
  'business.premisesAddress',
] as const;
export const prefillSourceSchema = z.enum(prefillSources);
export type PrefillSource = z.infer<typeof prefillSourceSchema>;

export const prefillRuleSchema = z.strictObject({ from: prefillSourceSchema, field: fieldPathSchema });
export type PrefillRule = z.infer<typeof prefillRuleSchema>;

// --- the definition -------------------------------------------------------------------------

export const materialSchema = z.strictObject({
  title: z.string().min(1).max(120),
  required: z.boolean(),
  note: z.string().max(300).optional(),
  /** Made on the kiosk itself, e.g. the floor plan (issue 7). */
  madeBy: z.enum(['floorplan']).optional(),
});
export type Material = z.infer<typeof materialSchema>;

export const formDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  /** Raised whenever anything changes; a submission records the version it was filled against. */
  version: z.number().int().min(1),
  title: z.string().min(1).max(60),
  /** The official template this follows: issuer, document, year. */
  source: z.string().min(1).max(300),
  /** 'YYYY-MM-DD' of this version. */
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  serviceItemIds: z.array(slug).min(1),
  schema: jsonSchemaSchema,
  layout: z.strictObject({ pages: z.array(layoutPageSchema).min(1) }),
  print: printTemplateSchema,
  prefill: z.array(prefillRuleSchema),
  materials: z.array(materialSchema).default([]),
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
/** The JSON as written in fixtures/forms, before defaults are applied. */
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

/** A filled form as the kiosk sends it and the clerk sees it. */
export const formSubmissionDataSchema = z.strictObject({
  formId: slug,
  formVersion: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
});
export type FormSubmissionData = z.infer<typeof formSubmissionDataSchema>;
