import { describe, expect, it } from 'vitest';
import { applyEvent, type HallState } from '@hall/common/hall-state';
import type { HallEvent } from '@hall/common/events';
import type { TicketView, WindowState } from '@hall/common/domain';
import { windowScreenView } from './window-view.ts';

const DAY = '2026-11-23';

function state(over: Partial<HallState> = {}): HallState {
  return {
    seq: 1,
    snapshotAt: 0,
    stale: false,
    hallDay: DAY,
    settings: { name: '示范区市民中心', timeZone: 'Asia/Shanghai', weekdayHours: [], weekendHours: [], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口', zone: '', categories: [], enabled: true },
      { id: 'w5', number: 5, name: '5号窗口', zone: '', categories: [], enabled: true },
      { id: 'w7', number: 7, name: '7号窗口', zone: '', categories: [], enabled: false },
    ],
    windowStates: [],
    stats: [],
    availability: {},
    tickets: [],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
    ...over,
  };
}

const ws = (over: Partial<WindowState> = {}): WindowState => ({
  windowId: 'w5',
  status: 'open',
  clerkId: 'c1',
  clerkName: '王芳',
  pauseReason: null,
  currentTicketId: null,
  priorityStreak: 0,
  ...over,
});

const ticket = (id: string, number: string, over: Partial<TicketView> = {}): TicketView => ({
  id,
  number,
  hallDay: DAY,
  categoryId: 'tax',
  state: 'waiting',
  issuedAt: Number(number.slice(1)),
  arrivalAt: 0,
  queueAt: 0,
  priority: false,
  appointment: null,
  targetWindowId: null,
  windowId: null,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  recallCount: 0,
  transfers: [],
  ...over,
});

const none = { numbers: [], more: 0 };

describe('windowScreenView', () => {
  const rows: Array<[string, Partial<HallState>, number, ReturnType<typeof windowScreenView>]> = [
    ['no such window', {}, 9, { kind: 'unknown' }],
    ['a disabled window', { windowStates: [ws({ windowId: 'w7' })] }, 7, { kind: 'unknown' }],
    ['nobody signed in', { windowStates: [ws({ status: 'closed' })] }, 5, { kind: 'closed', windowNumber: 5 }],
    ['paused with its reason', { windowStates: [ws({ status: 'paused', pauseReason: '系统维护' })] }, 5, { kind: 'paused', windowNumber: 5, reason: '系统维护', held: none }],
    ['open and idle', { windowStates: [ws()] }, 5, { kind: 'idle', windowNumber: 5, held: none }],
    [
      'a called ticket',
      { windowStates: [ws({ currentTicketId: 't9' })], tickets: [ticket('t9', 'A009', { state: 'called', windowId: 'w5' })] },
      5,
      { kind: 'ticket', windowNumber: 5, number: 'A009', phase: 'called', held: none },
    ],
    [
      'a ticket being served',
      { windowStates: [ws({ currentTicketId: 't9' })], tickets: [ticket('t9', 'A009', { state: 'serving', windowId: 'w5' })] },
      5,
      { kind: 'ticket', windowNumber: 5, number: 'A009', phase: 'serving', held: none },
    ],
    [
      'held: 请稍候 and the held number, not another window’s',
      { windowStates: [ws()], tickets: [ticket('t9', 'A009', { state: 'held', windowId: 'w5' }), ticket('t8', 'A008', { state: 'held', windowId: 'w1' })] },
      5,
      { kind: 'idle', windowNumber: 5, held: { numbers: ['A009'], more: 0 } },
    ],
    [
      'a held number stays named while the window calls the next one',
      {
        windowStates: [ws({ currentTicketId: 't10' })],
        tickets: [ticket('t9', 'A009', { state: 'held', windowId: 'w5' }), ticket('t10', 'A010', { state: 'called', windowId: 'w5' })],
      },
      5,
      { kind: 'ticket', windowNumber: 5, number: 'A010', phase: 'called', held: { numbers: ['A009'], more: 0 } },
    ],
    [
      'paused with a held number',
      { windowStates: [ws({ status: 'paused', pauseReason: '午休' })], tickets: [ticket('t9', 'A009', { state: 'held', windowId: 'w5' })] },
      5,
      { kind: 'paused', windowNumber: 5, reason: '午休', held: { numbers: ['A009'], more: 0 } },
    ],
    [
      'many held: the oldest three named, the rest counted',
      { windowStates: [ws()], tickets: ['A014', 'A011', 'A013', 'A012'].map((n) => ticket(`t${n}`, n, { state: 'held', windowId: 'w5' })) },
      5,
      { kind: 'idle', windowNumber: 5, held: { numbers: ['A011', 'A012', 'A013'], more: 1 } },
    ],
    [
      'a ticket the window lost (finished) is not shown as held',
      { windowStates: [ws()], tickets: [ticket('t9', 'A009', { state: 'no_show', windowId: 'w5' })] },
      5,
      { kind: 'idle', windowNumber: 5, held: none },
    ],
  ];
  for (const [name, over, n, view] of rows) it(name, () => expect(windowScreenView(state(over), n)).toEqual(view));

  it('follows hold and call back as the events arrive', () => {
    const serving = ticket('t12', 'A012', { state: 'serving', windowId: 'w5', calledAt: 10, startedAt: 20 });
    let s = state({ windowStates: [ws({ currentTicketId: 't12' })], tickets: [serving] });
    expect(windowScreenView(s, 5)).toMatchObject({ kind: 'ticket', number: 'A012', phase: 'serving' });

    const event = (seq: number, type: HallEvent['type'], t: TicketView, w: WindowState): HallEvent => ({
      seq,
      type,
      at: seq * 1000,
      hallDay: DAY,
      actor: { kind: 'clerk', id: 'c1' },
      ticket: t,
      window: w,
      windowNumber: 5,
      stats: [],
    });
    // 挂起: the engine frees the window; the ticket keeps the window's id.
    s = applyEvent(s, event(2, 'ticket:held', { ...serving, state: 'held' }, ws())).state;
    expect(windowScreenView(s, 5)).toEqual({ kind: 'idle', windowNumber: 5, held: { numbers: ['A012'], more: 0 } });

    // 回呼: the held ticket is the window's called ticket again, and no longer listed as held.
    s = applyEvent(s, event(3, 'ticket:called', { ...serving, state: 'called', calledAt: 3000 }, ws({ currentTicketId: 't12' }))).state;
    expect(windowScreenView(s, 5)).toEqual({ kind: 'ticket', windowNumber: 5, number: 'A012', phase: 'called', held: none });
  });
});
