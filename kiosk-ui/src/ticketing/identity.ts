// Turning what the card reader pushed, or what was typed, into the `identity` of a ticket
// request. Pure: tested by tables.
import type { IdCard } from '@hall/common/agent';
import { checkIdNumber, idNumberFacts, idNumberMessages } from '@hall/common/validators';
import type { IdentityInput } from './ticketing-model.ts';

export function identityFromCard(card: IdCard): IdentityInput {
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(card.birthDate) ? card.birthDate : undefined;
  const base = birthDate ? { birthDate } : {};
  switch (card.cardType) {
    case 'resident':
      return { idNumber: card.idNumber, source: 'card', cardKind: 'resident', ...base };
    case 'hkMacaoTaiwanPermit':
      return { idNumber: card.idNumber, source: 'card', cardKind: 'permit', ...base };
    case 'foreigner2017':
    case 'foreigner2023':
      return { idNumber: card.cardNumber, source: 'card', cardKind: 'foreigner', ...base };
  }
}

/** A typed resident ID number, or the Chinese reason it is wrong. `today` is the hall's date. */
export function identityFromTyped(value: string, today: string): { ok: true; identity: IdentityInput } | { ok: false; message: string } {
  const id = value.trim().toUpperCase();
  const problem = checkIdNumber(id, today);
  if (problem) return { ok: false, message: idNumberMessages[problem] };
  return { ok: true, identity: { idNumber: id, source: 'typed', cardKind: 'resident', birthDate: idNumberFacts(id).birthDate } };
}

/** Enough to recognise one's own number on a shared screen, not enough to copy it. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return id.replace(/.(?=.{2})/g, '*');
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
