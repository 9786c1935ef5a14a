// Fills a form from what the kiosk already knows: the ID card just read and the shared
// applicant / business record. The citizen then confirms or corrects each filled field.
import type { FieldPath, FormDefinition, PrefillSource } from './definition.ts';
import { getPath, isFilled, setPath } from './fields.ts';

export interface PrefillRecord {
  idCard?: {
    name?: string;
    gender?: 'male' | 'female';
    /** 'YYYY-MM-DD' */
    birthDate?: string;
    /** The nation's name (汉), not its code. */
    nation?: string;
    address?: string;
    idNumber?: string;
  };
  applicant?: { phone?: string };
  business?: { creditCode?: string; name?: string; premisesAddress?: string };
}

export interface PrefillResult {
  data: Record<string, unknown>;
  /** The fields that took a value, for the "please check" highlight. */
  filled: FieldPath[];
}

/** Fills the mapped fields that are still empty (all of them with `overwrite`). */
export function prefillForm(def: Pick<FormDefinition, 'prefill'>, record: PrefillRecord, data: Record<string, unknown> = {}, overwrite = false): PrefillResult {
  let out = data;
  const filled: FieldPath[] = [];
  for (const rule of def.prefill) {
    const value = sourceValue(record, rule.from);
    if (value === undefined || value === '') continue;
    if (!overwrite && isFilled(getPath(out, rule.field))) continue;
    out = setPath(out, rule.field, value);
    filled.push(rule.field);
  }
  return { data: out, filled };
}

function sourceValue(record: PrefillRecord, source: PrefillSource): string | undefined {
  const [part, key] = source.split('.') as [keyof PrefillRecord, string];
  const from = record[part] as Record<string, string | undefined> | undefined;
  return from?.[key];
}
