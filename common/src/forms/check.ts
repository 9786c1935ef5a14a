// Proves a form definition complete and consistent before it is shipped or uploaded:
// - every schema property has a layout field with help text and a sample value (样表);
// - every layout field exists in the schema, with a widget that fits its type and options
//   that match its enum, and a sample that fits the schema;
// - required fields are on some page and never hidden by a rule;
// - the print template covers every field and names only existing ones;
// - show/hide rules read existing fields and compare them with values they can take;
// - the ID card / applicant record mapping targets existing fields of a fitting kind.
// Returns the problems as sentences naming the form and the field; empty means fine.
import { formDefinitionSchema, type Condition, type FieldPath, type FormDefinition, type JsonSchema, type LayoutField, type PrefillSource } from './definition.ts';
import { conditionFields, layoutFields, schemaAt, schemaLeaves, type PlacedField } from './fields.ts';

export function checkFormDefinition(input: unknown): string[] {
  const parsed = formDefinitionSchema.safeParse(input);
  const name = describe(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${name}：结构错误 ${i.path.join('.') || '(根)'}：${i.message}`);
  }
  const def = parsed.data;
  const problems: string[] = [];
  const say = (text: string): void => {
    problems.push(`${name}：${text}`);
  };

  if (def.schema.type !== 'object' || !def.schema.properties) say('schema 必须是带 properties 的 object');
  for (const missing of undeclaredRequired(def.schema)) say(`schema 要求必填 ${missing}，但没有这个属性`);
  const leaves = new Map(schemaLeaves(def.schema).map((l) => [l.path, l]));
  const placed = layoutFields(def);
  const byPath = new Map<FieldPath, PlacedField>();

  // Layout ids and fields.
  duplicates(def.layout.pages.map((p) => p.id)).forEach((id) => say(`页面 id "${id}" 重复`));
  duplicates(def.layout.pages.flatMap((p) => p.groups.map((g) => g.id))).forEach((id) => say(`分组 id "${id}" 重复`));
  for (const p of placed) {
    const path = p.field.path;
    if (byPath.has(path)) say(`字段 ${path} 在布局中出现了两次`);
    byPath.set(path, p);
    const schema = leaves.get(path);
    if (!schema) {
      say(`字段 ${path} 在布局中，但 schema 中没有这个属性`);
      continue;
    }
    checkField(p.field, schema.schema, path, say);
  }

  // Every schema property is on a page; required ones are never hidden.
  for (const leaf of leaves.values()) {
    const p = byPath.get(leaf.path);
    if (!p) {
      say(`schema 属性 ${leaf.path} 没有对应的布局字段`);
      continue;
    }
    if (leaf.required && p.conditions.length > 0) say(`必填字段 ${leaf.path} 可能被显示规则隐藏；请改用 schema 的 if/then 条件必填`);
  }
  for (const path of conditionalRequired(def.schema)) {
    if (!leaves.has(path)) say(`schema 的条件必填 ${path} 不是已有字段`);
  }

  // Show/hide rules.
  for (const p of placed) {
    for (const condition of p.conditions) {
      for (const field of conditionFields(condition)) {
        const target = leaves.get(field);
        if (!target) say(`字段 ${p.field.path} 的显示规则引用了不存在的字段 ${field}`);
        else if (field === p.field.path) say(`字段 ${field} 的显示规则引用了它自己`);
      }
      checkConditionValues(condition, leaves, p.field.path, say);
    }
  }
  // A page or group hidden by one of its own fields could never be shown again.
  for (const page of def.layout.pages) {
    const onPage = new Set(page.groups.flatMap((g) => g.fields.map((f) => f.path)));
    if (page.showIf) for (const f of conditionFields(page.showIf)) if (onPage.has(f)) say(`页面 ${page.id} 的显示规则引用了本页的字段 ${f}`);
    for (const group of page.groups) {
      const inGroup = new Set(group.fields.map((f) => f.path));
      if (group.showIf) for (const f of conditionFields(group.showIf)) if (inGroup.has(f)) say(`分组 ${group.id} 的显示规则引用了本组的字段 ${f}`);
    }
  }

  // Print template.
  const printed = new Set<FieldPath>();
  const printRef = (path: FieldPath, where: string): void => {
    if (!byPath.has(path)) say(`打印模板${where}引用了不存在的字段 ${path}`);
    printed.add(path);
  };
  for (const section of def.print.sections) {
    if (section.kind === 'fields') for (const ref of section.fields) printRef(typeof ref === 'string' ? ref : ref.path, `“${section.title ?? '字段'}”`);
    if (section.kind === 'table') {
      printRef(section.field, `表格“${section.title ?? section.field}”`);
      if (byPath.get(section.field)?.field.widget !== 'table') say(`打印模板的表格节 ${section.field} 不是表格字段`);
    }
    if (section.kind === 'signature') {
      printRef(section.field, '签名栏');
      if (section.nameField) printRef(section.nameField, '签名栏');
      if (section.dateField) printRef(section.dateField, '签名栏');
      if (byPath.get(section.field)?.field.widget !== 'signature') say(`打印模板的签名栏 ${section.field} 不是签名字段`);
    }
  }
  for (const p of placed) if (!printed.has(p.field.path)) say(`打印模板没有打印字段 ${p.field.path}（${p.field.label}）`);

  // Prefill.
  for (const rule of def.prefill) {
    const p = byPath.get(rule.field);
    if (!p) {
      say(`预填 ${rule.from} → ${rule.field}：字段不存在`);
      continue;
    }
    const fits = prefillWidgets[rule.from];
    if (!fits.includes(p.field.widget)) say(`预填 ${rule.from} → ${rule.field}：控件 ${p.field.widget} 不适合（应为 ${fits.join('/')}）`);
    if (rule.from === 'idCard.gender') {
      const values = (p.field.options ?? []).map((o) => o.value).sort();
      if (values.join() !== 'female,male') say(`预填 idCard.gender → ${rule.field}：选项值应为 male 和 female`);
    }
  }
  duplicates(def.prefill.map((r) => r.field)).forEach((f) => say(`字段 ${f} 有多条预填来源`));

  return problems;
}

function describe(input: unknown): string {
  if (input && typeof input === 'object' && 'id' in input) {
    const { id, version } = input as { id: unknown; version?: unknown };
    return `表单 ${String(id)} v${String(version ?? '?')}`;
  }
  return '表单（无 id）';
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

const prefillWidgets: Record<PrefillSource, LayoutField['widget'][]> = {
  'idCard.name': ['text'],
  'idCard.gender': ['radio', 'select'],
  'idCard.birthDate': ['date'],
  'idCard.nation': ['text', 'select'],
  'idCard.address': ['text', 'textarea'],
  'idCard.idNumber': ['idNumber'],
  'applicant.phone': ['phone'],
  'business.creditCode': ['creditCode'],
  'business.name': ['text'],
  'business.premisesAddress': ['text', 'textarea'],
};

const widgetTypes: Record<LayoutField['widget'], Array<JsonSchema['type']>> = {
  text: ['string'],
  textarea: ['string'],
  number: ['number', 'integer'],
  date: ['string'],
  select: ['string', 'integer', 'number'],
  multiselect: ['array'],
  radio: ['string', 'integer', 'number'],
  checkbox: ['boolean'],
  region: ['string'],
  idNumber: ['string'],
  phone: ['string'],
  creditCode: ['string'],
  signature: ['string'],
  table: ['array'],
};

function checkField(field: LayoutField, schema: JsonSchema, path: string, say: (t: string) => void): void {
  if (!field.help.trim()) say(`字段 ${path}（${field.label}）缺少填写说明`);
  if (field.sample === undefined || field.sample === null || field.sample === '') say(`字段 ${path}（${field.label}）缺少样例值`);
  if (!widgetTypes[field.widget].includes(schema.type)) say(`字段 ${path}：控件 ${field.widget} 与 schema 类型 ${String(schema.type)} 不符`);
  if (field.widget === 'date' && schema.format !== 'date') say(`字段 ${path}：日期字段的 schema 应有 format: "date"`);
  if (field.widget === 'region' && !schema.pattern) say(`字段 ${path}：区划字段的 schema 应有代码格式 pattern`);

  const choice = field.widget === 'select' || field.widget === 'radio' || field.widget === 'multiselect';
  if (choice) {
    const allowed = field.widget === 'multiselect' ? schema.items?.enum : schema.enum;
    const values = (field.options ?? []).map((o) => o.value);
    if (!field.options) say(`字段 ${path}：${field.widget} 需要选项`);
    else if (!allowed) say(`字段 ${path}：${field.widget} 的 schema 需要 enum`);
    else if ([...values].sort().join('\u0001') !== [...allowed].map(String).sort().join('\u0001') || values.length !== allowed.length) {
      say(`字段 ${path}：选项与 schema 的 enum 不一致`);
    }
  } else if (field.options) {
    say(`字段 ${path}：${field.widget} 不使用选项`);
  }

  if (field.widget === 'table') {
    const row = schema.items;
    if (!row || row.type !== 'object' || !row.properties) {
      say(`字段 ${path}：表格的 schema 应为对象数组`);
      return;
    }
    const columns = field.columns ?? [];
    if (columns.length === 0) say(`字段 ${path}：表格没有列`);
    for (const column of columns) {
      const colSchema = schemaAt(row, column.path);
      if (!colSchema) say(`表格 ${path} 的列 ${column.path} 在 schema 中不存在`);
      else checkField(column, colSchema, `${path}[].${column.path}`, say);
    }
    for (const key of Object.keys(row.properties)) {
      if (!columns.some((c) => c.path === key)) say(`表格 ${path} 的 schema 列 ${key} 没有布局`);
    }
  } else if (field.columns) {
    say(`字段 ${path}：只有表格有列`);
  }

  const problem = sampleProblem(field.sample, schema);
  if (field.sample !== undefined && problem) say(`字段 ${path}（${field.label}）的样例值不符合 schema：${problem}`);
}

/** A light structural check of a sample against its schema (Ajv does the full job elsewhere). */
export function sampleProblem(value: unknown, schema: JsonSchema): string | null {
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return '应为字符串';
      if (schema.enum && !schema.enum.includes(value)) return `不在可选值中：${value}`;
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return `不符合格式 ${schema.pattern}`;
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return `超过 ${schema.maxLength} 个字`;
      if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '日期应为 YYYY-MM-DD';
      return null;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return schema.type === 'integer' ? '应为整数' : '应为数字';
      if (schema.enum && !schema.enum.includes(value)) return `不在可选值中：${value}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `小于 ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `大于 ${schema.maximum}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : '应为是/否';
    case 'array': {
      if (!Array.isArray(value)) return '应为列表';
      if (schema.minItems !== undefined && value.length < schema.minItems) return `至少 ${schema.minItems} 项`;
      for (const item of value) {
        const p = schema.items ? sampleProblem(item, schema.items) : null;
        if (p) return p;
      }
      return null;
    }
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return '应为对象';
      for (const key of schema.required ?? []) if (!(key in value)) return `缺少 ${key}`;
      for (const [key, v] of Object.entries(value)) {
        const child = schema.properties?.[key];
        if (!child) return `多余的 ${key}`;
        const p = sampleProblem(v, child);
        if (p) return `${key}：${p}`;
      }
      return null;
    }
    default:
      return null;
  }
}

