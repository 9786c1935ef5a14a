import { describe, expect, it } from 'vitest';
import { averageServiceMinutes, estimateWaitMinutes, pushRecent, QueueEngine } from '../../src/queue/index.ts';
import { appointment, at, category, clerkActor, emptySnapshot, expectHallError, hallConfig, issue, MINUTE, newEngine, openWindows, window } from './builders.ts';

const T0 = at('09:00');

function hall(recent: Record<string, number[]> = {}) {
  const config = hallConfig({
    categories: [category('a', 'A', { defaultServiceMinutes: 10, dailyQuota: 50 }), category('b', 'B', { defaultServiceMinutes: 6 })],
    windows: [
      window('w1', 1, { a: 1, b: 1 }),
      window('w2', 2, { a: 2 }),
      window('w3', 3, { a: 0, b: 1 }), // a only when nothing else waits: not counted for a
      window('desk', 4, {}),
    ],
  });
  return new QueueEngine(config, { ...emptySnapshot(), recentServiceMinutes: recent });
}

describe('people ahead', () => {
  it('counts tickets of the same category that go first: active appointments, priority, then arrival', () => {
    const engine = hall();
    const n1 = issue(engine, 'a', T0);
    const n2 = issue(engine, 'a', T0 + MINUTE);
    const p1 = issue(engine, 'a', T0 + 2 * MINUTE, { priority: true });
    const ap = issue(engine, 'a', T0 + 3 * MINUTE, { appointment: appointment(T0 + 3 * MINUTE, T0 + 3 * MINUTE) });
    const future = issue(engine, 'a', T0 + 3 * MINUTE, { appointment: appointment(T0 + 60 * MINUTE, T0 + 3 * MINUTE) });
    issue(engine, 'b', T0); // another category: never ahead
    const now = T0 + 4 * MINUTE;
    expect([ap, p1, n1, n2, future].map((t) => engine.peopleAhead(t.id, now))).toEqual([0, 1, 2, 3, 4]);
  });

  it('a called ticket has nobody ahead; an unknown one is TICKET_NOT_FOUND', () => {
    const engine = hall();
    issue(engine, 'a', T0);
    openWindows(engine, ['w1'], T0);
    const [called] = engine.callNext('w1', clerkActor('clerk-w1'), T0 + MINUTE);
    expect(engine.estimate(called?.ticket?.id ?? '', T0 + MINUTE)).toEqual({ peopleAhead: 0, estimatedWaitMinutes: 0 });
    expectHallError(() => engine.peopleAhead('nope', T0), 'TICKET_NOT_FOUND');
  });

  it('a ticket sent to one window counts only that window queue and that window', () => {
    const engine = hall();
    openWindows(engine, ['w1', 'desk'], T0);
    const clerk = clerkActor('clerk-w1');
    const first = issue(engine, 'a', T0);
    const second = issue(engine, 'a', T0 + MINUTE);
    issue(engine, 'a', T0 + 2 * MINUTE);
    for (const id of [first.id, second.id]) {
      engine.callTicket('w1', id, '', clerk, T0 + 3 * MINUTE);
      engine.transfer('w1', { toWindowId: 'desk', note: '' }, clerk, T0 + 3 * MINUTE);
    }
    expect(engine.estimate(second.id, T0 + 4 * MINUTE)).toEqual({ peopleAhead: 1, estimatedWaitMinutes: 10 });
  });
});

