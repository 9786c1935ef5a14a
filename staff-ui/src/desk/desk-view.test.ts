import { describe, expect, it } from 'vitest';
import type { HallState } from '@hall/common/hall-state';
import type { TicketView, WindowState } from '@hall/common/domain';
import { allowedActions, ticketHistory, heldTickets, myWindow, noShowTickets, queueRows, ratingSummary, shortcutAction, waitingTickets, windowChoices, type DeskAction } from './desk-view.ts';

const ws = (over: Partial<WindowState> = {}): WindowState => ({ windowId: 'w1', status: 'open', clerkId: 'me', clerkName: '王芳', pauseReason: null, currentTicketId: null, priorityStreak: 0, ...over });
const tk = (over: Partial<TicketView> = {}) => ({ id: 't1', number: 'A001', state: 'waiting', categoryId: 'tax', arrivalAt: 0, queueAt: 0, priority: false, targetWindowId: null, windowId: null, calledAt: null, recallCount: 0, ...over }) as TicketView;

function state(over: Partial<HallState> = {}): HallState {
  return {
    seq: 1,
    snapshotAt: 0,
    stale: false,
    hallDay: '2026-11-23',
    settings: { name: '示范区市民中心', timeZone: 'Asia/Shanghai', weekdayHours: [], weekendHours: [], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [
      { id: 'tax', prefix: 'A', name: '税务', enabled: true },
      { id: 'soc', prefix: 'B', name: '社保', enabled: true },
    ] as HallState['categories'],
    windows: [
      { id: 'w2', number: 2, name: '综合窗口', zone: '', categories: [{ categoryId: 'soc', weight: 1 }], enabled: true },
      { id: 'w1', number: 1, name: '税务窗口', zone: '', categories: [{ categoryId: 'tax', weight: 1 }, { categoryId: 'soc', weight: 1 }], enabled: true },
      { id: 'w3', number: 3, name: '停用', zone: '', categories: [], enabled: false },
    ],
    windowStates: [],
    stats: [{ categoryId: 'tax', waiting: 3, issuedToday: 9, estimatedWaitMinutes: 10, openWindows: 1, oldestWaitingSince: 0, quotaLeft: null }],
    availability: {},
    tickets: [],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
    ...over,
  };
}

describe('windowChoices', () => {
  it('enabled windows by number: free, mine, or someone else’s', () => {
    const s = state({ windowStates: [ws({ windowId: 'w1', clerkId: 'me' }), ws({ windowId: 'w2', clerkId: 'other', clerkName: '李强', status: 'paused' })] });
    expect(windowChoices(s, 'me').map((c) => [c.number, c.kind, c.clerkName, c.paused])).toEqual([
      [1, 'mine', '王芳', false],
      [2, 'occupied', '李强', true],
    ]);
  });

  it('a closed window is free even if a clerk id lingers', () => {
    const s = state({ windowStates: [ws({ windowId: 'w2', status: 'closed', clerkId: 'other' })] });
    expect(windowChoices(s, 'me').find((c) => c.number === 2)?.kind).toBe('free');
  });
});

describe('myWindow', () => {
  it('finds the window I am signed in at, with its current ticket', () => {
    const s = state({ windowStates: [ws({ windowId: 'w1', currentTicketId: 't1' })], tickets: [tk({ state: 'called', windowId: 'w1' })] });
    const mine = myWindow(s, 'me');
    expect(mine?.config.number).toBe(1);
    expect(mine?.current?.number).toBe('A001');
  });

  it('none when I am not signed in', () => {
    expect(myWindow(state({ windowStates: [ws({ clerkId: 'other' })] }), 'me')).toBeNull();
  });
});

describe('allowedActions', () => {
  const rows: Array<[string, WindowState, TicketView | null, DeskAction[]]> = [
    ['open, no ticket', ws(), null, ['signOut', 'callNext', 'pause']],
    ['called', ws(), tk({ state: 'called' }), ['signOut', 'callNext', 'pause', 'recall', 'start', 'noShow', 'finish', 'transfer']],
    ['serving', ws(), tk({ state: 'serving' }), ['signOut', 'callNext', 'pause', 'hold', 'finish', 'transfer']],
    ['paused', ws({ status: 'paused' }), null, ['signOut', 'resume']],
    ['closed', ws({ status: 'closed' }), null, ['signOut']],
  ];
  for (const [name, live, current, actions] of rows) it(name, () => expect([...allowedActions(live, current)]).toEqual(actions));
});

describe('queueRows', () => {
  it('my categories with counts and longest wait, and tickets sent to my window first', () => {
    const s = state({ tickets: [tk({ id: 'x', targetWindowId: 'w1', arrivalAt: 60_000 })] });
    const window = s.windows.find((w) => w.id === 'w1')!;
    expect(queueRows(s, window, 25 * 60_000, '转入本窗口')).toEqual([
      { key: 'direct', prefix: '→', name: '转入本窗口', waiting: 1, longestMinutes: 24 },
      { key: 'tax', prefix: 'A', name: '税务', waiting: 3, longestMinutes: 25 },
      { key: 'soc', prefix: 'B', name: '社保', waiting: 0, longestMinutes: null },
    ]);
  });
});

describe('heldTickets', () => {
  it('only my window’s held tickets', () => {
    const s = state({ tickets: [tk({ id: 'a', state: 'held', windowId: 'w1' }), tk({ id: 'b', state: 'held', windowId: 'w2' }), tk({ id: 'c', state: 'serving', windowId: 'w1' })] });
    expect(heldTickets(s, 'w1').map((t) => t.id)).toEqual(['a']);
  });
});

describe('waitingTickets', () => {
  it('those this window may call: sent here first, then priority, then queue order', () => {
    const s = state({
      tickets: [
        tk({ id: 'a', number: 'A001', queueAt: 1, arrivalAt: 1 }),
        tk({ id: 'b', number: 'A002', queueAt: 2, arrivalAt: 2, priority: true }),
        tk({ id: 'c', number: 'C001', categoryId: 'other', queueAt: 0, arrivalAt: 0 }),
        tk({ id: 'd', number: 'B009', categoryId: 'soc', queueAt: 5, arrivalAt: 5, targetWindowId: 'w1' }),
        tk({ id: 'e', number: 'B010', categoryId: 'soc', queueAt: 0, arrivalAt: 0, targetWindowId: 'w2' }),
        tk({ id: 'f', number: 'A000', state: 'called', queueAt: 0 }),
      ],
    });
    const window = s.windows.find((w) => w.id === 'w1')!;
    const { shown, more } = waitingTickets(s, window, 60_000 * 10, 3);
    expect(shown.map((w) => [w.ticket.number, w.direct])).toEqual([
      ['B009', true],
      ['A002', false],
      ['A001', false],
    ]);
    expect(more).toBe(0);
    expect(waitingTickets(s, window, 0, 1).more).toBe(2);
  });
});

describe('noShowTickets', () => {
  it('today’s no-shows at my window, newest first', () => {
    const s = state({ tickets: [tk({ id: 'a', state: 'no_show', windowId: 'w1', calledAt: 1 }), tk({ id: 'b', state: 'no_show', windowId: 'w1', calledAt: 2 }), tk({ id: 'c', state: 'no_show', windowId: 'w2' })] });
    expect(noShowTickets(s, 'w1').map((t) => t.id)).toEqual(['b', 'a']);
  });
});

describe('shortcuts', () => {
  const rows: Array<[string, DeskAction[], DeskAction | null]> = [
    ['F1', ['callNext'], 'callNext'],
    ['F8', ['pause'], 'pause'],
    ['F8', ['resume'], 'resume'],
    ['F9', [], null],
  ];
  for (const [key, allowed, action] of rows) it(`${key} with ${allowed.join(',')}`, () => expect(shortcutAction(key, new Set(allowed))).toBe(action));
});

describe('ratingSummary', () => {
  it('好评 are the three upper levels', () => {
    expect(ratingSummary({ very_satisfied: 2, satisfied: 1, basically_satisfied: 1, dissatisfied: 1, very_dissatisfied: 0 })).toEqual({ good: 4, total: 5 });
  });
});

describe('recall limit', () => {
  it('no recall once the hall’s limit is reached', () => {
    expect(allowedActions(ws(), tk({ state: 'called', recallCount: 3 }), 3).has('recall')).toBe(false);
    expect(allowedActions(ws(), tk({ state: 'called', recallCount: 2 }), 3).has('recall')).toBe(true);
  });
});

describe('ticketHistory', () => {
  it('issued, transferred with its note, called, started — in time order', () => {
    const ticket = tk({
      issuedAt: 1,
      calledAt: 30,
      startedAt: 40,
      transfers: [{ at: 20, fromCategoryId: 'tax', fromWindowId: 'w2', toCategoryId: 'soc', toWindowId: null, note: '补材料', by: 'c1' }],
    });
    expect(ticketHistory(state(), ticket)).toEqual([
      { at: 1, kind: 'issued' },
      { at: 20, kind: 'transferred', from: '2号窗口', to: '社保', note: '补材料' },
      { at: 30, kind: 'called' },
      { at: 40, kind: 'started' },
    ]);
  });
});
