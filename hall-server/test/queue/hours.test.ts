import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '@hall/common/domain';
import { nextDate } from '@hall/common/time';
import { at, category, expectHallError, hallConfig, issue, issueInput, newEngine } from './builders.ts';

// 2026-11-23 is a Monday; 11-28 and 11-29 are Saturday and Sunday.
const categories = [
  category('a', 'A'),
  category('w', 'W', { weekendService: true }),
  category('h', 'H', { hours: [{ start: '08:30', end: '11:00' }] }),
];

function engineWith(calendar: CalendarDay[] = []) {
  return newEngine(hallConfig({ categories, windows: [], calendar }));
}

describe('availability by opening hours', () => {
  it.each([
    // category, date, time, reason, opensAt (date, time) or null
    ['a', '2026-11-23', '08:59', 'closed_now', ['2026-11-23', '09:00']],
    ['a', '2026-11-23', '09:00', 'open', null],
    ['a', '2026-11-23', '11:59', 'open', null],
    ['a', '2026-11-23', '12:00', 'closed_now', ['2026-11-23', '13:30']],
    ['a', '2026-11-23', '12:45', 'closed_now', ['2026-11-23', '13:30']],
    ['a', '2026-11-23', '13:30', 'open', null],
    ['a', '2026-11-23', '16:59', 'open', null],
    ['a', '2026-11-23', '17:00', 'closed_today', ['2026-11-24', '09:00']],
    ['a', '2026-11-23', '23:30', 'closed_today', ['2026-11-24', '09:00']],
    // The category's own hours replace the hall's on working days.
    ['h', '2026-11-23', '08:30', 'open', null],
    ['h', '2026-11-23', '10:59', 'open', null],
    ['h', '2026-11-23', '11:00', 'closed_today', ['2026-11-24', '08:30']],
    ['h', '2026-11-23', '14:00', 'closed_today', ['2026-11-24', '08:30']],
    // Friday evening: the next opening skips the weekend for weekday-only categories.
    ['a', '2026-11-27', '17:30', 'closed_today', ['2026-11-30', '09:00']],
    ['w', '2026-11-27', '17:30', 'closed_today', ['2026-11-28', '09:00']],
    // Weekend subset (周末不打烊): only flagged categories, in the hall's weekend hours.
    ['a', '2026-11-28', '10:00', 'closed_today', ['2026-11-30', '09:00']],
    ['h', '2026-11-29', '10:00', 'closed_today', ['2026-11-30', '08:30']],
    ['w', '2026-11-28', '08:00', 'closed_now', ['2026-11-28', '09:00']],
    ['w', '2026-11-28', '10:00', 'open', null],
    ['w', '2026-11-28', '14:00', 'closed_today', ['2026-11-29', '09:00']],
    ['w', '2026-11-29', '11:59', 'open', null],
  ] as const)('%s on %s at %s: %s', (categoryId, date, time, reason, opens) => {
    const availability = engineWith().availability(categoryId, at(time, date));
    expect(availability).toEqual({ open: reason === 'open', reason, opensAt: opens === null ? null : at(opens[1], opens[0]) });
  });

  it('a holiday closes every category, and opensAt is the first session after it', () => {
    const engine = engineWith([{ date: '2026-11-25', kind: 'holiday', name: '测试假日' }]);
    for (const id of ['a', 'w', 'h']) {
      const availability = engine.availability(id, at('10:00', '2026-11-25'));
      expect(availability.reason).toBe('holiday');
      expect(availability.opensAt).toBe(at(id === 'h' ? '08:30' : '09:00', '2026-11-26'));
    }
    // The day before, after closing, the search also skips the holiday.
    expect(engine.availability('a', at('18:00', '2026-11-24')).opensAt).toBe(at('09:00', '2026-11-26'));
  });

  it('a weekend working day (调休) uses weekday hours, for every category', () => {
    const engine = engineWith([{ date: '2026-11-28', kind: 'workday', name: '调休上班' }]);
    expect(engine.availability('a', at('14:00', '2026-11-28')).reason).toBe('open');
    expect(engine.availability('w', at('14:00', '2026-11-28')).reason).toBe('open');
    expect(engine.availability('h', at('08:45', '2026-11-28')).reason).toBe('open');
    expect(engine.availability('a', at('17:30', '2026-11-27')).opensAt).toBe(at('09:00', '2026-11-28'));
  });

  it('the National Day week: opensAt skips holidays and weekends to the first working day', () => {
    const calendar: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) calendar.push({ date: nextDate('2026-10-01', i), kind: 'holiday', name: '国庆节' });
    const engine = engineWith(calendar);
    expect(engine.availability('a', at('10:00', '2026-10-01'))).toEqual({ open: false, reason: 'holiday', opensAt: at('09:00', '2026-10-08') });
    expect(engine.availability('a', at('18:00', '2026-09-30')).opensAt).toBe(at('09:00', '2026-10-08'));
  });

  it('opensAt is null when nothing opens within 14 days', () => {
    const calendar: CalendarDay[] = [];
    for (let i = 0; i < 20; i++) calendar.push({ date: nextDate('2026-11-23', i), kind: 'holiday', name: '' });
    expect(engineWith(calendar).availability('a', at('10:00'))).toEqual({ open: false, reason: 'holiday', opensAt: null });
  });

  it('a hall without weekend hours closes even weekend-service categories at weekends', () => {
    const engine = newEngine(hallConfig({ categories, windows: [], settings: { weekendHours: [] } }));
    expect(engine.availability('w', at('10:00', '2026-11-28'))).toEqual({ open: false, reason: 'closed_today', opensAt: at('09:00', '2026-11-30') });
  });

  it('a session ending at 23:59 runs until midnight', () => {
    const engine = newEngine(hallConfig({ categories, windows: [], settings: { weekdayHours: [{ start: '00:00', end: '23:59' }] } }));
    expect(engine.availability('a', at('23:59:59')).open).toBe(true);
    expect(engine.availability('a', at('00:00')).open).toBe(true);
  });

  it('disabled and unknown categories are reported as disabled', () => {
    const engine = newEngine(hallConfig({ categories: [category('x', 'X', { enabled: false })], windows: [] }));
    expect(engine.availability('x', at('10:00'))).toEqual({ open: false, reason: 'disabled', opensAt: null });
    expect(engine.availability('nope', at('10:00'))).toEqual({ open: false, reason: 'disabled', opensAt: null });
  });

  it('an exhausted quota is reported with the next day opening; a later day has fresh numbers', () => {
    const engine = newEngine(hallConfig({ categories: [category('q', 'Q', { dailyQuota: 1 })], windows: [] }));
    issue(engine, 'q', at('09:00'));
    expect(engine.availability('q', at('09:01'))).toEqual({ open: false, reason: 'quota_exhausted', opensAt: at('09:00', '2026-11-24') });
    // Closed hours are reported before the quota, since they say more.
    expect(engine.availability('q', at('12:30')).reason).toBe('closed_now');
    expect(engine.availability('q', at('09:01', '2026-11-24')).reason).toBe('open');
  });
});

describe('issuing outside opening hours', () => {
  it('refuses on a holiday with HALL_CLOSED', () => {
    const engine = engineWith([{ date: '2026-11-25', kind: 'holiday', name: '' }]);
    const error = expectHallError(() => engine.issue(issueInput('a'), at('10:00', '2026-11-25')), 'HALL_CLOSED');
    expect(error.details).toEqual({ opensAt: at('09:00', '2026-11-26') });
  });

  it.each([
    ['2026-11-23', '12:10', ['2026-11-23', '13:30']],
    ['2026-11-23', '07:00', ['2026-11-23', '09:00']],
    ['2026-11-28', '10:00', ['2026-11-30', '09:00']],
  ] as const)('refuses on %s at %s with CATEGORY_CLOSED and opensAt', (date, time, opens) => {
    const engine = engineWith();
    const error = expectHallError(() => engine.issue(issueInput('a'), at(time, date)), 'CATEGORY_CLOSED');
    expect(error.details).toEqual({ opensAt: at(opens[1], opens[0]) });
  });

  it('issues weekend-service categories on a Saturday morning', () => {
    const engine = engineWith();
    expect(issue(engine, 'w', at('10:00', '2026-11-28')).number).toBe('W001');
  });
});
