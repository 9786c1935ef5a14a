import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '@hall/common/errors';
import type { HallSettings, TicketState } from '@hall/common/domain';
import type { QueueEngine, Ticket } from '../../src/queue/index.ts';
import { at, calledTicket, category, clerkActor, expectHallError, hallConfig, issue, MINUTE, newEngine, openWindows, window } from './builders.ts';

const clerk = clerkActor('clerk-w1');
const T0 = at('09:00');

function hall(settings: Partial<HallSettings> = {}): QueueEngine {
  const engine = newEngine(
    hallConfig({
      settings,
      categories: [category('a', 'A'), category('b', 'B'), category('off', 'O', { enabled: false })],
      windows: [window('w1', 1, { a: 1, b: 1 }), window('w2', 2, { a: 1 }), window('desk', 9, {})],
    }),
  );
  openWindows(engine, ['w1', 'w2', 'desk'], T0);
  return engine;
}

/** A ticket brought into `state` at window w1 (or waiting in category a). */
function ticketIn(engine: QueueEngine, state: TicketState): Ticket {
  const t = issue(engine, 'a', T0);
  if (state === 'waiting') return t;
  engine.callTicket('w1', t.id, '测试', clerk, T0 + MINUTE);
  if (state === 'no_show') engine.noShow('w1', clerk, T0 + 2 * MINUTE);
  if (state === 'serving' || state === 'held') engine.start('w1', clerk, T0 + 2 * MINUTE);
  if (state === 'held') engine.hold('w1', clerk, T0 + 3 * MINUTE);
  return engine.ticket(t.id) ?? t;
}

type Action = (engine: QueueEngine, ticketId: string, now: number) => unknown;

const actions: Record<string, Action> = {
  callTicket: (e, id, now) => e.callTicket('w1', id, '窗口调度', clerk, now),
  recall: (e, _id, now) => e.recall('w1', clerk, now),
  start: (e, _id, now) => e.start('w1', clerk, now),
  finish: (e, _id, now) => e.finish('w1', clerk, now),
  noShow: (e, _id, now) => e.noShow('w1', clerk, now),
  hold: (e, _id, now) => e.hold('w1', clerk, now),
  callBack: (e, id, now) => e.callBack('w1', id, clerk, now),
  transfer: (e, _id, now) => e.transfer('w1', { toCategoryId: 'b', note: '转办' }, clerk, now),
  reactivate: (e, id, now) => e.reactivate(id, clerk, now),
  cancel: (e, id, now) => e.cancel(id, '取消', clerk, now),
};

