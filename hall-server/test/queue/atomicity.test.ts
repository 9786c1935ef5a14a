import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '@hall/common/errors';
import type { QueueEngine } from '../../src/queue/index.ts';
import { at, category, clerkActor, expectHallError, hallConfig, issue, issueInput, MINUTE, newEngine, observe, openWindows, window } from './builders.ts';

const T0 = at('09:00');
const clerk = clerkActor('clerk-w1');

/** A hall in the middle of a morning: something in every state. */
function busyHall(): QueueEngine {
  const engine = newEngine(
    hallConfig({
      settings: { recallLimit: 1 },
      categories: [category('a', 'A', { dailyQuota: 6, identityRequired: false }), category('b', 'B', { identityRequired: true })],
      windows: [window('w1', 1, { a: 1, b: 1 }), window('w2', 2, { a: 1 }), window('w3', 3, { a: 1 }), window('w4', 4, { b: 1 })],
    }),
  );
  openWindows(engine, ['w1', 'w2', 'w3', 'w4'], T0);
  for (let i = 1; i <= 6; i++) issue(engine, 'a', T0 + i * 1000, { ticketId: `a${i}`, personKey: `p${i}` });
  engine.callTicket('w1', 'a1', '', clerk, T0 + MINUTE);
  engine.recall('w1', clerk, T0 + MINUTE);
  engine.callTicket('w2', 'a2', '', clerkActor('clerk-w2'), T0 + MINUTE);
  engine.start('w2', clerkActor('clerk-w2'), T0 + MINUTE);
  engine.callTicket('w3', 'a3', '', clerkActor('clerk-w3'), T0 + MINUTE);
  engine.noShow('w3', clerkActor('clerk-w3'), T0 + MINUTE);
  engine.callTicket('w3', 'a4', '', clerkActor('clerk-w3'), T0 + MINUTE);
  engine.start('w3', clerkActor('clerk-w3'), T0 + MINUTE);
  engine.hold('w3', clerkActor('clerk-w3'), T0 + MINUTE);
  engine.pause('w4', '午休', clerkActor('clerk-w4'), T0 + MINUTE);
  return engine;
}

const NOW = T0 + 5 * MINUTE;
type Step = (e: QueueEngine) => unknown;
const none: Step = () => undefined;
const cancelWaiting: Step = (e) => {
  e.cancel('a5', '', clerk, NOW);
  e.cancel('a6', '', clerk, NOW);
};

// Each row: what is refused, a succeeding setup step, the refused command, its code.
const failing: Array<[string, Step, Step, ErrorCode]> = [
  ['issue over quota', none, (e) => e.issue(issueInput('a'), NOW), 'QUOTA_EXHAUSTED'],
  ['issue without identity', none, (e) => e.issue(issueInput('b'), NOW), 'IDENTITY_REQUIRED'],
  ['issue a second ticket to a person', (e) => e.issue(issueInput('b', { personKey: 'p5' }), NOW), (e) => e.issue(issueInput('b', { personKey: 'p5' }), NOW), 'ALREADY_WAITING'],
  ['issue at lunch', none, (e) => e.issue(issueInput('b', { personKey: 'x' }), at('12:30')), 'CATEGORY_CLOSED'],
  ['issue on a later day at lunch (the day turn is undone too)', none, (e) => e.issue(issueInput('b', { personKey: 'x' }), at('12:30', '2026-11-24')), 'CATEGORY_CLOSED'],
  ['callNext on a later day at a paused window', none, (e) => e.callNext('w4', clerkActor('clerk-w4'), at('09:00', '2026-11-24')), 'WINDOW_NOT_OPEN'],
  ['callNext with an open ticket', none, (e) => e.callNext('w1', clerk, NOW), 'TICKET_OPEN'],
  ['callNext finishing the current ticket when nothing waits', cancelWaiting, (e) => e.callNext('w1', clerk, NOW, 'finish'), 'NO_TICKET_WAITING'],
  ['callNext no-showing a serving ticket', none, (e) => e.callNext('w2', clerkActor('clerk-w2'), NOW, 'no_show'), 'INVALID_TRANSITION'],
  ['callTicket of a held ticket', none, (e) => e.callTicket('w1', 'a4', '', clerk, NOW, 'finish'), 'INVALID_TRANSITION'],
  ['callTicket of a category the window does not serve', (e) => e.resume('w4', clerkActor('clerk-w4'), NOW), (e) => e.callTicket('w4', 'a5', '', clerkActor('clerk-w4'), NOW), 'CATEGORY_NOT_SERVED'],
  ['recall past the limit', none, (e) => e.recall('w1', clerk, NOW), 'RECALL_LIMIT'],
  ['start a serving ticket', none, (e) => e.start('w2', clerkActor('clerk-w2'), NOW), 'INVALID_TRANSITION'],
  ['hold a called ticket', none, (e) => e.hold('w1', clerk, NOW), 'INVALID_TRANSITION'],
  ['callBack at another window', none, (e) => e.callBack('w2', 'a4', clerkActor('clerk-w2'), NOW), 'INVALID_TRANSITION'],
  ['transfer to an unknown window', none, (e) => e.transfer('w2', { toCategoryId: 'b', toWindowId: 'nope', note: '' }, clerkActor('clerk-w2'), NOW), 'WINDOW_NOT_FOUND'],
  ['reactivate a waiting ticket', none, (e) => e.reactivate('a5', clerk, NOW), 'INVALID_TRANSITION'],
  ['cancel a called ticket', none, (e) => e.cancel('a1', '', clerk, NOW), 'INVALID_TRANSITION'],
  ['sign out with an open ticket', none, (e) => e.signOut('w1', clerk, NOW), 'TICKET_OPEN'],
  ['sign in at an occupied window', none, (e) => e.signIn('w1', { id: 'other', name: '' }, NOW), 'WINDOW_OCCUPIED'],
  ['sign in a clerk signed in elsewhere', (e) => e.signOut('w4', clerkActor('clerk-w4'), NOW), (e) => e.signIn('w4', { id: 'clerk-w1', name: '' }, NOW), 'WINDOW_ALREADY_SIGNED_IN'],
];

describe('a refused command leaves the engine unchanged', () => {
  it.each(failing)('%s', (_label, setup, run, code) => {
    const engine = busyHall();
    setup(engine);
    const before = observe(engine, NOW);
    expectHallError(() => run(engine), code);
    expect(observe(engine, NOW)).toEqual(before);
    expect(engine.hallDay).toBe('2026-11-23');
  });
});
