import { expect, it } from 'vitest';
import { createTapCounter } from './gesture.ts';

it('five taps within three seconds trigger; slower ones do not', () => {
  let fired = 0;
  const tap = createTapCounter(() => fired++);
  for (const t of [0, 700, 1400, 2100, 3100]) tap(t); // the first tap is out of the window by the fifth
  expect(fired).toBe(0);
  tap(3200);
  expect(fired).toBe(1);
  for (const t of [10_000, 10_100, 10_200, 10_300]) tap(t);
  expect(fired).toBe(1);
});
