import { expect, it } from 'vitest';
import { afterWrongPin, hashPin, isLocked, LOCKOUT_MS, parseLockout, pinMatches } from './pin.ts';

it('the demo PIN works until one is set', async () => {
  expect(await pinMatches('246810', null)).toBe(true);
  expect(await pinMatches('135790', null)).toBe(false);
  const hash = await hashPin('135790');
  expect(await pinMatches('135790', hash)).toBe(true);
  expect(await pinMatches('246810', hash)).toBe(false);
});

it('three wrong PINs lock for five minutes', () => {
  let s = parseLockout(null);
  s = afterWrongPin(s, 0);
  s = afterWrongPin(s, 0);
  expect(isLocked(s, 0)).toBe(false);
  s = afterWrongPin(s, 1000);
  expect(isLocked(s, 1000 + LOCKOUT_MS - 1)).toBe(true);
  expect(isLocked(s, 1000 + LOCKOUT_MS)).toBe(false);
});
