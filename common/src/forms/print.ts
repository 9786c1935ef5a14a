// The print template filled with a submission's data, as text: what the A4 page shows, with
// option labels instead of codes, dates in Chinese, region names, units. The hall server's
// documents module turns this into a PDF; the kiosk's review page can show the same rows.
import type { FieldPath, FormDefinition, LayoutField } from './definition.ts';
import { getPath, isFilled, isShown, layoutFields, type PlacedField } from './fields.ts';

export interface PrintedRow {
  label: string;
  value: string;
  wide: boolean;
}

export type PrintedSection =
  | { kind: 'fields'; title?: string; columns: 1 | 2; rows: PrintedRow[] }
  | { kind: 'table'; title?: string; columns: string[]; rows: string[][] }
  | { kind: 'text'; title?: string; text: string }
  /** `image` is the PNG data URL from the kiosk's signature pad, if signed. */
  | { kind: 'signature'; label: string; image?: string; name?: string; date?: string }
  | { kind: 'pageBreak' };

export interface PrintedForm {
  formId: string;
  formVersion: number;
  title: string;
  subtitle?: string;
  sections: PrintedSection[];
}

export interface PrintOptions {
  /** Region code → full name (省市区); regions.ts provides one. The code is printed otherwise. */
  regionName?: (code: string) => string | undefined;
  /** Printed for a field the rules hide (not applicable); ／ as on paper forms. */
  notApplicable?: string;
}

export function printForm(def: FormDefinition, data: unknown, options: PrintOptions = {}): PrintedForm {
  const placed = new Map(layoutFields(def).map((p) => [p.field.path, p]));
  const na = options.notApplicable ?? '／';
  const text = (path: FieldPath): string => {
    const p = placed.get(path);
    if (!p) return '';
    if (!isShown(p, data)) return na;
    return formatValue(p.field, getPath(data, path), options);
  };
  const sections: PrintedSection[] = def.print.sections.map((section): PrintedSection => {
    switch (section.kind) {
      case 'fields':
        return {
          kind: 'fields',
          ...(section.title ? { title: section.title } : {}),
          columns: section.columns ?? 2,
          rows: section.fields.map((ref) => {
            const path = typeof ref === 'string' ? ref : ref.path;
            const field = placed.get(path)?.field;
            const wide = typeof ref === 'string' ? undefined : ref.wide;
            return {
              label: (typeof ref === 'string' ? undefined : ref.label) ?? field?.label ?? path,
              value: text(path),
              wide: wide ?? (field ? defaultWide(field) : false),
            };
          }),
        };
      case 'table':
        return printTable(placed.get(section.field), data, section.title, options);
      case 'text':
        return { kind: 'text', ...(section.title ? { title: section.title } : {}), text: section.text };
      case 'signature': {
        const image = getPath(data, section.field);
        const name = section.nameField ? text(section.nameField) : '';
        const date = section.dateField ? getPath(data, section.dateField) : undefined;
        return {
          kind: 'signature',
          label: section.label,
          ...(typeof image === 'string' && image.startsWith('data:image/png;base64,') ? { image } : {}),
          ...(name ? { name } : {}),
          ...(typeof date === 'string' && date ? { date } : {}),
        };
      }
      case 'pageBreak':
        return { kind: 'pageBreak' };
    }
  });
  return {
    formId: def.id,
    formVersion: def.version,
    title: def.print.title,
    ...(def.print.subtitle ? { subtitle: def.print.subtitle } : {}),
    sections,
  };
}

function defaultWide(field: LayoutField): boolean {
  return field.widget === 'textarea' || field.widget === 'multiselect';
}

function printTable(placed: PlacedField | undefined, data: unknown, title: string | undefined, options: PrintOptions): PrintedSection {
  const columns = placed?.field.columns ?? [];
  const value = placed ? getPath(data, placed.field.path) : undefined;
  const rows = Array.isArray(value) && placed && isShown(placed, data) ? value : [];
  return {
    kind: 'table',
    ...((title ?? placed?.field.label) ? { title: title ?? placed?.field.label } : {}),
    columns: ['序号', ...columns.map((c) => c.label)],
    rows: rows.map((row, i) => [String(i + 1), ...columns.map((c) => formatValue(c, getPath(row, c.path), options))]),
  };
}

/** One value as printed: option labels, 是/否, 2026年1月5日, region names, units. */
export function formatValue(field: LayoutField, value: unknown, options: PrintOptions = {}): string {
  if (!isFilled(value)) return field.widget === 'checkbox' && value === false ? '否' : '';
  const label = (v: unknown): string => field.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (field.widget) {
    case 'select':
    case 'radio':
      return label(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(label).join('、') : label(value);
    case 'checkbox':
      return value === true ? '是' : '否';
    case 'date':
      return typeof value === 'string' ? chineseDate(value) : String(value);
    case 'region':
      return (typeof value === 'string' && options.regionName?.(value)) || String(value);
    case 'number':
      return `${String(value)}${field.unit ?? ''}`;
    case 'signature':
      return '（已签名）';
    case 'table':
      return Array.isArray(value) ? `${value.length}行` : '';
    default:
      return field.unit ? `${String(value)}${field.unit}` : String(value);
  }
}

/** '2026-01-05' → '2026年1月5日'; anything else unchanged. */
export function chineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
}
