// Submitted data against its definition's JSON Schema, with Ajv 8 (draft 2020-12 + formats):
// the contract the kiosk validates against as well. Compiled validators are cached per form
// version. Problems come back in plain Chinese naming the field by its label on the form;
// soft checks (a credit code's check character) are warnings the clerk decides on.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { getPath, isShown, layoutFields, type FieldWarning, type FormDefinition, type LayoutField } from '@hall/common/forms/index';
import { checkIdNumber, idNumberMessages, isValidCreditCode } from '@hall/common/validators';

export interface DataProblem {
  /** Form path of the field (layout path); for a table cell, the table's path. */
  path: string;
  /** Table row (0-based) and column path, for a cell of a register. */
  row?: number;
  column?: string;
  message: string;
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  return ajv;
}

export class FormValidator {
  private ajv = newAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Compiles (once per form version); throws Ajv's own message for a broken schema. */
  compile(def: FormDefinition): ValidateFunction {
    const key = `${def.id}@${def.version}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(def.schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** A schema an admin uploads: compiled apart, so a broken one leaves nothing behind. */
  compileProblem(def: FormDefinition): string | null {
    try {
      newAjv().compile(def.schema);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Every problem with the data, named by field label; empty when the data fits. */
  problems(def: FormDefinition, data: unknown, today: string): DataProblem[] {
    const validate = this.compile(def);
    const labels = fieldLabels(def);
    const out: DataProblem[] = [];
    if (!validate(data)) {
      for (const error of validate.errors ?? []) {
        if (error.keyword === 'if') continue; // its `then` error says what is missing
        out.push(describe(error, labels));
      }
    }
    // Identity numbers carry a check character the schema's pattern cannot check.
    for (const { path, row, column, field, value } of valuesOf(def, data)) {
      if (field.widget !== 'idNumber' || typeof value !== 'string' || !/^\d{17}[\dX]$/.test(value)) continue;
      const problem = checkIdNumber(value, today);
      if (problem) out.push({ path, ...(row !== undefined ? { row, column } : {}), message: `“${labelOf(labels, path, row, column)}”：${idNumberMessages[problem]}` });
    }
    return dedupe(out);
  }

  /** Soft problems: shown to the clerk, never blocking. */
  warnings(def: FormDefinition, data: unknown): FieldWarning[] {
    const labels = fieldLabels(def);
    const out: FieldWarning[] = [];
    for (const { path, row, column, field, value } of valuesOf(def, data)) {
      if (field.widget === 'creditCode' && typeof value === 'string' && value !== '' && !isValidCreditCode(value)) {
        const label = labelOf(labels, path, row, column);
        out.push({
          path: row !== undefined ? `${path}.${row}.${column}` : path,
          label,
          code: 'credit_code_check',
          message: `“${label}”的校验位不符合国家标准（GB 32100），请核对营业执照；早期赋码的主体可能如此，核实后可以受理`,
        });
      }
    }
    return out;
  }
}

interface FieldValue {
  path: string;
  row?: number;
  column?: string;
  field: LayoutField;
  value: unknown;
}

/** Every shown field's value, table cells included. */
function valuesOf(def: FormDefinition, data: unknown): FieldValue[] {
  const out: FieldValue[] = [];
  for (const placed of layoutFields(def)) {
    if (!isShown(placed, data)) continue;
    const path = placed.field.path;
    const value = getPath(data, path);
    if (placed.field.widget === 'table' && Array.isArray(value)) {
      value.forEach((row, i) => {
        for (const column of placed.field.columns ?? []) out.push({ path, row: i, column: column.path, field: column, value: getPath(row, column.path) });
      });
    } else {
      out.push({ path, field: placed.field, value });
    }
  }
  return out;
}

interface Labels {
  fields: Map<string, string>;
  columns: Map<string, Map<string, string>>;
}

function fieldLabels(def: FormDefinition): Labels {
  const fields = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  for (const { field } of layoutFields(def)) {
    fields.set(field.path, field.label);
    if (field.columns) columns.set(field.path, new Map(field.columns.map((c) => [c.path, c.label])));
  }
  return { fields, columns };
}

function labelOf(labels: Labels, path: string, row?: number, column?: string): string {
  const label = labels.fields.get(path) ?? path;
  if (row === undefined || column === undefined) return label;
  return `${label}第${row + 1}行的${labels.columns.get(path)?.get(column) ?? column}`;
}

/**
 * Splits a JSON pointer into the layout field it belongs to: the longest prefix that is a
 * field path, then (for tables) the row index and the column path.
 */
function locate(pointer: string[], labels: Labels): { path: string; row?: number; column?: string } {
  for (let i = pointer.length; i > 0; i--) {
    const path = pointer.slice(0, i).join('.');
    if (!labels.fields.has(path)) continue;
    const rest = pointer.slice(i);
    if (labels.columns.has(path) && rest.length >= 1 && /^\d+$/.test(rest[0]!)) {
      const row = Number(rest[0]);
      return rest.length >= 2 ? { path, row, column: rest.slice(1).join('.') } : { path, row };
    }
    return { path };
  }
  return { path: pointer.join('.') };
}

function describe(error: ErrorObject, labels: Labels): DataProblem {
  const pointer = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') pointer.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') pointer.push(String(params.additionalProperty));
  const at = locate(pointer, labels);
  const known = labels.fields.has(at.path);
  const name = known ? labelOf(labels, at.path, at.row, at.column) : at.path || '表单';
  const base: DataProblem = { path: at.path, ...(at.row !== undefined ? { row: at.row } : {}), ...(at.column !== undefined ? { column: at.column } : {}), message: '' };
  base.message = message(error, name, known);
  return base;
}

const typeNames: Record<string, string> = { string: '文字', number: '数字', integer: '整数', boolean: '是或否', array: '列表', object: '一组内容' };

function message(error: ErrorObject, name: string, known: boolean): string {
  const p = error.params as Record<string, unknown>;
  const q = `“${name}”`;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return `请填写${q}`;
    case 'additionalProperties':
      return known ? `${q}不属于这张表` : `表中没有字段“${name}”`;
    case 'type':
      return `${q}应为${typeNames[String(p.type)] ?? String(p.type)}`;
    case 'pattern':
      return `${q}的格式不正确`;
    case 'format':
      return p.format === 'date' ? `${q}应为日期（年-月-日）` : p.format === 'email' ? `${q}不是有效的电子邮箱` : `${q}的格式不正确`;
    case 'maxLength':
      return `${q}不能超过${String(p.limit)}个字`;
    case 'minLength':
      return `${q}至少需要${String(p.limit)}个字`;
    case 'minimum':
      return `${q}不能小于${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `${q}应大于${String(p.limit)}`;
    case 'maximum':
      return `${q}不能大于${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${q}应小于${String(p.limit)}`;
    case 'enum':
    case 'const':
      return `${q}不是可选的值，请从选项中选择`;
    case 'minItems':
      return `${q}至少需要${String(p.limit)}项`;
    case 'maxItems':
      return `${q}最多${String(p.limit)}项`;
    case 'uniqueItems':
      return `${q}有重复的项`;
    case 'contentMediaType':
    case 'contentEncoding':
      return `${q}的内容格式不正确`;
    default:
      return `${q}不符合要求`;
  }
}

function dedupe(problems: DataProblem[]): DataProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.row ?? ''}|${p.column ?? ''}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
