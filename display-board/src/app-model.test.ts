import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signal } from '@preact/signals';
import type { HallEvent } from '@hall/common/events';
import type { HallState } from '@hall/common/hall-state';
import type { BoardSettings } from '@hall/common/domain';
import { changesThisDevice, createBoardModel } from './app-model.ts';
import type { BoardConnection } from './net/hall-connection.ts';
import type { Announcement } from './voice/announcer.ts';

type Listener = (event: HallEvent, state: HallState) => void;

function setup(route: Parameters<typeof createBoardModel>[1], board: Partial<BoardSettings> | null = null) {
  const listeners: Listener[] = [];
  const connection = {
    clockOffsetMs: signal(0),
    onEvent: (l: Listener) => {
      listeners.push(l);
      return () => {};
    },
  } as unknown as BoardConnection;
  const said: string[] = [];
  createBoardModel(connection, route, { announce: (a: Announcement) => said.push(a.text), clear: () => {}, log: [] });
  const device = board ? { id: 'b', kind: 'board', name: '屏', windowId: null, board: { zone: '', categoryIds: [], windowIds: [], layout: 'landscape' as const, speak: true, voiceTemplate: '请{number}号到{window}号窗口办理', ...board } } : null;
  const play = (type: HallEvent['type'], number: string, windowId = 'w5', ticketState = type === 'ticket:started' ? 'serving' : 'called') => {
    const ticket = { id: number, number, categoryId: 'tax', state: ticketState, windowId } as HallEvent['ticket'];
    const state = { device, recentCalls: [{ ticketId: number, number, categoryId: 'tax', windowId, windowNumber: 5, at: 1, recall: type === 'ticket:recalled' }] } as unknown as HallState;
    for (const l of listeners) l({ seq: 1, type, at: 1, hallDay: '2026-11-23', actor: { kind: 'clerk', id: 'c' }, ticket, stats: [] }, state);
  };
  return { said, play, listeners };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('board voice wiring', () => {
  it('announces calls and recalls with the board template', () => {
    const { said, play } = setup({ kind: 'board' });
    play('ticket:called', 'A012');
    play('ticket:recalled', 'A012');
    play('ticket:started', 'A012');
    expect(said).toEqual(['请 A 0 1 2 号到 5 号窗口办理', '请 A 0 1 2 号到 5 号窗口办理']);
  });

  it('a no-show put back in the queue is not announced, even if it was the last call', () => {
    const { said, play } = setup({ kind: 'board' });
    play('ticket:reactivated', 'A012', 'w5', 'waiting');
    expect(said).toEqual([]);
    play('ticket:reactivated', 'A012', 'w5', 'called');
    expect(said.length).toBe(1);
  });

  it('stays silent when its settings say so, or the call is not its window’s', () => {
    const silent = setup({ kind: 'board' }, { speak: false });
    silent.play('ticket:called', 'A012');
    expect(silent.said).toEqual([]);
    const zone = setup({ kind: 'board' }, { windowIds: ['w1'] });
    zone.play('ticket:called', 'A012', 'w5');
    expect(zone.said).toEqual([]);
  });

  it('a window screen never speaks', () => {
    const { play, said } = setup({ kind: 'window', number: 5 });
    play('ticket:called', 'A012');
    expect(said).toEqual([]);
  });
});

describe('own settings', () => {
  const event = (action: string, target: string) => ({ seq: 2, type: 'config:changed', at: 1, hallDay: '2026-11-23', actor: { kind: 'admin', id: 'a' }, detail: { action, target }, stats: [] }) as HallEvent;
  const rows: Array<[string, HallEvent, string | undefined, boolean]> = [
    ['this board updated', event('devices.update', 'board-1'), 'board-1', true],
    ['this board removed', event('devices.delete', 'board-1'), 'board-1', true],
    ['another board', event('devices.update', 'board-2'), 'board-1', false],
    ['a category', event('categories.update', 'board-1'), 'board-1', false],
    ['no device (demo)', event('devices.update', 'board-1'), undefined, false],
  ];
  for (const [name, e, id, expected] of rows) it(name, () => expect(changesThisDevice(e, id)).toBe(expected));
});
