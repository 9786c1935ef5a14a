// Checking a filled form on the kiosk, for messages beside the fields as the citizen goes:
// the definition's JSON Schema through Ajv (the same contract the hall server enforces),
// compiled the first time it is needed, plus common's check digits, which a pattern cannot
// express. Every problem becomes one plain-Chinese line on the field it concerns.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FieldPath, FormDefinition, LayoutField } from '@hall/common/forms/definition';
import { getPath, isFilled, layoutFields } from '@hall/common/forms/fields';
import { checkIdNumber, idNumberMessages, isValidCreditCode } from '@hall/common/validators';
import { messages } from '../messages.ts';

const v = messages.forms.validation;

// ajv-formats is CommonJS: its default export arrives wrapped under some bundlers.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

export interface FieldIssue {
  /** The layout field's path (a table's path for a problem in one of its rows). */
  path: FieldPath;
  message: string;
  /** Errors stop 下一步; a warning (a credit code failing its check) asks to re-check, never blocks. */
  level: 'error' | 'warning';
}

export type FormValidator = (data: Record<string, unknown>, today: string) => FieldIssue[];

/** Ajv compiled once per definition (id and version), on first use. */
const compiled = new Map<string, ValidateFunction>();

function schemaValidator(def: FormDefinition): ValidateFunction {
  const key = `${def.id}@${def.version}`;
  let fn = compiled.get(key);
  if (!fn) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    fn = ajv.compile(def.schema);
    compiled.set(key, fn);
  }
  return fn;
}

/**
 * The problems of `data` (already without hidden fields and empty values, see
 * submittableData), at most one per field, errors before warnings, in layout order.
 */
export function validateForm(def: FormDefinition, data: Record<string, unknown>, today: string): FieldIssue[] {
  const fields = new Map(layoutFields(def).map((p) => [p.field.path, p.field]));
  const byPath = new Map<FieldPath, FieldIssue>();
  const add = (issue: FieldIssue) => {
    const had = byPath.get(issue.path);
    if (!had || (had.level === 'warning' && issue.level === 'error')) byPath.set(issue.path, issue);
  };

  // Check digits first: their message says more than the schema's pattern would.
  for (const [path, field] of fields) {
    const value = getPath(data, path);
    if (typeof value !== 'string' || !isFilled(value)) continue;
    if (field.widget === 'idNumber') {
      const problem = checkIdNumber(value, today);
      if (problem) add({ path, level: 'error', message: idNumberMessages[problem] });
    } else if (field.widget === 'creditCode') {
      if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) add({ path, level: 'error', message: v.creditCodeFormat });
      else if (!isValidCreditCode(value)) add({ path, level: 'warning', message: v.creditCodeCheck });
    }
  }

  const validate = schemaValidator(def);
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const issue = issueOf(error, fields);
      if (issue) add(issue);
    }
  }
  const order = [...fields.keys()];
  return [...byPath.values()].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
}

/** Ajv's error as a field and a sentence a citizen understands. */
export function issueOf(error: ErrorObject, fields: ReadonlyMap<FieldPath, LayoutField>): FieldIssue | null {
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
  // The field is the longest prefix of the segments that names a layout field; what follows
  // is a table row (a number) and a column.
  for (let n = segments.length; n > 0; n--) {
    const path = segments.slice(0, n).join('.');
    const field = fields.get(path);
    if (!field) continue;
    const rest = segments.slice(n);
    if (rest.length >= 1 && /^\d+$/.test(rest[0]!) && field.widget === 'table') {
      const row = Number(rest[0]) + 1;
      const column = field.columns?.find((c) => c.path === rest.slice(1).join('.'));
      if (!column) return { path, level: 'error', message: v.row(row, v.invalid(field.label)) };
      return { path, level: 'error', message: v.row(row, messageFor(error, column)) };
    }
    return { path, level: 'error', message: messageFor(error, field) };
  }
  return null;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const choosing = new Set(['select', 'radio', 'multiselect', 'region', 'date', 'checkbox']);

export function messageFor(error: ErrorObject, field: LayoutField): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      if (field.widget === 'signature') return v.sign;
      if (field.widget === 'table') return v.rowsNeeded(field.label);
      return choosing.has(field.widget) ? v.choose(field.label) : v.fill(field.label);
    case 'minItems':
      return field.widget === 'table' ? v.minRows(Number(params.limit)) : v.choose(field.label);
    case 'maxItems':
      return v.maxRows(Number(params.limit));
    case 'maxLength':
      return v.maxLength(Number(params.limit));
    case 'minLength':
      return v.fill(field.label);
    case 'minimum':
    case 'exclusiveMinimum':
      return v.minimum(Number(params.limit));
    case 'maximum':
    case 'exclusiveMaximum':
      return v.maximum(Number(params.limit));
    case 'type':
      return params.type === 'number' || params.type === 'integer' ? (params.type === 'integer' ? v.integer : v.number) : v.invalid(field.label);
    case 'format':
      return params.format === 'date' ? v.date : v.invalid(field.label);
    case 'enum':
    case 'const':
      return v.choose(field.label);
    case 'pattern':
      switch (field.widget) {
        case 'phone':
          return v.phone;
        case 'idNumber':
          return idNumberMessages.format;
        case 'creditCode':
          return v.creditCodeFormat;
        case 'region':
          return field.regionDepth === 'street' ? v.regionStreet : v.region;
        default:
          return field.path.toLowerCase().includes('email') ? v.email : v.invalid(field.label);
      }
    default:
      return v.invalid(field.label);
  }
}
