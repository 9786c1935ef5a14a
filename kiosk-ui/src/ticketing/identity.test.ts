import { describe, expect, it } from 'vitest';
import type { IdCard } from '@hall/common/agent';
import { identityFromCard, identityFromTyped, maskIdNumber } from './identity.ts';

const common = { gender: { code: '1', name: '男' }, validFrom: '2020-01-01', validTo: null, photoWltBase64: '' };

describe('identity from a card', () => {
  it('resident card: number, birth date, kind', () => {
    const card = { cardType: 'resident', name: '测试甲', nation: { code: '01', name: '汉' }, address: '', idNumber: '110101199003070011', issuingAuthority: '', birthDate: '1990-03-07', ...common } as IdCard;
    expect(identityFromCard(card)).toEqual({ idNumber: '110101199003070011', source: 'card', cardKind: 'resident', birthDate: '1990-03-07' });
  });
  it('foreigner card: the card number, kind foreigner; a malformed date is left out', () => {
    const card = { cardType: 'foreigner2023', chineseName: '', englishName: 'TEST', cardNumber: 'Y840111111111111', nationality: 'USA', renewalCount: '0', ...common, birthDate: '19900101' } as IdCard;
    expect(identityFromCard(card)).toEqual({ idNumber: 'Y840111111111111', source: 'card', cardKind: 'foreigner' });
  });
});

describe('typed ID number', () => {
  it('accepts a valid number (lower-case x too) with its birth date', () => {
    expect(identityFromTyped('11010519491231002x', '2026-11-25')).toEqual({
      ok: true,
      identity: { idNumber: '11010519491231002X', source: 'typed', cardKind: 'resident', birthDate: '1949-12-31' },
    });
  });
  const wrong: Array<[string, string]> = [
    ['1101011990030700', '身份证号码应为18位，最后一位可以是数字或X'],
    ['110101199003070012', '身份证号码校验位不正确，请逐位核对'],
    ['110101199013070011', '身份证号码中的出生日期不正确'],
  ];
  for (const [value, message] of wrong) it(`refuses ${value}`, () => expect(identityFromTyped(value, '2026-11-25')).toEqual({ ok: false, message }));
});

it('masks all but the ends', () => {
  expect(maskIdNumber('110101199003070011')).toBe('1101**********0011');
});
