import { describe, expect, it } from 'vitest';
import type { HallState } from '@hall/common/hall-state';
import type { CallView } from '@hall/common/events';
import { boardCalls, boardLayout, boardNotices, todaysHours, waitingPage, waitingRows } from './board-view.ts';

function call(i: number, over: Partial<CallView> = {}): CallView {
  return { ticketId: `t${i}`, number: `A00${i}`, categoryId: 'tax', windowId: 'w1', windowNumber: 1, at: 1000 - i, recall: false, ...over };
}

function state(over: Partial<HallState> = {}): HallState {
  return {
    seq: 1,
    snapshotAt: 0,
    stale: false,
    hallDay: '2026-11-23',
    settings: { name: '示范区市民中心', timeZone: 'Asia/Shanghai', weekdayHours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }], weekendHours: [{ start: '09:00', end: '12:00' }], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [
      { id: 'soc', prefix: 'B', name: '社保', group: '社保', enabled: true, sortOrder: 2 },
      { id: 'tax', prefix: 'A', name: '税务', group: '税务', enabled: true, sortOrder: 1 },
      { id: 'old', prefix: 'Z', name: '停用', group: '其他', enabled: false, sortOrder: 0 },
    ] as HallState['categories'],
    windows: [
      { id: 'w1', number: 1, name: '1号窗口', zone: '', categories: [], enabled: true },
      { id: 'w5', number: 5, name: '5号窗口', zone: '', categories: [], enabled: true },
    ],
    windowStates: [],
    stats: [{ categoryId: 'tax', waiting: 4, issuedToday: 9, estimatedWaitMinutes: 12, openWindows: 1, oldestWaitingSince: null, quotaLeft: null }],
    availability: {},
    tickets: [],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
    ...over,
  };
}

describe('boardCalls', () => {
  it('the newest is large, the next six are listed', () => {
    const s = state({ recentCalls: Array.from({ length: 10 }, (_, i) => call(i)) });
    const { latest, recent } = boardCalls(s);
    expect(latest?.ticketId).toBe('t0');
    expect(recent.map((c) => c.ticketId)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
  });

  it('a board set to some windows shows only their calls', () => {
    const device = { id: 'b1', kind: 'board', name: '二楼', windowId: null, board: { zone: '', categoryIds: [], windowIds: ['w5'], layout: 'landscape' as const, speak: true, voiceTemplate: '' } };
    const s = state({ device, recentCalls: [call(0), call(1, { windowId: 'w5', windowNumber: 5 })] });
    expect(boardCalls(s).latest?.ticketId).toBe('t1');
  });

  it('no calls yet', () => {
    expect(boardCalls(state())).toEqual({ latest: null, recent: [] });
  });

  it('a portrait board lists eight under the newest', () => {
    const s = state({ recentCalls: Array.from({ length: 12 }, (_, i) => call(i)) });
    expect(boardCalls(s, 'portrait').recent.length).toBe(8);
  });
});

describe('boardLayout', () => {
  const board = (layout: 'landscape' | 'portrait') => ({ id: 'b1', kind: 'board', name: '屏', windowId: null, board: { zone: '', categoryIds: [], windowIds: [], layout, speak: true, voiceTemplate: '' } });
  const tall = { width: 1080, height: 1920 };
  const wide = { width: 1920, height: 1080 };
  const rows: Array<[string, HallState['device'], { width: number; height: number }, string]> = [
    ['configured portrait', board('portrait'), wide, 'portrait'],
    ['configured landscape', board('landscape'), tall, 'landscape'],
    ['unconfigured, tall screen', null, tall, 'portrait'],
    ['unconfigured, wide screen', null, wide, 'landscape'],
  ];
  for (const [name, device, screen, layout] of rows) it(name, () => expect(boardLayout(state({ device }), screen)).toBe(layout));
});

describe('waitingRows', () => {
  it('enabled categories in the hall order with their waiting counts', () => {
    expect(waitingRows(state())).toEqual([
      { categoryId: 'tax', prefix: 'A', name: '税务', waiting: 4 },
      { categoryId: 'soc', prefix: 'B', name: '社保', waiting: 0 },
    ]);
  });
});

describe('waitingRows of a zone board', () => {
  const board = (categoryIds: string[], windowIds: string[]) => ({ id: 'b1', kind: 'board', name: '二楼', windowId: null, board: { zone: '', categoryIds, windowIds, layout: 'landscape' as const, speak: true, voiceTemplate: '' } });
  const windows = [
    { id: 'w1', number: 1, name: '1号窗口', zone: '', categories: [{ categoryId: 'soc', weight: 1 }], enabled: true },
    { id: 'w5', number: 5, name: '5号窗口', zone: '', categories: [{ categoryId: 'tax', weight: 1 }], enabled: true },
  ];
  it('shows the categories its windows serve', () => {
    expect(waitingRows(state({ windows, device: board([], ['w1']) })).map((r) => r.categoryId)).toEqual(['soc']);
  });
  it('its own category list wins', () => {
    expect(waitingRows(state({ windows, device: board(['tax'], ['w1']) })).map((r) => r.categoryId)).toEqual(['tax']);
  });
});

describe('boardNotices', () => {
  const notice = (id: string, over = {}) => ({ id, text: id, targets: ['board' as const], startsAt: null, endsAt: null, enabled: true, ...over });
  it('only enabled board notices within their dates', () => {
    const s = state({
      notices: [notice('shown'), notice('kiosk-only', { targets: ['kiosk'] }), notice('off', { enabled: false }), notice('later', { startsAt: 2000 }), notice('over', { endsAt: 500 }), notice('window', { startsAt: 500, endsAt: 2000 })],
    });
    expect(boardNotices(s, 1000)).toEqual(['shown', 'window']);
  });
});

describe('todaysHours', () => {
  it('weekday and weekend hours in the hall time zone', () => {
    expect(todaysHours(state(), Date.UTC(2026, 10, 23, 2))).toBe('09:00-12:00 13:30-17:00'); // Monday
    expect(todaysHours(state(), Date.UTC(2026, 10, 21, 17))).toBe('09:00-12:00'); // Sunday 01:00 local
  });
});

describe('waitingPage', () => {
  const rows = Array.from({ length: 15 }, (_, i) => i);
  it('fits on one page: no paging', () => expect(waitingPage(rows, 'portrait', 123_456)).toEqual({ rows, page: 0, pages: 1 }));
  it('turns pages every ten seconds', () => {
    expect(waitingPage(rows, 'landscape', 0)).toEqual({ rows: rows.slice(0, 12), page: 0, pages: 2 });
    expect(waitingPage(rows, 'landscape', 10_000)).toEqual({ rows: [12, 13, 14], page: 1, pages: 2 });
    expect(waitingPage(rows, 'landscape', 20_000).page).toBe(0);
  });
});
