// Pure helpers of the submission panel: which fields a clerk may correct in place, the
// editor's text for a value and the value for a typed text, and fields grouped as on the form.
import type { SubmissionField, WidgetKind } from '@hall/common/forms/index';

/** Widgets a clerk corrects in place; lists, tables and signatures go back to the citizen. */
const editable: ReadonlySet<WidgetKind> = new Set(['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'region', 'idNumber', 'phone', 'creditCode']);

export function canCorrect(field: Pick<SubmissionField, 'widget'>): boolean {
  return editable.has(field.widget);
}

/** The editor's starting text for a field's value. */
export function editText(field: Pick<SubmissionField, 'widget' | 'value'>): string {
  if (field.value === null || field.value === undefined) return '';
  if (field.widget === 'checkbox') return field.value === true ? 'true' : 'false';
  return String(field.value);
}

export type ParsedEdit = { ok: true; value: unknown } | { ok: false; message: string };

/** The value to send for what the clerk typed or chose; an empty text clears the field (null). */
export function parseEdit(field: Pick<SubmissionField, 'widget' | 'options'>, text: string): ParsedEdit {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  switch (field.widget) {
    case 'number': {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: '请输入数字' };
    }
    case 'checkbox':
      return { ok: true, value: trimmed === 'true' };
    case 'select':
    case 'radio': {
      const option = field.options?.find((o) => String(o.value) === trimmed);
      return option ? { ok: true, value: option.value } : { ok: false, message: '请从选项中选择' };
    }
    case 'idNumber':
    case 'creditCode':
      return { ok: true, value: trimmed.toUpperCase() };
    default:
      return { ok: true, value: trimmed };
  }
}

export interface FieldGroup {
  title: string;
  fields: SubmissionField[];
}

/** Consecutive fields of one page and group, titled "page · group" (or one of them when equal). */
export function groupFields(fields: SubmissionField[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const field of fields) {
    const title = field.pageTitle === field.groupTitle || !field.groupTitle ? field.pageTitle : `${field.pageTitle} · ${field.groupTitle}`;
    const last = groups.at(-1);
    if (last && last.title === title) last.fields.push(field);
    else groups.push({ title, fields: [field] });
  }
  return groups;
}

/** Return reasons from the textarea: one per non-empty line. */
export function reasonLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** A raw value in the correction history, short. */
export function shortValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value).slice(0, 40);
}
