import { describe, expect, it } from 'vitest';
import type { QueueEngine } from '../../src/queue/index.ts';
import { at, category, clerkActor, expectHallError, hallConfig, issue, MINUTE, newEngine, window } from './builders.ts';

const T0 = at('09:00');
const zhang = { id: 'zhang', name: '张三' };
const li = { id: 'li', name: '李四' };

function hall(): QueueEngine {
  return newEngine(
    hallConfig({
      categories: [category('a', 'A')],
      windows: [window('w1', 1, { a: 1 }), window('w2', 2, { a: 1 }), window('off', 3, { a: 1 }, { enabled: false })],
    }),
  );
}

describe('windows', () => {
  it('lists one state per configured window, closed until signed in', () => {
    expect(hall().windowStates()).toEqual(
      ['w1', 'w2', 'off'].map((windowId) => ({ windowId, status: 'closed', clerkId: null, clerkName: null, pauseReason: null, currentTicketId: null, priorityStreak: 0 })),
    );
  });

  it('sign in opens the window for the clerk', () => {
    const engine = hall();
    const [e] = engine.signIn('w1', zhang, T0);
    expect(e).toMatchObject({ type: 'window:signedIn', actor: { kind: 'clerk', id: 'zhang' }, window: { status: 'open', clerkId: 'zhang', clerkName: '张三' } });
  });

  it.each([
    ['an unknown window', 'w9', 'WINDOW_NOT_FOUND'],
    ['a disabled window', 'off', 'WINDOW_NOT_FOUND'],
  ] as const)('sign in at %s: %s', (_label, windowId, code) => {
    expectHallError(() => hall().signIn(windowId, zhang, T0), code);
  });

  it('refuses a second clerk at an occupied window, and a clerk already at another window', () => {
    const engine = hall();
    engine.signIn('w1', zhang, T0);
    expectHallError(() => engine.signIn('w1', li, T0), 'WINDOW_OCCUPIED');
    expectHallError(() => engine.signIn('w2', zhang, T0), 'WINDOW_ALREADY_SIGNED_IN');
    expect(engine.signIn('w1', zhang, T0)).toEqual([]);
    engine.signOut('w1', clerkActor('zhang'), T0 + MINUTE);
    expect(engine.signIn('w2', zhang, T0 + MINUTE)[0]?.window?.clerkId).toBe('zhang');
    expect(engine.signIn('w1', li, T0 + MINUTE)[0]?.window?.clerkId).toBe('li');
  });

  it('sign out closes the window, but not while a ticket is called or served there', () => {
    const engine = hall();
    engine.signIn('w1', zhang, T0);
    issue(engine, 'a', T0);
    engine.callNext('w1', clerkActor('zhang'), T0);
    expectHallError(() => engine.signOut('w1', clerkActor('zhang'), T0 + MINUTE), 'TICKET_OPEN');
    engine.finish('w1', clerkActor('zhang'), T0 + MINUTE);
    const [e] = engine.signOut('w1', clerkActor('zhang'), T0 + 2 * MINUTE);
    expect(e).toMatchObject({ type: 'window:signedOut', window: { status: 'closed', clerkId: null, clerkName: null } });
    expectHallError(() => engine.signOut('w1', clerkActor('zhang'), T0 + 3 * MINUTE), 'WINDOW_NOT_OPEN');
  });

  it('pause stops calls with a reason; resume reopens; a closed window cannot pause', () => {
    const engine = hall();
    expectHallError(() => engine.pause('w1', '午休', clerkActor('zhang'), T0), 'WINDOW_NOT_OPEN');
    engine.signIn('w1', zhang, T0);
    issue(engine, 'a', T0);
    const [paused] = engine.pause('w1', '暂停服务：系统维护', clerkActor('zhang'), T0);
    expect(paused).toMatchObject({ type: 'window:paused', window: { status: 'paused', pauseReason: '暂停服务：系统维护' }, detail: { reason: '暂停服务：系统维护' } });
    expectHallError(() => engine.callNext('w1', clerkActor('zhang'), T0 + MINUTE), 'WINDOW_NOT_OPEN');
    expect(engine.pause('w1', '午休', clerkActor('zhang'), T0 + MINUTE)[0]?.window?.pauseReason).toBe('午休');
    const [resumed] = engine.resume('w1', clerkActor('zhang'), T0 + 2 * MINUTE);
    expect(resumed).toMatchObject({ type: 'window:resumed', window: { status: 'open', pauseReason: null } });
    expect(engine.resume('w1', clerkActor('zhang'), T0 + 2 * MINUTE)).toEqual([]);
    expect(engine.callNext('w1', clerkActor('zhang'), T0 + 3 * MINUTE)).toHaveLength(1);
  });

  it('a paused window may still close its current ticket, but not take or recall one', () => {
    const engine = hall();
    engine.signIn('w1', zhang, T0);
    issue(engine, 'a', T0);
    issue(engine, 'a', T0);
    const clerk = clerkActor('zhang');
    engine.callNext('w1', clerk, T0);
    engine.pause('w1', '离席', clerk, T0 + MINUTE);
    expectHallError(() => engine.recall('w1', clerk, T0 + MINUTE), 'WINDOW_NOT_OPEN');
    expectHallError(() => engine.start('w1', clerk, T0 + MINUTE), 'WINDOW_NOT_OPEN');
    expect(engine.noShow('w1', clerk, T0 + 2 * MINUTE)[0]?.type).toBe('ticket:noShow');
    engine.resume('w1', clerk, T0 + 3 * MINUTE);
    engine.callNext('w1', clerk, T0 + 3 * MINUTE);
    engine.pause('w1', '离席', clerk, T0 + 4 * MINUTE);
    expect(engine.finish('w1', clerk, T0 + 5 * MINUTE)[0]?.type).toBe('ticket:finished');
  });

  it.each([
    ['callNext', (e: QueueEngine) => e.callNext('w1', clerkActor(), T0)],
    ['callTicket', (e: QueueEngine) => e.callTicket('w1', 'x', '', clerkActor(), T0)],
    ['recall', (e: QueueEngine) => e.recall('w1', clerkActor(), T0)],
    ['start', (e: QueueEngine) => e.start('w1', clerkActor(), T0)],
    ['finish', (e: QueueEngine) => e.finish('w1', clerkActor(), T0)],
    ['noShow', (e: QueueEngine) => e.noShow('w1', clerkActor(), T0)],
    ['hold', (e: QueueEngine) => e.hold('w1', clerkActor(), T0)],
    ['callBack', (e: QueueEngine) => e.callBack('w1', 'x', clerkActor(), T0)],
    ['transfer', (e: QueueEngine) => e.transfer('w1', { toCategoryId: 'a', note: '' }, clerkActor(), T0)],
    ['resume', (e: QueueEngine) => e.resume('w1', clerkActor(), T0)],
  ])('%s at a closed window: WINDOW_NOT_OPEN', (_name, run) => {
    expectHallError(() => run(hall()), 'WINDOW_NOT_OPEN');
  });

  it.each([
    ['callNext', (e: QueueEngine) => e.callNext('w9', clerkActor(), T0)],
    ['finish', (e: QueueEngine) => e.finish('w9', clerkActor(), T0)],
    ['signOut', (e: QueueEngine) => e.signOut('w9', clerkActor(), T0)],
    ['pause', (e: QueueEngine) => e.pause('w9', '', clerkActor(), T0)],
  ])('%s at an unknown window: WINDOW_NOT_FOUND', (_name, run) => {
    expectHallError(() => run(hall()), 'WINDOW_NOT_FOUND');
  });

  it('a window keeps its state across live reconfiguration; new windows appear closed', () => {
    const engine = hall();
    engine.signIn('w1', zhang, T0);
    issue(engine, 'a', T0);
    engine.callNext('w1', clerkActor('zhang'), T0);
    engine.setConfig(hallConfig({ categories: [category('a', 'A')], windows: [window('w1', 1, { a: 2 }), window('w5', 5, { a: 1 })] }));
    expect(engine.windowStates().map((w) => [w.windowId, w.status, w.currentTicketId !== null])).toEqual([
      ['w1', 'open', true],
      ['w5', 'closed', false],
    ]);
    expect(engine.openTickets()).toHaveLength(1);
  });
});