// Each row: from state, action, resulting state ('gone' = left memory) or error code. Actions
// on "the window's current ticket" find none when the ticket is not called/serving at w1.
const table: Array<[TicketState, keyof typeof actions, TicketState | 'gone' | ErrorCode]> = [
  ['waiting', 'callTicket', 'called'],
  ['waiting', 'recall', 'TICKET_NOT_FOUND'],
  ['waiting', 'start', 'TICKET_NOT_FOUND'],
  ['waiting', 'finish', 'TICKET_NOT_FOUND'],
  ['waiting', 'noShow', 'TICKET_NOT_FOUND'],
  ['waiting', 'hold', 'TICKET_NOT_FOUND'],
  ['waiting', 'callBack', 'INVALID_TRANSITION'],
  ['waiting', 'transfer', 'TICKET_NOT_FOUND'],
  ['waiting', 'reactivate', 'INVALID_TRANSITION'],
  ['waiting', 'cancel', 'gone'],
  ['called', 'callTicket', 'INVALID_TRANSITION'],
  ['called', 'recall', 'called'],
  ['called', 'start', 'serving'],
  ['called', 'finish', 'gone'],
  ['called', 'noShow', 'no_show'],
  ['called', 'hold', 'INVALID_TRANSITION'],
  ['called', 'callBack', 'INVALID_TRANSITION'],
  ['called', 'transfer', 'waiting'],
  ['called', 'reactivate', 'INVALID_TRANSITION'],
  ['called', 'cancel', 'INVALID_TRANSITION'],
  ['serving', 'callTicket', 'INVALID_TRANSITION'],
  ['serving', 'recall', 'called'],
  ['serving', 'start', 'INVALID_TRANSITION'],
  ['serving', 'finish', 'gone'],
  ['serving', 'noShow', 'INVALID_TRANSITION'],
  ['serving', 'hold', 'held'],
  ['serving', 'callBack', 'INVALID_TRANSITION'],
  ['serving', 'transfer', 'waiting'],
  ['serving', 'reactivate', 'INVALID_TRANSITION'],
  ['serving', 'cancel', 'INVALID_TRANSITION'],
  ['held', 'callTicket', 'INVALID_TRANSITION'],
  ['held', 'recall', 'TICKET_NOT_FOUND'],
  ['held', 'start', 'TICKET_NOT_FOUND'],
  ['held', 'finish', 'TICKET_NOT_FOUND'],
  ['held', 'noShow', 'TICKET_NOT_FOUND'],
  ['held', 'hold', 'TICKET_NOT_FOUND'],
  ['held', 'callBack', 'called'],
  ['held', 'transfer', 'TICKET_NOT_FOUND'],
  ['held', 'reactivate', 'INVALID_TRANSITION'],
  ['held', 'cancel', 'INVALID_TRANSITION'],
  ['no_show', 'callTicket', 'INVALID_TRANSITION'],
  ['no_show', 'recall', 'TICKET_NOT_FOUND'],
  ['no_show', 'start', 'TICKET_NOT_FOUND'],
  ['no_show', 'finish', 'TICKET_NOT_FOUND'],
  ['no_show', 'noShow', 'TICKET_NOT_FOUND'],
  ['no_show', 'hold', 'TICKET_NOT_FOUND'],
  ['no_show', 'callBack', 'INVALID_TRANSITION'],
  ['no_show', 'transfer', 'TICKET_NOT_FOUND'],
  ['no_show', 'reactivate', 'waiting'],
  ['no_show', 'cancel', 'INVALID_TRANSITION'],
];

describe('ticket state machine', () => {
  it.each(table)('%s --%s--> %s', (from, action, expected) => {
    const engine = hall();
    const ticket = ticketIn(engine, from);
    expect(ticket.state).toBe(from);
    const run = () => actions[action]!(engine, ticket.id, T0 + 10 * MINUTE);
    if (expected === 'gone') {
      run();
      expect(engine.ticket(ticket.id)).toBeUndefined();
    } else if (expected === expected.toLowerCase()) {
      run();
      expect(engine.ticket(ticket.id)?.state).toBe(expected);
    } else {
      expectHallError(run, expected as ErrorCode);
      expect(engine.ticket(ticket.id)?.state).toBe(from);
    }
  });

  it('finished, cancelled and expired tickets have left memory: TICKET_NOT_FOUND', () => {
    const engine = hall();
    const t = ticketIn(engine, 'waiting');
    engine.cancel(t.id, '', clerk, T0 + MINUTE);
    expectHallError(() => engine.cancel(t.id, '', clerk, T0 + 2 * MINUTE), 'TICKET_NOT_FOUND');
    expectHallError(() => engine.reactivate(t.id, clerk, T0 + 2 * MINUTE), 'TICKET_NOT_FOUND');
    expectHallError(() => engine.callTicket('w1', t.id, '', clerk, T0 + 2 * MINUTE), 'TICKET_NOT_FOUND');
  });
});

