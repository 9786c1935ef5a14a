import { describe, expect, it } from 'vitest';
import { formatTicketNumber, QueueEngine } from '../../src/queue/index.ts';
import { appointment, at, category, expectHallError, hallConfig, issue, issueInput, newEngine, MINUTE } from './builders.ts';

describe('ticket numbers', () => {
  it.each([
    ['A', 3, 1, 'A001'],
    ['A', 3, 12, 'A012'],
    ['A', 3, 999, 'A999'],
    ['A', 3, 1000, 'A1000'],
    ['B', 2, 7, 'B07'],
    ['GL', 4, 42, 'GL0042'],
    ['X', 5, 1, 'X00001'],
  ])('prefix %s, width %i, serial %i → %s', (prefix, width, serial, number) => {
    expect(formatTicketNumber({ prefix, numberWidth: width }, serial)).toBe(number);
  });

  it('counts each issuing category separately and pads to its own width', () => {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A'), category('b', 'GL', { numberWidth: 4 })] }));
    const numbers = ['a', 'b', 'a', 'b', 'a'].map((c, i) => issue(engine, c, at('09:00') + i * MINUTE).number);
    expect(numbers).toEqual(['A001', 'GL0001', 'A002', 'GL0002', 'A003']);
  });

  it('records the serial, hall day, arrival and queue times on the ticket', () => {
    const engine = newEngine();
    const t = issue(engine, 'a', at('09:30'));
    expect(t).toMatchObject({
      serial: 1,
      hallDay: '2026-11-23',
      issueCategoryId: 'a',
      categoryId: 'a',
      state: 'waiting',
      issuedAt: at('09:30'),
      arrivalAt: at('09:30'),
      queueAt: at('09:30'),
      windowId: null,
      targetWindowId: null,
      recallCount: 0,
      transfers: [],
    });
  });

  it('continues from the counters of the snapshot it was started from', () => {
    const config = hallConfig();
    const restarted = new QueueEngine(config, {
      hallDay: '2026-11-23',
      tickets: [],
      counters: { a: 41 },
      windows: [],
      recentServiceMinutes: {},
    });
    expect(issue(restarted, 'a', at('09:00')).number).toBe('A042');
  });

  describe('the day turns at local midnight in Asia/Shanghai, not at UTC midnight', () => {
    it('2026-11-23T15:59:59Z is still the 23rd; 16:00:00Z is the 24th and restarts at 001', () => {
      const config = hallConfig({ settings: { weekdayHours: [{ start: '00:00', end: '23:59' }] } });
      const engine = newEngine(config);
      const late = issue(engine, 'a', Date.parse('2026-11-23T15:58:00Z'));
      const last = issue(engine, 'a', Date.parse('2026-11-23T15:59:59Z'));
      expect([late.number, last.number, last.hallDay, engine.hallDay]).toEqual(['A001', 'A002', '2026-11-23', '2026-11-23']);
      const events = engine.issue(issueInput('a'), Date.parse('2026-11-24T01:00:00Z'));
      // 01:00Z is 09:00 local on the 24th; the day turned at 16:00Z.
      expect(events.map((e) => e.type)).toEqual(['ticket:expired', 'ticket:expired', 'day:started', 'ticket:issued']);
      expect(events.at(-1)?.ticket).toMatchObject({ number: 'A001', hallDay: '2026-11-24' });
      expect(engine.hallDay).toBe('2026-11-24');
    });

    it('a rollover at 16:00:00Z starts the 24th; UTC midnight changes nothing', () => {
      const engine = newEngine();
      expect(engine.rollover(Date.parse('2026-11-23T15:59:59Z'))).toEqual([]);
      expect(engine.rollover(Date.parse('2026-11-23T00:00:00Z'))).toEqual([]);
      const events = engine.rollover(Date.parse('2026-11-23T16:00:00Z'));
      expect(events.map((e) => e.type)).toEqual(['day:started']);
      expect(events[0]?.hallDay).toBe('2026-11-24');
      expect(engine.rollover(Date.parse('2026-11-24T00:00:00Z'))).toEqual([]);
    });
  });
});