describe('estimated wait', () => {
  it('is null while no open window serves the category with a positive weight', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0);
    expect(engine.estimate(t.id, T0)).toEqual({ peopleAhead: 0, estimatedWaitMinutes: null });
    openWindows(engine, ['w3'], T0);
    expect(engine.estimate(t.id, T0).estimatedWaitMinutes).toBeNull();
  });

  it('= people ahead × default minutes ÷ open windows serving it (paused ones do not count)', () => {
    const engine = hall();
    for (let i = 0; i < 6; i++) issue(engine, 'a', T0 + i);
    const last = issue(engine, 'a', T0 + 10);
    openWindows(engine, ['w1', 'w2', 'w3'], T0);
    expect(engine.estimate(last.id, T0 + MINUTE)).toEqual({ peopleAhead: 6, estimatedWaitMinutes: 30 });
    engine.pause('w2', '午休', clerkActor('clerk-w2'), T0 + MINUTE);
    expect(engine.estimate(last.id, T0 + MINUTE)).toEqual({ peopleAhead: 6, estimatedWaitMinutes: 60 });
  });

  it('uses the mean of recent service times when there are any, rounded up to whole minutes', () => {
    const engine = hall({ a: [4, 5, 6, 7] });
    openWindows(engine, ['w1', 'w2'], T0);
    for (let i = 0; i < 3; i++) issue(engine, 'a', T0 + i);
    // 3 ahead × 5.5 min ÷ 2 windows = 8.25 → 9
    expect(engine.estimateForNew('a', false, T0 + MINUTE)).toEqual({ peopleAhead: 3, estimatedWaitMinutes: 9 });
  });

  it('for a new priority ticket counts only the priority lane and active appointments', () => {
    const engine = hall();
    openWindows(engine, ['w1'], T0);
    issue(engine, 'a', T0);
    issue(engine, 'a', T0, { priority: true });
    issue(engine, 'a', T0, { appointment: appointment(T0, T0) });
    expect(engine.estimateForNew('a', true, T0 + MINUTE)).toEqual({ peopleAhead: 2, estimatedWaitMinutes: 20 });
    expect(engine.estimateForNew('a', false, T0 + MINUTE)).toEqual({ peopleAhead: 3, estimatedWaitMinutes: 30 });
  });

  it('the helpers: mean or default, ceiling, ring of 20', () => {
    expect(averageServiceMinutes(undefined, 8)).toBe(8);
    expect(averageServiceMinutes([], 8)).toBe(8);
    expect(averageServiceMinutes([2, 4], 8)).toBe(3);
    expect(estimateWaitMinutes(0, 10, 1)).toBe(0);
    expect(estimateWaitMinutes(1, 10, 3)).toBe(4);
    expect(estimateWaitMinutes(5, 10, 0)).toBeNull();
    const ring = Array.from({ length: 20 }, (_, i) => i);
    expect(pushRecent(ring, 99)).toEqual([...ring.slice(1), 99]);
    expect(ring).toHaveLength(20);
  });
});

describe('category stats', () => {
  it('fills every field the kiosk shows', () => {
    const engine = hall();
    openWindows(engine, ['w1', 'w2'], T0);
    const clerk = clerkActor('clerk-w1');
    issue(engine, 'a', T0);
    issue(engine, 'a', T0 + MINUTE);
    issue(engine, 'a', T0 + 2 * MINUTE);
    engine.callNext('w1', clerk, T0 + 3 * MINUTE);
    expect(engine.stats('a', T0 + 4 * MINUTE)).toEqual({
      categoryId: 'a',
      waiting: 2,
      issuedToday: 3,
      estimatedWaitMinutes: 10, // 2 ahead × 10 min ÷ 2 windows
      openWindows: 2,
      oldestWaitingSince: T0 + MINUTE,
      quotaLeft: 47,
    });
    expect(engine.stats('b', T0)).toEqual({ categoryId: 'b', waiting: 0, issuedToday: 0, estimatedWaitMinutes: 0, openWindows: 1, oldestWaitingSince: null, quotaLeft: null });
    expect(engine.allStats(T0).map((s) => s.categoryId)).toEqual(['a', 'b']);
    expectHallError(() => engine.stats('zz', T0), 'CATEGORY_NOT_FOUND');
  });

  it('a later day shows fresh counters before the day has turned', () => {
    const engine = hall();
    issue(engine, 'a', T0);
    expect(engine.stats('a', at('09:00', '2026-11-24'))).toMatchObject({ issuedToday: 0, quotaLeft: 50 });
  });
});

