// The 256-byte text block of a second-generation card (UTF-16LE, space padded) into an
// IdCard: resident card, Hong Kong/Macao/Taiwan residence permit, foreigner's permanent
// residence card 2017 ('I') and 2023 ('Y'). Unknown codes are kept raw, never guessed.
import type { CodedValue, IdCard } from '@hall/common/agent';
import { genderNames, nationNames } from './tables.ts';

export type CardKind = IdCard['cardType'];

function field(text: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + length && i + 1 < text.length; i += 2) {
    out += String.fromCharCode(text[i]! | (text[i + 1]! << 8));
  }
  // Padding is spaces; some readers leave NULs.
  return out.replaceAll(String.fromCharCode(0), ' ').trim();
}

/** YYYYMMDD → YYYY-MM-DD; anything else is passed on as read. */
export function cardDate(raw: string): string {
  return /^\d{8}$/.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}` : raw;
}

/** 长期 (long-term) cards have no end date. */
function validTo(raw: string): string | null {
  return raw === '长期' ? null : cardDate(raw);
}

function coded(code: string, table: Readonly<Record<string, string>>): CodedValue {
  return { code, name: table[code] ?? null };
}

/**
 * Which card this is. The type flag at byte 248 says 'I', 'Y' or 'J'; a permit from a reader
 * that leaves the flag blank still gives itself away by its pass number.
 */
export function cardKind(text: Uint8Array): CardKind {
  const flag = field(text, 248, 2);
  if (flag === 'I') return 'foreigner2017';
  if (flag === 'Y') return 'foreigner2023';
  if (flag === 'J' || field(text, 220, 18) !== '') return 'hkMacaoTaiwanPermit';
  return 'resident';
}

export function decodeIdCardText(text: Uint8Array, photo: Uint8Array = new Uint8Array(), fingerprint?: Uint8Array): IdCard {
  const f = (offset: number, length: number) => field(text, offset, length);
  const extra = {
    photoWltBase64: Buffer.from(photo).toString('base64'),
    ...(fingerprint ? { fingerprintBase64: Buffer.from(fingerprint).toString('base64') } : {}),
  };
  switch (cardKind(text)) {
    case 'foreigner2017':
      return {
        cardType: 'foreigner2017',
        englishName: f(0, 120),
        gender: coded(f(120, 2), genderNames),
        cardNumber: f(122, 30),
        nationality: f(152, 6),
        chineseName: f(158, 30),
        validFrom: cardDate(f(188, 16)),
        validTo: validTo(f(204, 16)),
        birthDate: cardDate(f(220, 16)),
        version: f(236, 4),
        authorityCode: f(240, 8),
        ...extra,
      };
    case 'foreigner2023':
      return {
        cardType: 'foreigner2023',
        chineseName: f(0, 30),
        gender: coded(f(30, 2), genderNames),
        renewalCount: f(32, 4),
        birthDate: cardDate(f(36, 16)),
        // The English name runs on from 52 into 220; the first part is full when it continues.
        englishName: `${field(text, 52, 70).padEnd(f(220, 22) ? 35 : 0)}${f(220, 22)}`,
        cardNumber: f(122, 36),
        validFrom: cardDate(f(188, 16)),
        validTo: validTo(f(204, 16)),
        nationality: f(242, 6),
        ...extra,
      };
    case 'hkMacaoTaiwanPermit':
      return {
        cardType: 'hkMacaoTaiwanPermit',
        name: f(0, 30),
        gender: coded(f(30, 2), genderNames),
        birthDate: cardDate(f(36, 16)),
        address: f(52, 70),
        idNumber: f(122, 36),
        issuingAuthority: f(158, 30),
        validFrom: cardDate(f(188, 16)),
        validTo: validTo(f(204, 16)),
        passNumber: f(220, 18),
        issueCount: f(238, 4),
        ...extra,
      };
    case 'resident':
      return {
        cardType: 'resident',
        name: f(0, 30),
        gender: coded(f(30, 2), genderNames),
        nation: coded(f(32, 4), nationNames),
        birthDate: cardDate(f(36, 16)),
        address: f(52, 70),
        idNumber: f(122, 36),
        issuingAuthority: f(158, 30),
        validFrom: cardDate(f(188, 16)),
        validTo: validTo(f(204, 16)),
        ...extra,
      };
  }
}
