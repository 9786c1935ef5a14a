import { describe, expect, it } from 'vitest';
import { localToInstant } from '@hall/common/time';
import { QueueEngine } from '../../src/queue/index.ts';
import { at, category, clerkActor, emptySnapshot, hallConfig, issue, makeTicket, MINUTE, newEngine, openWindows, window } from './builders.ts';

const T0 = at('09:00');

describe('starting from a snapshot', () => {
  it('keeps open tickets and no-shows, ignores closed ones, and trusts tickets over window states', () => {
    const config = hallConfig();
    const engine = new QueueEngine(config, {
      ...emptySnapshot(),
      counters: { a: 4 },
      tickets: [
        makeTicket('t1', { state: 'finished' }),
        makeTicket('t2', { state: 'called', windowId: 'w1', calledAt: T0 }),
        makeTicket('t3', { state: 'no_show', windowId: 'w2' }),
        makeTicket('t4'),
      ],
      // The store wrote w1 without its ticket and w2 with a stale one.
      windows: [
        { windowId: 'w1', status: 'open', clerkId: 'zhang', clerkName: '张三', pauseReason: null, currentTicketId: null, priorityStreak: 2 },
        { windowId: 'w2', status: 'open', clerkId: 'li', clerkName: '李四', pauseReason: null, currentTicketId: 't3', priorityStreak: 0 },
      ],
      recentServiceMinutes: { a: Array.from({ length: 25 }, (_, i) => i) },
    });
    expect(engine.ticket('t1')).toBeUndefined();
    expect(engine.openTickets().map((t) => t.id)).toEqual(['t2', 't4']);
    expect(engine.ticket('t3')?.state).toBe('no_show');
    expect(engine.currentTicket('w1')?.id).toBe('t2');
    expect(engine.windowState('w2')?.currentTicketId).toBeNull();
    expect(engine.windowState('w1')?.priorityStreak).toBe(2);
    expect(engine.snapshot().recentServiceMinutes.a).toHaveLength(20);
    expect(issue(engine, 'a', T0).number).toBe('A005');
  });

  it('does not keep references to the objects it was given', () => {
    const ticket = makeTicket('t1');
    const engine = new QueueEngine(hallConfig(), { ...emptySnapshot(), tickets: [ticket] });
    ticket.state = 'cancelled';
    ticket.transfers.push({ at: 0, fromCategoryId: 'a', fromWindowId: null, toCategoryId: 'b', toWindowId: null, note: '', by: '' });
    expect(engine.ticket('t1')).toMatchObject({ state: 'waiting', transfers: [] });
  });

  it('round-trips: an engine started from another one’s snapshot answers the same', () => {
    const engine = newEngine();
    openWindows(engine, ['w1', 'w2'], T0);
    for (let i = 0; i < 6; i++) issue(engine, i % 2 ? 'a' : 'b', T0 + i * MINUTE, { priority: i === 3 });
    engine.callNext('w1', clerkActor('clerk-w1'), T0 + 10 * MINUTE);
    const copy = new QueueEngine(hallConfig(), structuredClone(engine.snapshot()));
    const now = T0 + 12 * MINUTE;
    expect(copy.snapshot()).toEqual(engine.snapshot());
    expect(copy.allStats(now)).toEqual(engine.allStats(now));
    expect(copy.queueFor('w2', now)).toEqual(engine.queueFor('w2', now));
    expect(copy.callNext('w2', clerkActor('clerk-w2'), now)).toEqual(engine.callNext('w2', clerkActor('clerk-w2'), now));
  });
});

describe('queue view for a window', () => {
  it('lists what the window may call, in calling order', () => {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A'), category('b', 'B')], windows: [window('w1', 1, { a: 1 }), window('w2', 2, { a: 1, b: 1 })] }));
    const a1 = issue(engine, 'a', T0);
    const b1 = issue(engine, 'b', T0 + MINUTE);
    const a2 = issue(engine, 'a', T0 + 2 * MINUTE, { priority: true });
    expect(engine.queueFor('w1', T0 + 5 * MINUTE).map((t) => t.number)).toEqual([a2.number, a1.number]);
    expect(engine.queueFor('w2', T0 + 5 * MINUTE).map((t) => t.number)).toEqual([a2.number, a1.number, b1.number]);
    expect(engine.queueFor('nope', T0)).toEqual([]);
  });
});

describe('a hall in a time zone with daylight saving', () => {
  // Europe/Berlin moves from +01:00 to +02:00 on 2026-03-29 (a Sunday); Monday the 30th is in summer time.
  const config = hallConfig({ settings: { timeZone: 'Europe/Berlin' }, categories: [category('a', 'A')], windows: [] });

  it('opens at local 09:00 on both sides of the change', () => {
    const engine = new QueueEngine(config, emptySnapshot('2026-03-27'));
    const fridayEvening = Date.parse('2026-03-27T17:00:00Z'); // 18:00 CET
    expect(engine.availability('a', fridayEvening)).toEqual({ open: false, reason: 'closed_today', opensAt: Date.parse('2026-03-30T07:00:00Z') });
    expect(localToInstant('2026-03-30', 9 * 60, 'Europe/Berlin')).toBe(Date.parse('2026-03-30T07:00:00Z'));
    expect(engine.availability('a', Date.parse('2026-03-27T08:30:00Z')).open).toBe(true); // 09:30 CET
    expect(engine.availability('a', Date.parse('2026-03-30T07:30:00Z')).open).toBe(true); // 09:30 CEST
  });

  it('turns the hall day at local midnight', () => {
    const engine = new QueueEngine(config, emptySnapshot('2026-03-30'));
    expect(engine.rollover(Date.parse('2026-03-30T21:59:59Z'))).toEqual([]);
    expect(engine.rollover(Date.parse('2026-03-30T22:00:00Z')).map((e) => e.hallDay)).toEqual(['2026-03-31']);
  });
});