describe('calling', () => {
  it('a call sets the window, call time and the window current ticket', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0);
    const events = engine.callNext('w1', clerk, T0 + MINUTE);
    expect(events.map((e) => e.type)).toEqual(['ticket:called']);
    expect(events[0]).toMatchObject({
      actor: clerk,
      at: T0 + MINUTE,
      hallDay: '2026-11-23',
      ticket: { id: t.id, state: 'called', windowId: 'w1', calledAt: T0 + MINUTE },
      window: { windowId: 'w1', currentTicketId: t.id },
      detail: { mode: 'next', lane: 'normal' },
    });
    expect(engine.currentTicket('w1')?.id).toBe(t.id);
  });

  it('refuses with NO_TICKET_WAITING when nothing waits for the window', () => {
    const engine = hall();
    issue(engine, 'b', T0);
    expectHallError(() => engine.callNext('w2', clerk, T0 + MINUTE), 'NO_TICKET_WAITING');
  });

  it('never closes an open ticket silently: TICKET_OPEN without a choice', () => {
    const engine = hall();
    issue(engine, 'a', T0);
    const second = issue(engine, 'a', T0);
    engine.callNext('w1', clerk, T0 + MINUTE);
    expectHallError(() => engine.callNext('w1', clerk, T0 + 2 * MINUTE), 'TICKET_OPEN');
    expectHallError(() => engine.callTicket('w1', second.id, '', clerk, T0 + 2 * MINUTE), 'TICKET_OPEN');
  });

  it.each([
    ['finish', 'ticket:finished'],
    ['no_show', 'ticket:noShow'],
  ] as const)('with closeCurrent %s emits %s, then the call', (choice, type) => {
    const engine = hall();
    const first = issue(engine, 'a', T0);
    const second = issue(engine, 'a', T0 + 1);
    engine.callNext('w1', clerk, T0 + MINUTE);
    const events = engine.callNext('w1', clerk, T0 + 2 * MINUTE, choice);
    expect(events.map((e) => e.type)).toEqual([type, 'ticket:called']);
    expect(events[0]?.ticket?.id).toBe(first.id);
    expect(events[0]?.window?.currentTicketId).toBeNull();
    expect(calledTicket(events).id).toBe(second.id);
    expect(engine.currentTicket('w1')?.id).toBe(second.id);
  });

  it('closeCurrent no_show on a serving ticket is refused (INVALID_TRANSITION)', () => {
    const engine = hall();
    issue(engine, 'a', T0);
    issue(engine, 'a', T0 + 1);
    engine.callNext('w1', clerk, T0 + MINUTE);
    engine.start('w1', clerk, T0 + 2 * MINUTE);
    expectHallError(() => engine.callNext('w1', clerk, T0 + 3 * MINUTE, 'no_show'), 'INVALID_TRANSITION');
  });

  it('closeCurrent with nothing waiting changes nothing (NO_TICKET_WAITING)', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0);
    engine.callNext('w1', clerk, T0 + MINUTE);
    expectHallError(() => engine.callNext('w1', clerk, T0 + 2 * MINUTE, 'finish'), 'NO_TICKET_WAITING');
    expect(engine.currentTicket('w1')?.id).toBe(t.id);
  });

  it('an out-of-order call is audited with its reason', () => {
    const engine = hall();
    issue(engine, 'a', T0);
    const later = issue(engine, 'a', T0 + MINUTE);
    const events = engine.callTicket('w1', later.id, '老人行动不便', clerk, T0 + 2 * MINUTE);
    expect(events[0]?.detail).toEqual({ mode: 'manual', reason: '老人行动不便' });
  });

  it('an out-of-order call of a category the window does not serve: CATEGORY_NOT_SERVED', () => {
    const engine = hall();
    const b = issue(engine, 'b', T0);
    expectHallError(() => engine.callTicket('w2', b.id, '', clerk, T0 + MINUTE), 'CATEGORY_NOT_SERVED');
  });

  it('a ticket sent to one window cannot be called by another, but can by that window', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0);
    engine.callTicket('w1', t.id, '', clerk, T0 + MINUTE);
    engine.transfer('w1', { toWindowId: 'desk', note: '后台审核' }, clerk, T0 + 2 * MINUTE);
    expectHallError(() => engine.callTicket('w2', t.id, '', clerk, T0 + 3 * MINUTE), 'CATEGORY_NOT_SERVED');
    expect(engine.callTicket('desk', t.id, '', clerk, T0 + 3 * MINUTE)[0]?.ticket?.windowId).toBe('desk');
  });
});

