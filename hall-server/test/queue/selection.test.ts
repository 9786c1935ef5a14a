import { describe, expect, it } from 'vitest';
import { orderForWindow, selectNext } from '../../src/queue/index.ts';
import type { SelectionContext, Ticket } from '../../src/queue/index.ts';
import { appointment, at, calledTicket, category, clerkActor, hallConfig, issue, makeTicket, MINUTE, newEngine, openWindows, window } from './builders.ts';

const NOW = at('10:00');
const ago = (minutes: number) => NOW - minutes * MINUTE;

function ctx(overrides: Partial<SelectionContext> = {}): SelectionContext {
  return {
    windowId: 'w1',
    weights: new Map([
      ['a', 1],
      ['b', 1],
    ]),
    now: NOW,
    priorityStreak: 0,
    priorityStreakLimit: 3,
    appointmentLateMinutes: 15,
    ...overrides,
  };
}

function pick(tickets: Ticket[], overrides: Partial<SelectionContext> = {}): string | undefined {
  return selectNext(tickets, ctx(overrides))?.ticket.id;
}

describe('candidates for window W', () => {
  it('only waiting tickets of categories W serves, plus those sent to W itself', () => {
    const tickets = [
      makeTicket('t1', { categoryId: 'c', queueAt: ago(60) }), // not served by W
      makeTicket('t2', { targetWindowId: 'w2', queueAt: ago(50) }), // sent to another window
      makeTicket('t3', { state: 'called', queueAt: ago(40) }),
      makeTicket('t4', { state: 'no_show', queueAt: ago(40) }),
      makeTicket('t5', { queueAt: ago(1) }),
      makeTicket('t6', { categoryId: 'c', targetWindowId: 'w1', queueAt: ago(0) }), // sent to W
    ];
    expect(orderForWindow(tickets, ctx()).map((t) => t.id)).toEqual(['t6', 't5']);
  });

  it('none: undefined', () => {
    expect(selectNext([makeTicket('t1', { categoryId: 'c' })], ctx())).toBeUndefined();
    expect(selectNext([], ctx())).toBeUndefined();
  });
});

describe('selection order', () => {
  it('rule 1: a ticket sent to W goes before anything else', () => {
    const tickets = [
      makeTicket('t1', { priority: true, queueAt: ago(90) }),
      makeTicket('t2', { appointment: appointment(ago(10), ago(20)), queueAt: ago(20) }),
      makeTicket('t3', { targetWindowId: 'w1', queueAt: ago(1) }),
    ];
    expect(selectNext(tickets, ctx())).toMatchObject({ ticket: { id: 't3' }, lane: 'targeted' });
  });

  it('rule 2: a checked-in appointment whose slot began goes before priority and older tickets', () => {
    const tickets = [makeTicket('t1', { priority: true, queueAt: ago(90) }), makeTicket('t2', { appointment: appointment(ago(5), ago(20)), queueAt: ago(20) })];
    expect(selectNext(tickets, ctx())).toMatchObject({ ticket: { id: 't2' }, lane: 'appointment' });
  });

  it.each([
    ['slot not begun yet', appointment(NOW + MINUTE, ago(10)), 't1'],
    ['slot begins now', appointment(NOW, ago(10)), 't2'],
    ['checked in at the lateness limit', appointment(ago(30), ago(15)), 't2'],
    ['checked in after the lateness limit', appointment(ago(30), ago(15) + 1), 't1'],
  ])('rule 2, %s', (_label, ap, expected) => {
    const tickets = [makeTicket('t1', { queueAt: ago(60) }), makeTicket('t2', { appointment: ap, queueAt: ago(10) })];
    expect(pick(tickets)).toBe(expected);
  });

  it('rule 2: active appointments go by slot start, not by check-in or queue time', () => {
    const tickets = [
      makeTicket('t1', { appointment: appointment(ago(10), ago(12)), queueAt: ago(12) }),
      makeTicket('t2', { appointment: appointment(ago(20), ago(5)), queueAt: ago(5) }),
    ];
    expect(orderForWindow(tickets, ctx()).map((t) => t.id)).toEqual(['t2', 't1']);
  });

  it('rule 3: the priority lane goes before older normal tickets', () => {
    const tickets = [makeTicket('t1', { queueAt: ago(60) }), makeTicket('t2', { priority: true, queueAt: ago(1) })];
    expect(selectNext(tickets, ctx())).toMatchObject({ ticket: { id: 't2' }, lane: 'priority' });
  });

  it.each([
    [0, 'p1'],
    [2, 'p1'],
    [3, 'n2'],
    [7, 'n2'],
  ])('rule 3 streak limit 3: after %i priority calls the pick is %s', (streak, expected) => {
    const tickets = [
      makeTicket('p1', { priority: true, queueAt: ago(30) }),
      makeTicket('n1', { categoryId: 'b', queueAt: ago(50) }),
      makeTicket('n2', { queueAt: ago(40) }),
    ];
    // At W, b weighs 0.5, so the best normal ticket is n2 (score 40) rather than the older n1 (25).
    const weights = new Map([
      ['a', 1],
      ['b', 0.5],
    ]);
    expect(pick(tickets, { priorityStreak: streak, weights })).toBe(expected);
  });

  it('rule 3 streak limit: with no normal ticket waiting, priority continues', () => {
    const tickets = [makeTicket('p1', { priority: true, queueAt: ago(1) }), makeTicket('p2', { priority: true, queueAt: ago(5) })];
    expect(selectNext(tickets, ctx({ priorityStreak: 5 }))).toMatchObject({ ticket: { id: 'p2' }, lane: 'priority' });
  });

  it('rule 4: weight 0 means only when nothing else waits', () => {
    const weights = new Map([
      ['a', 1],
      ['b', 0],
    ]);
    const old0 = makeTicket('t1', { categoryId: 'b', queueAt: ago(120) });
    const fresh = makeTicket('t2', { queueAt: NOW });
    expect(pick([old0, fresh], { weights })).toBe('t2');
    expect(pick([old0], { weights })).toBe('t1');
    // Weight 0 is a gate, not a score: even a priority ticket of a weight-0 category waits
    // while anything this window weighs positively waits…
    expect(pick([makeTicket('t3', { categoryId: 'b', priority: true }), fresh], { weights })).toBe('t2');
    // …and within the weight-0 overflow, the priority lane still goes first.
    expect(pick([makeTicket('t3', { categoryId: 'b', priority: true }), old0], { weights })).toBe('t3');
  });

  it.each([
    // [a weight, a waited, b weight, b waited, expected]
    [1, 10, 2, 6, 'tb'], // 10 < 12
    [1, 13, 2, 6, 'ta'], // 13 > 12
    [3, 2, 1, 5, 'ta'], // 6 > 5
    [0.5, 30, 1, 14, 'ta'], // 15 > 14
  ])('rule 4: score = weight × minutes waited (a %d×%d vs b %d×%d → %s)', (wa, ma, wb, mb, expected) => {
    const weights = new Map([
      ['a', wa],
      ['b', wb],
    ]);
    const tickets = [makeTicket('ta', { queueAt: ago(ma) }), makeTicket('tb', { categoryId: 'b', queueAt: ago(mb) })];
    expect(pick(tickets, { weights })).toBe(expected);
  });

  it('rule 5: equal scores go by earlier queue time, then lower number, then id', () => {
    const weights = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    // a: 1 × 10 = 10; b: 2 × 5 = 10; a queued earlier.
    expect(pick([makeTicket('t2', { categoryId: 'b', queueAt: ago(5) }), makeTicket('t9', { queueAt: ago(10) })], { weights })).toBe('t9');
    expect(pick([makeTicket('t7', { queueAt: ago(3) }), makeTicket('t4', { categoryId: 'b', queueAt: ago(3) })])).toBe('t4');
    expect(pick([makeTicket('x2', { serial: 5 }), makeTicket('x1', { serial: 5 })])).toBe('x1');
  });

  it('does not depend on the order candidates are given in', () => {
    const tickets = [
      makeTicket('t1', { queueAt: ago(3) }),
      makeTicket('t2', { priority: true, queueAt: ago(2) }),
      makeTicket('t3', { categoryId: 'b', queueAt: ago(9) }),
      makeTicket('t4', { appointment: appointment(ago(1), ago(4)) }),
    ];
    const expected = orderForWindow(tickets, ctx()).map((t) => t.id);
    expect(expected).toEqual(['t4', 't2', 't3', 't1']);
    expect(orderForWindow([...tickets].reverse(), ctx()).map((t) => t.id)).toEqual(expected);
    expect(pick([...tickets].reverse())).toBe('t4');
  });
});

