import { describe, expect, it } from 'vitest';
import type { HallState } from '@hall/common/hall-state';
import type { TicketView } from '@hall/common/domain';
import { devicesInTrouble, queueRows, windowRows } from './overview-view.ts';

function state(over: Partial<HallState> = {}): HallState {
  return {
    seq: 1,
    snapshotAt: 0,
    stale: false,
    hallDay: '2026-11-23',
    settings: { name: '大厅', timeZone: 'Asia/Shanghai', weekdayHours: [], weekendHours: [], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [
      { id: 'tax', prefix: 'A', name: '税务', enabled: true },
      { id: 'soc', prefix: 'B', name: '社保', enabled: true },
    ] as HallState['categories'],
    windows: [
      { id: 'w2', number: 2, name: '社保', zone: '', categories: [], enabled: true },
      { id: 'w1', number: 1, name: '税务', zone: '', categories: [], enabled: true },
    ],
    windowStates: [
      { windowId: 'w1', status: 'open', clerkId: 'c1', clerkName: '王芳', pauseReason: null, currentTicketId: 't1', priorityStreak: 0 },
      { windowId: 'w2', status: 'paused', clerkId: 'c2', clerkName: '李强', pauseReason: '会议', currentTicketId: null, priorityStreak: 0 },
    ],
    stats: [
      { categoryId: 'tax', waiting: 2, issuedToday: 10, estimatedWaitMinutes: 5, openWindows: 1, oldestWaitingSince: 0, quotaLeft: null },
      { categoryId: 'soc', waiting: 3, issuedToday: 4, estimatedWaitMinutes: null, openWindows: 0, oldestWaitingSince: 60_000 * 30, quotaLeft: 20 },
    ],
    availability: {},
    tickets: [{ id: 't1', number: 'A007', state: 'serving' } as TicketView],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
    ...over,
  };
}

describe('overview', () => {
  it('every enabled window by number with its clerk, ticket or pause reason', () => {
    expect(windowRows(state()).map((r) => [r.number, r.status, r.clerkName, r.ticketNumber, r.pauseReason])).toEqual([
      [1, 'open', '王芳', 'A007', null],
      [2, 'paused', '李强', null, '会议'],
    ]);
  });

  it('queues, longest wait first, flagging a queue no open window serves', () => {
    const rows = queueRows(state(), 60_000 * 45);
    expect(rows.map((r) => [r.prefix, r.waiting, r.longestMinutes, r.unserved])).toEqual([
      ['A', 2, 45, false],
      ['B', 3, 15, true],
    ]);
  });

  it('devices offline or with a fault', () => {
    const d = (deviceId: string, online: boolean, faults = 0) => ({ deviceId, name: deviceId, kind: 'kiosk', online, lastSeenAt: null, faults: Array.from({ length: faults }, () => ({ device: 'printer', code: 'paper_end', message: '缺纸', since: 0 })) });
    expect(devicesInTrouble([d('k1', true), d('k2', true, 1), d('k3', false)]).map((x) => x.deviceId)).toEqual(['k3', 'k2']);
  });
});