describe('recall', () => {
  it('counts recalls and refuses past the limit with RECALL_LIMIT', () => {
    const engine = hall();
    ticketIn(engine, 'called');
    for (let i = 1; i <= 3; i++) {
      const [e] = engine.recall('w1', clerk, T0 + (10 + i) * MINUTE);
      expect(e).toMatchObject({ type: 'ticket:recalled', ticket: { recallCount: i }, detail: { recallCount: i } });
    }
    expectHallError(() => engine.recall('w1', clerk, T0 + 20 * MINUTE), 'RECALL_LIMIT');
  });

  it('with a limit of 0 no recall is allowed', () => {
    const engine = hall({ recallLimit: 0 });
    ticketIn(engine, 'called');
    expectHallError(() => engine.recall('w1', clerk, T0 + 10 * MINUTE), 'RECALL_LIMIT');
  });

  it('recalling a serving ticket makes it called again and keeps its first start', () => {
    const engine = hall();
    const t = ticketIn(engine, 'serving');
    engine.recall('w1', clerk, T0 + 10 * MINUTE);
    engine.start('w1', clerk, T0 + 12 * MINUTE);
    expect(engine.ticket(t.id)).toMatchObject({ state: 'serving', startedAt: T0 + 2 * MINUTE, recallCount: 1 });
  });
});

describe('finish and service times', () => {
  it('records minutes from the start, or from the call when never started', () => {
    const engine = hall();
    ticketIn(engine, 'serving'); // called at +1, started at +2
    const [finished] = engine.finish('w1', clerk, T0 + 14 * MINUTE);
    expect(finished).toMatchObject({ type: 'ticket:finished', ticket: { state: 'finished', finishedAt: T0 + 14 * MINUTE }, detail: { serviceMinutes: 12 } });
    ticketIn(engine, 'called'); // called at +1
    engine.finish('w1', clerk, T0 + 4 * MINUTE);
    expect(engine.snapshot().recentServiceMinutes.a).toEqual([12, 3]);
  });

  it('keeps only the last 20 durations per category', () => {
    const engine = hall();
    for (let i = 1; i <= 25; i++) {
      const t = issue(engine, 'a', T0);
      engine.callTicket('w1', t.id, '', clerk, T0);
      engine.finish('w1', clerk, T0 + i * MINUTE);
    }
    expect(engine.snapshot().recentServiceMinutes.a).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
  });
});

describe('hold and call back', () => {
  it('frees the window; the held ticket remembers it and returns there as called', () => {
    const engine = hall();
    const held = ticketIn(engine, 'held');
    expect(held).toMatchObject({ state: 'held', windowId: 'w1' });
    expect(engine.windowState('w1')?.currentTicketId).toBeNull();
    const other = issue(engine, 'a', T0 + 4 * MINUTE);
    expect(calledTicket(engine.callNext('w1', clerk, T0 + 5 * MINUTE)).id).toBe(other.id);
    expectHallError(() => engine.callBack('w1', held.id, clerk, T0 + 6 * MINUTE), 'TICKET_OPEN');
    engine.finish('w1', clerk, T0 + 7 * MINUTE);
    expectHallError(() => engine.callBack('w2', held.id, clerkActor('clerk-w2'), T0 + 8 * MINUTE), 'INVALID_TRANSITION');
    const [back] = engine.callBack('w1', held.id, clerk, T0 + 8 * MINUTE);
    expect(back).toMatchObject({ type: 'ticket:called', ticket: { state: 'called', windowId: 'w1' }, window: { currentTicketId: held.id }, detail: { mode: 'callBack' } });
  });
});

describe('reactivate a no-show', () => {
  it("'back' queues it behind the tickets issued in the next N minutes", () => {
    const engine = hall({ reactivatePosition: 'back', reactivateDelayMinutes: 5 });
    const t = ticketIn(engine, 'no_show');
    const [e] = engine.reactivate(t.id, clerk, T0 + 10 * MINUTE);
    expect(e?.ticket).toMatchObject({ state: 'waiting', queueAt: T0 + 15 * MINUTE, arrivalAt: T0, calledAt: null, recallCount: 0 });
    const soon = issue(engine, 'a', T0 + 14 * MINUTE);
    const afterDelay = issue(engine, 'a', T0 + 16 * MINUTE);
    const order = [1, 2, 3].map((i) => calledTicket(engine.callNext('w1', clerk, T0 + (20 + i) * MINUTE, i > 1 ? 'finish' : undefined)).id);
    expect(order).toEqual([soon.id, t.id, afterDelay.id]);
  });

  it('refuses when the holder has drawn a new number in the category since (one per person)', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0, { personKey: 'p1' });
    engine.callTicket('w1', t.id, '', clerk, T0 + MINUTE);
    engine.noShow('w1', clerk, T0 + 2 * MINUTE);
    const fresh = issue(engine, 'a', T0 + 3 * MINUTE, { personKey: 'p1' });
    const error = expectHallError(() => engine.reactivate(t.id, clerk, T0 + 4 * MINUTE), 'ALREADY_WAITING');
    expect(error.details).toEqual({ ticketId: fresh.id });
  });

  it("'original' gives it back its old place", () => {
    const engine = hall({ reactivatePosition: 'original' });
    const t = ticketIn(engine, 'no_show');
    issue(engine, 'a', T0 + 5 * MINUTE);
    engine.reactivate(t.id, clerk, T0 + 10 * MINUTE);
    expect(engine.ticket(t.id)?.queueAt).toBe(T0);
    expect(engine.peekNext('w1', T0 + 11 * MINUTE)?.id).toBe(t.id);
  });
});