describe('priority streak at a window', () => {
  function hall() {
    const engine = newEngine(hallConfig({ categories: [category('a', 'A')], windows: [window('w1', 1, { a: 1 }), window('desk', 2, {})] }));
    openWindows(engine, ['w1', 'desk'], at('09:00'));
    return engine;
  }
  const clerk = clerkActor('clerk-w1');

  it('after 3 consecutive priority calls the oldest normal ticket goes first, then priority resumes', () => {
    const engine = hall();
    const t = (id: string, priority: boolean, minute: number) => issue(engine, 'a', at('09:00') + minute * MINUTE, { ticketId: id, priority });
    t('n1', false, 0);
    t('n2', false, 1);
    for (let i = 1; i <= 5; i++) t(`p${i}`, true, 1 + i);
    const calls: Array<[string, number]> = [];
    for (let i = 0; i < 7; i++) {
      const events = engine.callNext('w1', clerk, at('09:30') + i * MINUTE, i > 0 ? 'finish' : undefined);
      calls.push([calledTicket(events).id, events.at(-1)?.window?.priorityStreak ?? -1]);
    }
    expect(calls).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 3],
      ['n1', 0],
      ['p4', 1],
      ['p5', 2],
      ['n2', 0],
    ]);
  });

  it('an out-of-order call leaves the streak alone; a call of a ticket sent to W resets it', () => {
    const engine = hall();
    for (let i = 1; i <= 3; i++) issue(engine, 'a', at('09:00'), { ticketId: `p${i}`, priority: true });
    issue(engine, 'a', at('09:00'), { ticketId: 'n1' });
    engine.callNext('w1', clerk, at('09:10'));
    engine.callNext('w1', clerk, at('09:11'), 'finish');
    engine.callTicket('w1', 'p3', '特殊情况', clerk, at('09:12'), 'finish');
    expect(engine.windowState('w1')?.priorityStreak).toBe(2);
    engine.transfer('w1', { toWindowId: 'w1', note: '稍后继续' }, clerk, at('09:13'));
    const [called] = engine.callNext('w1', clerk, at('09:14'));
    expect(called).toMatchObject({ ticket: { id: 'p3' }, detail: { lane: 'targeted' }, window: { priorityStreak: 0 } });
  });
});