/** `required` names that are not properties of their object (a typo makes a form unfillable). */
function undeclaredRequired(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  const at = (key: string): string => (prefix ? `${prefix}.${key}` : key);
  for (const key of schema.required ?? []) if (!schema.properties?.[key]) out.push(at(key));
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (child.type === 'object') out.push(...undeclaredRequired(child, at(key)));
    if (child.type === 'array' && child.items?.type === 'object') out.push(...undeclaredRequired(child.items, `${at(key)}[]`));
  }
  return out;
}

/** Paths made required by `allOf: [{ if, then: { required } }]` at any object level. */
function conditionalRequired(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const rule of schema.allOf ?? []) {
    for (const key of rule.then?.required ?? []) out.push(prefix ? `${prefix}.${key}` : key);
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (child.type === 'object') out.push(...conditionalRequired(child, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

function checkConditionValues(condition: Condition, leaves: Map<string, { schema: JsonSchema }>, owner: string, say: (t: string) => void): void {
  if ('all' in condition) return condition.all.forEach((c) => checkConditionValues(c, leaves, owner, say));
  if ('any' in condition) return condition.any.forEach((c) => checkConditionValues(c, leaves, owner, say));
  if ('not' in condition) return checkConditionValues(condition.not, leaves, owner, say);
  const schema = leaves.get(condition.field)?.schema;
  if (!schema) return;
  const allowed: unknown[] | undefined = schema.type === 'boolean' ? [true, false] : schema.type === 'array' ? schema.items?.enum : schema.enum;
  const compared = 'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : 'includes' in condition ? [condition.includes] : [];
  if ('includes' in condition && schema.type !== 'array') say(`字段 ${owner} 的显示规则对非多选字段 ${condition.field} 使用了 includes`);
  if (!allowed) return;
  for (const v of compared) if (!allowed.includes(v)) say(`字段 ${owner} 的显示规则比较了 ${condition.field} 不可能取的值 ${String(v)}`);
}

export type ParsedFormDefinition = { ok: true; definition: FormDefinition } | { ok: false; problems: string[] };

/** Parses and checks a definition: how shipped files are loaded and uploads are accepted. */
export function parseFormDefinition(input: unknown): ParsedFormDefinition {
  const problems = checkFormDefinition(input);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: formDefinitionSchema.parse(input) };
}