describe('issuing', () => {
  it('puts a ticket in the priority lane only when asked and the category allows it', () => {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A'), category('b', 'B', { priorityEnabled: false })] }));
    expect(issue(engine, 'a', at('09:00'), { priority: true }).priority).toBe(true);
    expect(issue(engine, 'a', at('09:00'), { priority: false }).priority).toBe(false);
    expect(issue(engine, 'b', at('09:00'), { priority: true }).priority).toBe(false);
  });

  it('carries the appointment of an appointment ticket', () => {
    const engine = newEngine();
    const ap = appointment(at('10:00'), at('09:50'));
    expect(issue(engine, 'a', at('09:50'), { appointment: ap, source: 'appointment' }).appointment).toEqual(ap);
  });

  it('refuses unknown and disabled categories with CATEGORY_NOT_FOUND', () => {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A', { enabled: false })] }));
    expectHallError(() => engine.issue(issueInput('a'), at('09:00')), 'CATEGORY_NOT_FOUND');
    expectHallError(() => engine.issue(issueInput('zz'), at('09:00')), 'CATEGORY_NOT_FOUND');
  });

  it('refuses a reused ticket id', () => {
    const engine = newEngine();
    issue(engine, 'a', at('09:00'), { ticketId: 'same' });
    expectHallError(() => engine.issue(issueInput('a', { ticketId: 'same' }), at('09:01')), 'CONFLICT');
  });

  describe('daily quota (号源)', () => {
    it('issues exactly dailyQuota serials, then QUOTA_EXHAUSTED with the next opening', () => {
      const engine = newEngine(hallConfig({ categories: [category('a', 'A', { dailyQuota: 2 }), category('b', 'B')] }));
      issue(engine, 'a', at('09:00'));
      issue(engine, 'a', at('09:01'));
      const error = expectHallError(() => engine.issue(issueInput('a'), at('09:02')), 'QUOTA_EXHAUSTED');
      expect(error.details).toEqual({ opensAt: at('09:00', '2026-11-24') });
      expect(issue(engine, 'b', at('09:02')).number).toBe('B001');
    });

    it('counts issued serials, so cancelling does not give a number back', () => {
      const engine = newEngine(hallConfig({ categories: [category('a', 'A', { dailyQuota: 1 })] }));
      const t = issue(engine, 'a', at('09:00'));
      engine.cancel(t.id, '不办了', { kind: 'citizen', id: 'x' }, at('09:01'));
      expectHallError(() => engine.issue(issueInput('a'), at('09:02')), 'QUOTA_EXHAUSTED');
    });

    it('starts afresh the next hall day', () => {
      const engine = newEngine(hallConfig({ categories: [category('a', 'A', { dailyQuota: 1 })] }));
      issue(engine, 'a', at('09:00'));
      expect(issue(engine, 'a', at('09:00', '2026-11-24')).number).toBe('A001');
    });
  });

  describe('one person, one waiting ticket per category', () => {
    const config = hallConfig({
      categories: [category('a', 'A'), category('b', 'B'), category('m', 'M', { onePerPerson: false })],
      windows: [],
    });

    it('refuses a second open ticket with ALREADY_WAITING and the existing ticket id', () => {
      const engine = newEngine(config);
      const first = issue(engine, 'a', at('09:00'), { personKey: 'p1' });
      const error = expectHallError(() => engine.issue(issueInput('a', { personKey: 'p1' }), at('09:01')), 'ALREADY_WAITING');
      expect(error.details).toEqual({ ticketId: first.id });
      expect(engine.findWaiting('a', 'p1')?.id).toBe(first.id);
    });

    it('allows other people, other categories, categories without the rule and anonymous tickets', () => {
      const engine = newEngine(config);
      issue(engine, 'a', at('09:00'), { personKey: 'p1' });
      expect(issue(engine, 'a', at('09:01'), { personKey: 'p2' }).number).toBe('A002');
      expect(issue(engine, 'b', at('09:01'), { personKey: 'p1' }).number).toBe('B001');
      issue(engine, 'm', at('09:01'), { personKey: 'p1' });
      expect(issue(engine, 'm', at('09:02'), { personKey: 'p1' }).number).toBe('M002');
      issue(engine, 'a', at('09:03'));
      expect(issue(engine, 'a', at('09:04')).number).toBe('A004');
    });

    it('allows a new ticket once the old one was cancelled', () => {
      const engine = newEngine(config);
      const first = issue(engine, 'a', at('09:00'), { personKey: 'p1' });
      engine.cancel(first.id, '重新取号', { kind: 'clerk', id: 'c' }, at('09:01'));
      expect(engine.findWaiting('a', 'p1')).toBeUndefined();
      expect(issue(engine, 'a', at('09:02'), { personKey: 'p1' }).number).toBe('A002');
    });

    it('is checked before the quota, so the citizen is offered a reprint', () => {
      const engine = newEngine(hallConfig({ categories: [category('a', 'A', { dailyQuota: 1 })] }));
      issue(engine, 'a', at('09:00'), { personKey: 'p1' });
      expectHallError(() => engine.issue(issueInput('a', { personKey: 'p1' }), at('09:01')), 'ALREADY_WAITING');
    });
  });

  it('requires a person key where identity is required', () => {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A', { identityRequired: true })] }));
    expectHallError(() => engine.issue(issueInput('a'), at('09:00')), 'IDENTITY_REQUIRED');
    expect(issue(engine, 'a', at('09:00'), { personKey: 'p1' }).personKey).toBe('p1');
  });
});