describe('transfer', () => {
  it('to another category keeps number and arrival, queues by arrival and records the chain', () => {
    const engine = hall();
    const t = ticketIn(engine, 'serving');
    const [e] = engine.transfer('w1', { toCategoryId: 'b', note: '需补办社保' }, clerk, T0 + 10 * MINUTE);
    expect(e).toMatchObject({
      type: 'ticket:transferred',
      ticket: { state: 'waiting', number: t.number, categoryId: 'b', issueCategoryId: 'a', arrivalAt: T0, queueAt: T0, targetWindowId: null, calledAt: null, startedAt: null },
      window: { windowId: 'w1', currentTicketId: null },
    });
    expect(e?.ticket?.transfers).toEqual([{ at: T0 + 10 * MINUTE, fromCategoryId: 'a', fromWindowId: 'w1', toCategoryId: 'b', toWindowId: null, note: '需补办社保', by: 'clerk-w1' }]);
    // w2 does not serve b; w1 does.
    expect(engine.peekNext('w2', T0 + 11 * MINUTE)).toBeUndefined();
    engine.callNext('w1', clerk, T0 + 11 * MINUTE);
    const [again] = engine.transfer('w1', { toCategoryId: 'a', toWindowId: 'desk', note: '后台' }, clerk, T0 + 12 * MINUTE);
    expect(again?.ticket?.transfers.map((x) => [x.fromCategoryId, x.toCategoryId, x.toWindowId])).toEqual([
      ['a', 'b', null],
      ['b', 'a', 'desk'],
    ]);
    expect(again?.ticket?.targetWindowId).toBe('desk');
    expect(engine.peekNext('w1', T0 + 13 * MINUTE)).toBeUndefined();
    expect(engine.peekNext('desk', T0 + 13 * MINUTE)?.id).toBe(t.id);
  });

  it('refuses unknown targets', () => {
    const engine = hall();
    ticketIn(engine, 'called');
    expectHallError(() => engine.transfer('w1', { toCategoryId: 'zz', note: '' }, clerk, T0 + 5 * MINUTE), 'CATEGORY_NOT_FOUND');
    expectHallError(() => engine.transfer('w1', { toCategoryId: 'off', note: '' }, clerk, T0 + 5 * MINUTE), 'CATEGORY_NOT_FOUND');
    expectHallError(() => engine.transfer('w1', { toWindowId: 'w99', note: '' }, clerk, T0 + 5 * MINUTE), 'WINDOW_NOT_FOUND');
    expectHallError(() => engine.transfer('w1', { note: '' }, clerk, T0 + 5 * MINUTE), 'VALIDATION_FAILED');
  });
});

describe('cancel', () => {
  it('drops a waiting ticket from the queue with the reason in the event', () => {
    const engine = hall();
    const t = issue(engine, 'a', T0);
    const [e] = engine.cancel(t.id, '群众自行离开', { kind: 'citizen', id: 'phone' }, T0 + MINUTE);
    expect(e).toMatchObject({ type: 'ticket:cancelled', ticket: { state: 'cancelled' }, detail: { reason: '群众自行离开' } });
    expect(engine.peekNext('w1', T0 + MINUTE)).toBeUndefined();
    expect(engine.openTickets()).toEqual([]);
  });
});