describe('day turn', () => {
  function busyHall() {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A')], windows: [window('w1', 1, { a: 1 }), window('w2', 2, { a: 1 }), window('w3', 3, { a: 1 })] }));
    openWindows(engine, ['w1', 'w2', 'w3'], T0);
    const ids = ['serving', 'held', 'called', 'noshow', 'waiting', 'prio'];
    for (const id of ids) issue(engine, 'a', T0, { ticketId: id, priority: id === 'prio' });
    const c = (w: string) => clerkActor(`clerk-${w}`);
    engine.callTicket('w1', 'serving', '', c('w1'), T0 + MINUTE);
    engine.start('w1', c('w1'), T0 + MINUTE);
    engine.callTicket('w2', 'held', '', c('w2'), T0 + MINUTE);
    engine.start('w2', c('w2'), T0 + MINUTE);
    engine.hold('w2', c('w2'), T0 + MINUTE);
    engine.callTicket('w2', 'noshow', '', c('w2'), T0 + MINUTE);
    engine.noShow('w2', c('w2'), T0 + MINUTE);
    engine.callNext('w3', c('w3'), T0 + MINUTE); // the priority ticket: streak 1
    engine.callTicket('w2', 'called', '', c('w2'), T0 + MINUTE);
    return engine;
  }

  it('expires waiting, called and held tickets, keeps serving ones, forgets no-shows and resets counters and streaks', () => {
    const engine = busyHall();
    expect(engine.windowState('w3')?.priorityStreak).toBe(1);
    const events = engine.rollover(at('00:00', '2026-11-24'));
    expect(events.map((e) => [e.type, e.ticket?.id])).toEqual([
      ['ticket:expired', 'held'],
      ['ticket:expired', 'called'],
      ['ticket:expired', 'waiting'],
      ['ticket:expired', 'prio'],
      ['day:started', undefined],
    ]);
    for (const e of events) expect(e).toMatchObject({ actor: { kind: 'system' }, hallDay: '2026-11-24', at: at('00:00', '2026-11-24') });
    expect(events[1]?.window).toMatchObject({ windowId: 'w2', currentTicketId: null, priorityStreak: 0 });
    expect(events[3]?.window).toMatchObject({ windowId: 'w3', currentTicketId: null, priorityStreak: 0 });
    expect(events.at(-1)?.detail?.windows).toEqual(engine.windowStates());
    expect(events.at(-1)?.detail).toMatchObject({ previousDay: '2026-11-23' });
    expect(engine.hallDay).toBe('2026-11-24');
    expect(engine.openTickets().map((t) => [t.id, t.state, t.windowId])).toEqual([['serving', 'serving', 'w1']]);
    expect(engine.currentTicket('w1')?.id).toBe('serving');
    expect(engine.ticket('noshow')).toBeUndefined();
    expect(engine.windowStates().map((w) => w.priorityStreak)).toEqual([0, 0, 0]);
    expect(engine.snapshot().counters).toEqual({});
    expect(engine.rollover(at('08:00', '2026-11-24'))).toEqual([]);
  });

  it('never turns back: a clock stepping back across midnight changes nothing', () => {
    const engine = busyHall();
    engine.rollover(at('00:00', '2026-11-24'));
    expect(engine.rollover(at('23:59', '2026-11-23'))).toEqual([]);
    expect(engine.hallDay).toBe('2026-11-24');
  });

  it('an engine started from an older day turns it on the first command', () => {
    const engine = newEngine(hallConfig(), '2026-11-20');
    const events = engine.issue({ categoryId: 'a', personKey: null, priority: false, appointment: null, source: 'kiosk', issuedBy: 'k', ticketId: 'x', publicToken: 'x' }, T0);
    expect(events.map((e) => e.type)).toEqual(['day:started', 'ticket:issued']);
    expect(events[1]?.ticket?.hallDay).toBe('2026-11-23');
  });
});
