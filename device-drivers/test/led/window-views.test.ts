// Each window's state for its LED display, from the hall server's snapshot and events, as the
// queue engine emits them (which events carry the window's state, which only the ticket).
import { describe, expect, it } from 'vitest';
import type { HallEvent, HallEventType, HallSnapshot } from '@hall/common/events';
import type { TicketView, WindowState } from '@hall/common/domain';
import { WindowViews } from '../../src/agent/window-views.ts';
import { defaultLedRules, ledContentFor } from '../../src/led/content.ts';

const ticket = (id: string, number: string, windowId: string | null, state: TicketView['state'] = 'called') => ({ id, number, windowId, state, categoryId: 'c' }) as TicketView;
const window = (windowId: string, status: WindowState['status'], currentTicketId: string | null = null) =>
  ({ windowId, status, currentTicketId, clerkId: null, clerkName: null, pauseReason: status === 'paused' ? '午休' : null, priorityStreak: 0 }) as WindowState;

let seq = 0;
function event(type: HallEventType, parts: { ticket?: TicketView; window?: WindowState; windowNumber?: number }): HallEvent {
  return { seq: ++seq, type, at: 0, hallDay: '2026-11-25', actor: { kind: 'clerk', id: 'clerk01' }, stats: [], ...parts } as HallEvent;
}

function snapshot(): HallSnapshot {
  return {
    windows: [
      { id: 'w01', number: 1 },
      { id: 'w02', number: 2 },
      { id: 'w05', number: 5 },
    ],
    windowStates: [window('w01', 'open', 't1'), window('w02', 'paused'), window('w05', 'closed')],
    tickets: [ticket('t1', 'A001', 'w01', 'serving'), ticket('t2', 'A002', null, 'waiting')],
  } as unknown as HallSnapshot;
}

describe('window views for LED displays', () => {
  it('starts from the snapshot: every window, with the number being served', () => {
    const views = new WindowViews();
    expect(views.fromSnapshot(snapshot())).toEqual([
      { view: { windowId: 'w01', windowNumber: 1, status: 'open', number: 'A001' }, cause: 'update' },
      { view: { windowId: 'w02', windowNumber: 2, status: 'paused', number: null }, cause: 'update' },
      { view: { windowId: 'w05', windowNumber: 5, status: 'closed', number: null }, cause: 'update' },
    ]);
  });

  it('follows a window through sign-in, calls, recall, start, hold, pause, resume and sign-out', () => {
    const views = new WindowViews();
    views.fromSnapshot(snapshot());
    const step = (e: HallEvent) => views.apply(e).map((c) => [c.view.windowNumber, c.view.status, c.view.number, c.cause]);

    expect(step(event('window:signedIn', { window: window('w05', 'open'), windowNumber: 5 }))).toEqual([[5, 'open', null, 'update']]);
    const t3 = ticket('t3', 'B003', 'w05');
    expect(step(event('ticket:called', { ticket: t3, window: window('w05', 'open', 't3'), windowNumber: 5 }))).toEqual([[5, 'open', 'B003', 'call']]);
    // A recall carries only the ticket; the window comes from it.
    expect(step(event('ticket:recalled', { ticket: { ...t3, recallCount: 1 }, windowNumber: 5 }))).toEqual([[5, 'open', 'B003', 'recall']]);
    // Starting service changes nothing on the display.
    expect(step(event('ticket:started', { ticket: { ...t3, state: 'serving' } }))).toEqual([]);
    expect(step(event('ticket:held', { ticket: { ...t3, state: 'held' }, window: window('w05', 'open', null), windowNumber: 5 }))).toEqual([[5, 'open', null, 'update']]);
    // A call back of a held ticket is a call again.
    expect(step(event('ticket:called', { ticket: t3, window: window('w05', 'open', 't3'), windowNumber: 5 }))).toEqual([[5, 'open', 'B003', 'call']]);
    expect(step(event('window:paused', { window: window('w05', 'paused', 't3'), windowNumber: 5 }))).toEqual([[5, 'paused', 'B003', 'update']]);
    expect(step(event('window:resumed', { window: window('w05', 'open', 't3'), windowNumber: 5 }))).toEqual([[5, 'open', 'B003', 'update']]);
    expect(step(event('ticket:finished', { ticket: { ...t3, state: 'finished' }, window: window('w05', 'open', null), windowNumber: 5 }))).toEqual([[5, 'open', null, 'update']]);
    expect(step(event('window:signedOut', { window: window('w05', 'closed'), windowNumber: 5 }))).toEqual([[5, 'closed', null, 'update']]);
    // Other windows were never touched.
    expect(views.view('w01')).toEqual({ windowId: 'w01', windowNumber: 1, status: 'open', number: 'A001' });
  });

  it('turns a finish-and-call batch into the new number, blinking', () => {
    const views = new WindowViews();
    views.fromSnapshot(snapshot());
    const t2 = ticket('t2', 'A002', 'w01');
    const changes = [
      event('ticket:finished', { ticket: ticket('t1', 'A001', 'w01', 'finished'), window: window('w01', 'open', null), windowNumber: 1 }),
      event('ticket:called', { ticket: t2, window: window('w01', 'open', 't2'), windowNumber: 1 }),
    ].flatMap((e) => views.apply(e));
    const last = changes.at(-1)!;
    expect(ledContentFor(last.view, last.cause, defaultLedRules)).toEqual({ text: 'A002', blink: defaultLedRules.blink });
  });

  it('ignores events of windows it cannot number and events without a window', () => {
    const views = new WindowViews();
    views.fromSnapshot(snapshot());
    expect(views.apply(event('window:signedIn', { window: window('w99', 'open') }))).toEqual([]);
    expect(views.apply(event('ticket:issued', { ticket: ticket('t9', 'A009', null, 'waiting') }))).toEqual([]);
  });
});
