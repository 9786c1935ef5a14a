// From what the kiosk knows about the person in front of it (the ID card just read, or a
// typed ID number) to a filled form: the definition's prefill rules, the signing date, and
// one-tap suggestions for fields the rules do not map but that usually hold the same
// person's name, ID number or phone (a small shop's food safety manager or contact person
// is mostly the owner). Pure.
import type { IdCard } from '@hall/common/agent';
import type { FormDefinition, LayoutField } from '@hall/common/forms/definition';
import { layoutFields, setPath, getPath, isFilled } from '@hall/common/forms/fields';
import { prefillForm, type PrefillRecord } from '@hall/common/forms/prefill';
import { idNumberFacts } from '@hall/common/validators';

/** The ID card as a prefill record; a foreigner's card gives its card number as the ID number. */
export function recordFromCard(card: IdCard): PrefillRecord {
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(card.birthDate) ? card.birthDate : undefined;
  const gender: 'male' | 'female' | undefined = card.gender.code === '1' ? 'male' : card.gender.code === '2' ? 'female' : undefined;
  const common: { birthDate?: string; gender?: 'male' | 'female' } = { ...(birthDate ? { birthDate } : {}), ...(gender ? { gender } : {}) };
  switch (card.cardType) {
    case 'resident':
      return { idCard: { ...common, name: card.name, idNumber: card.idNumber, address: card.address, ...(card.nation.name ? { nation: card.nation.name } : {}) } };
    case 'hkMacaoTaiwanPermit':
      return { idCard: { ...common, name: card.name, idNumber: card.idNumber, address: card.address } };
    case 'foreigner2017':
    case 'foreigner2023':
      return { idCard: { ...common, name: card.chineseName || card.englishName, idNumber: card.cardNumber } };
  }
}

/** A typed resident ID number (already checked) as a prefill record: the number, birth date and sex it encodes. */
export function recordFromIdNumber(idNumber: string): PrefillRecord {
  const facts = idNumberFacts(idNumber);
  return { idCard: { idNumber, birthDate: facts.birthDate, gender: facts.sex } };
}

export interface StartData {
  data: Record<string, unknown>;
  /** Fields filled for the citizen, highlighted until they confirm or change them. */
  filled: string[];
}

/** The form as it opens: the prefill rules applied, and the date beside the signature set to today. */
export function startData(def: FormDefinition, record: PrefillRecord, today: string): StartData {
  const { data, filled } = prefillForm(def, record);
  let out = data;
  for (const page of def.layout.pages) {
    for (const group of page.groups) {
      if (!group.fields.some((f) => f.widget === 'signature')) continue;
      for (const field of group.fields) {
        if (field.widget === 'date' && !isFilled(getPath(out, field.path))) out = setPath(out, field.path, today);
      }
    }
  }
  return { data: out, filled };
}

export interface Suggestion {
  value: string;
  /** What the chip shows: never the whole ID number on a shared screen. */
  label: string;
}

const personLabel = /姓名|联系人|负责人|管理人员|代表人|申请人|经办人|参保人/;

/** One-tap values for a field from the person's record and the phone typed elsewhere in the form. */
export function suggestionsFor(field: LayoutField, record: PrefillRecord, data: Record<string, unknown>, def: Pick<FormDefinition, 'layout'>, maskId: (id: string) => string): Suggestion[] {
  const card = record.idCard;
  if (field.widget === 'idNumber' && card?.idNumber) return [{ value: card.idNumber, label: maskId(card.idNumber) }];
  if (field.widget === 'phone') {
    const phones = new Set<string>();
    for (const p of layoutFields(def)) {
      const value = getPath(data, p.field.path);
      if (p.field.widget === 'phone' && p.field.path !== field.path && typeof value === 'string' && /^1\d{10}$/.test(value)) phones.add(value);
    }
    return [...phones].map((value) => ({ value, label: value }));
  }
  if ((field.widget === 'text' && personLabel.test(field.label)) || (field.widget === 'text' && field.label === '姓名')) {
    if (card?.name) return [{ value: card.name, label: card.name }];
  }
  return [];
}
