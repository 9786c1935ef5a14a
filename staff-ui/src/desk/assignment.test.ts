import { describe, expect, it } from 'vitest';
import type { HallState } from '@hall/common/hall-state';
import type { Staff, WindowState } from '@hall/common/domain';
import { assignmentOf, autoSignInTarget, pickerView } from './assignment.ts';

const ws = (over: Partial<WindowState> = {}): WindowState => ({ windowId: 'w1', status: 'open', clerkId: 'other', clerkName: '李强', pauseReason: null, currentTicketId: null, priorityStreak: 0, ...over });

function state(over: Partial<HallState> = {}): HallState {
  return {
    seq: 1,
    snapshotAt: 0,
    stale: false,
    hallDay: '2026-11-23',
    settings: { name: '示范区市民中心', timeZone: 'Asia/Shanghai', weekdayHours: [], weekendHours: [], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [],
    windows: [
      { id: 'w2', number: 2, name: '综合窗口', zone: '', categories: [], enabled: true },
      { id: 'w1', number: 1, name: '税务窗口', zone: '', categories: [], enabled: true },
      { id: 'w3', number: 3, name: '停用', zone: '', categories: [], enabled: false },
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

const me = (over: Partial<Staff> = {}): Staff => ({ id: 'me', username: 'wang.fang', displayName: '王芳', role: 'clerk', enabled: true, windowId: null, windowLocked: false, ...over });

describe('assignmentOf', () => {
  it('a session stored before assignments existed has none', () => {
    const old = { id: 'me', username: 'wang.fang', displayName: '王芳', role: 'clerk', enabled: true } as Staff;
    expect(assignmentOf(old)).toEqual({ windowId: null, locked: false });
  });
  it('a lock without a window locks nothing', () => expect(assignmentOf(me({ windowLocked: true }))).toEqual({ windowId: null, locked: false }));
});

describe('pickerView', () => {
  it('no assignment: every window allowed, none marked', () => {
    const view = pickerView(state(), me());
    expect(view.choices.map((c) => [c.number, c.assigned, c.allowed])).toEqual([
      [1, false, true],
      [2, false, true],
    ]);
    expect(view).toMatchObject({ assigned: null, locked: false, problem: null });
  });

  it('assigned, not locked: the window is marked, the others stay allowed', () => {
    const view = pickerView(state(), me({ windowId: 'w2' }));
    expect(view.choices.map((c) => [c.number, c.assigned, c.allowed])).toEqual([
      [1, false, true],
      [2, true, true],
    ]);
    expect(view.assigned?.number).toBe(2);
    expect(view.problem).toBeNull();
  });

  it('locked: only the assigned window is allowed', () => {
    const view = pickerView(state(), me({ windowId: 'w2', windowLocked: true }));
    expect(view.choices.map((c) => [c.number, c.allowed])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(view.locked).toBe(true);
  });

  it('the assigned window taken by someone else, or disabled, is a problem to show', () => {
    expect(pickerView(state({ windowStates: [ws({ windowId: 'w2' })] }), me({ windowId: 'w2' })).problem).toBe('occupied');
    const disabled = pickerView(state(), me({ windowId: 'w3', windowLocked: true }));
    expect(disabled).toMatchObject({ assigned: null, problem: 'unavailable' });
    expect(disabled.choices.every((c) => !c.allowed)).toBe(true);
  });
});

describe('autoSignInTarget', () => {
  it('the assigned window when it is free', () => expect(autoSignInTarget(state(), me({ windowId: 'w2' }))).toBe('w2'));
  it('a closed window with a lingering clerk id counts as free', () =>
    expect(autoSignInTarget(state({ windowStates: [ws({ windowId: 'w2', status: 'closed' })] }), me({ windowId: 'w2' }))).toBe('w2'));
  it('nothing without an assignment', () => expect(autoSignInTarget(state(), me())).toBeNull());
  it('nothing when someone else is there', () => expect(autoSignInTarget(state({ windowStates: [ws({ windowId: 'w2' })] }), me({ windowId: 'w2' }))).toBeNull());
  it('nothing when I am already signed in somewhere (a second login while at a window)', () =>
    expect(autoSignInTarget(state({ windowStates: [ws({ windowId: 'w1', clerkId: 'me', clerkName: '王芳' })] }), me({ windowId: 'w2' }))).toBeNull());
  it('nothing when the assigned window is disabled', () => expect(autoSignInTarget(state(), me({ windowId: 'w3' }))).toBeNull());
});
