// Walking a definition: field paths into data and schema, the layout's fields with the
// conditions they inherit from their page and group, and show/hide rule evaluation.
import type { Condition, FieldPath, FormDefinition, JsonSchema, LayoutField } from './definition.ts';

/** The value at a dotted path, or undefined. */
export function getPath(data: unknown, path: FieldPath): unknown {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A copy of `data` with the value at `path` replaced; intermediate objects are created. */
export function setPath(data: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...data, [head]: value };
  const inner = data[head];
  const child = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
  return { ...data, [head]: setPath(child, rest.join('.'), value) };
}

export interface SchemaLeaf {
  path: FieldPath;
  schema: JsonSchema;
  /** Required by its parent, and every ancestor object is required too. */
  required: boolean;
}

/**
 * The fields a form collects: every property that is not itself an object with properties.
 * Arrays (tables, multiselects) are leaves; their items are described by the array schema.
 */
export function schemaLeaves(schema: JsonSchema, prefix = '', required = true): SchemaLeaf[] {
  const leaves: SchemaLeaf[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const isRequired = required && (schema.required ?? []).includes(key);
    if (child.type === 'object' && child.properties) leaves.push(...schemaLeaves(child, path, isRequired));
    else leaves.push({ path, schema: child, required: isRequired });
  }
  return leaves;
}

/** The schema of the property at a dotted path, or undefined. */
export function schemaAt(schema: JsonSchema, path: FieldPath): JsonSchema | undefined {
  let at: JsonSchema | undefined = schema;
  for (const key of path.split('.')) at = at?.properties?.[key];
  return at;
}

export interface PlacedField {
  field: LayoutField;
  pageId: string;
  groupId: string;
  /** The field's own rule together with its group's and page's: all must hold to show it. */
  conditions: Condition[];
}

/** Every top-level layout field (table columns stay inside their table), in page order. */
export function layoutFields(def: Pick<FormDefinition, 'layout'>): PlacedField[] {
  const placed: PlacedField[] = [];
  for (const page of def.layout.pages) {
    for (const group of page.groups) {
      for (const field of group.fields) {
        const conditions = [page.showIf, group.showIf, field.showIf].filter((c): c is Condition => c !== undefined);
        placed.push({ field, pageId: page.id, groupId: group.id, conditions });
      }
    }
  }
  return placed;
}

/** Whether a value counts as filled in: not empty, not false, not an empty list. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function evaluateCondition(condition: Condition, data: unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, data));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, data));
  if ('not' in condition) return !evaluateCondition(condition.not, data);
  const value = getPath(data, condition.field);
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.some((v) => v === value);
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  return isFilled(value) === condition.filled;
}

/** The fields a condition reads. */
export function conditionFields(condition: Condition): FieldPath[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}

/** Whether a placed field is on screen (and printed with a value) for this data. */
export function isShown(placed: PlacedField, data: unknown): boolean {
  return placed.conditions.every((c) => evaluateCondition(c, data));
}

/** A whole form filled with every field's sample value: the 样表 shown beside the form. */
export function sampleData(def: Pick<FormDefinition, 'layout'>): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  for (const p of layoutFields(def)) if (p.field.sample !== undefined) data = setPath(data, p.field.path, p.field.sample);
  return data;
}

/** The on-screen keyboard a field opens: its own choice, else the one its widget needs. */
export function keyboardFor(field: LayoutField): 'pinyin' | 'numeric' | 'idNumber' | 'phone' | null {
  if (field.keyboard) return field.keyboard;
  switch (field.widget) {
    case 'text':
    case 'textarea':
      return 'pinyin';
    case 'number':
      return 'numeric';
    case 'idNumber':
      return 'idNumber';
    case 'phone':
      return 'phone';
    case 'creditCode':
      // Digits and capital letters: the full keyboard in capitals.
      return 'pinyin';
    default:
      return null;
  }
}
