import { expect, it } from 'vitest';
import { formatClock } from './format-clock.ts';

it('shows the hall wall clock, not UTC', () => {
  // 2026-11-23 23:30 UTC is Tuesday 07:30 in Shanghai.
  expect(formatClock(Date.UTC(2026, 10, 23, 23, 30), 'Asia/Shanghai')).toEqual({ time: '07:30', date: '2026年11月24日 星期二' });
});
