// Check digits and formats shared by the kiosk (instant feedback) and the server (the
// contract). Facts: ../shared/docs/forms.md.

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

/**
 * Validates a resident ID number (GB 11643-1999). `today` bounds the birth date; pass the
 * hall's current date ('YYYY-MM-DD').
 */
export function checkIdNumber(value: string, today: string): IdNumberProblem | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 91) return 'region';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birth) || birth > today || birth < '1890-01-01') return 'birth_date';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * idWeights[i]!;
  return idCheckChars[sum % 11] === id[17] ? null : 'check_digit';
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * idWeights[i]!;
  return idCheckChars[sum % 11]!;
}

export const idNumberMessages: Record<IdNumberProblem, string> = {
  format: '身份证号码应为18位，最后一位可以是数字或X',
  region: '身份证号码的前两位地区代码不正确',
  birth_date: '身份证号码中的出生日期不正确',
  check_digit: '身份证号码校验位不正确，请逐位核对',
};

/** Birth date and sex encoded in a valid ID number. */
export function idNumberFacts(id: string): { birthDate: string; sex: 'male' | 'female' } {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Unified social credit code (GB 32100-2015): true when the check character matches. */
export function isValidCreditCode(value: string): boolean {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = creditChars.indexOf(code[i]!);
    if (v < 0) return false;
    sum += v * creditWeights[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return creditChars[check] === code[17];
}

export const mobilePattern = /^(?:\+?86)?1[3-9]\d{9}$/;
export const postcodePattern = /^\d{6}$/;
