import { describe, expect, it } from 'vitest';
import { categoryCard, formatOpensAt, formatWait } from './category-view.ts';
import type { Category } from '@hall/common/domain';

// 2026-11-23 10:00 in Shanghai (UTC+8).
const NOW = Date.UTC(2026, 10, 23, 2, 0);
const TZ = 'Asia/Shanghai';
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 8, minute);

describe('formatWait', () => {
  const rows: Array<[number | null, string]> = [
    [null, '暂无预计'],
    [0, '无需等候'],
    [0.4, '约 1 分钟'],
    [12, '约 12 分钟'],
    [59.2, '约 1 小时'],
    [60, '约 1 小时'],
    [95, '约 1 小时 35 分钟'],
  ];
  for (const [minutes, text] of rows) it(`${minutes} → ${text}`, () => expect(formatWait(minutes)).toBe(text));
});

describe('formatOpensAt (hall time zone)', () => {
  const rows: Array<[number, string]> = [
    [at(23, 13, 30), '今天 13:30'],
    [at(24, 9), '明天 09:00'],
    [at(28, 9), '11月28日 09:00'],
    // 00:30 on the 24th in Shanghai is still the 23rd in UTC: the hall's calendar decides.
    [at(24, 0, 30), '明天 00:30'],
  ];
  for (const [opensAt, text] of rows) it(text, () => expect(formatOpensAt(opensAt, NOW, TZ)).toBe(text));
});

describe('categoryCard', () => {
  const category = { id: 'tax', prefix: 'A', name: '税务综合', group: '税务', description: '', materials: [] } as unknown as Category;
  const stats = { categoryId: 'tax', waiting: 7, issuedToday: 30, estimatedWaitMinutes: 21, openWindows: 2, oldestWaitingSince: null, quotaLeft: 10 };

  it('an open category shows its queue', () => {
    expect(categoryCard(category, stats, { open: true, reason: 'open', opensAt: null }, NOW, TZ)).toMatchObject({
      open: true,
      waitingText: '等候 7 人',
      waitText: '约 21 分钟',
      closedText: '',
      opensText: '',
    });
  });

  const closed: Array<[Parameters<typeof categoryCard>[2], string, string]> = [
    [{ open: false, reason: 'closed_now', opensAt: at(23, 13, 30) }, '当前不在取号时间', '今天 13:30 开始取号'],
    [{ open: false, reason: 'quota_exhausted', opensAt: at(24, 9) }, '今日号源已取完', '明天 09:00 开始取号'],
    [{ open: false, reason: 'holiday', opensAt: null }, '今日休息', ''],
    [{ open: false, reason: 'disabled', opensAt: null }, '暂停办理', ''],
  ];
  for (const [availability, why, when] of closed) {
    it(`closed (${availability?.reason}) says why and when`, () => {
      expect(categoryCard(category, stats, availability, NOW, TZ)).toMatchObject({ open: false, closedText: why, opensText: when });
    });
  }

  it('no figures yet: nobody waiting, no estimate', () => {
    expect(categoryCard(category, undefined, undefined, NOW, TZ)).toMatchObject({ open: true, waitingText: '等候 0 人', waitText: '暂无预计' });
  });
});
