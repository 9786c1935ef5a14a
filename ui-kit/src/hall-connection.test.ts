import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type HallEvent, type HallSnapshot, type KioskCommands } from '@hall/common/events';
import { createHallConnection, deviceAuth, type WireSocket } from './hall-connection.ts';

/** Stands in for a Socket.IO client socket: the test plays the server. */
class FakeSocket implements WireSocket {
  connected = false;
  connects = 0;
  readonly emitted: Array<{ event: string; request: unknown; ack: (err: Error | null, reply: unknown) => void }> = [];
  private readonly handlers = new Map<string, Array<(arg: never) => void>>();

  on(event: string, listener: (arg: never) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  timeout(_ms: number) {
    return { emit: (event: string, request: unknown, ack: (err: Error | null, reply: unknown) => void) => void this.emitted.push({ event, request, ack }) };
  }
  connect(): void {
    this.connects++;
  }
  disconnect(): void {
    this.connected = false;
  }
  fire(event: string, arg?: unknown): void {
    for (const h of this.handlers.get(event) ?? []) (h as (a: unknown) => void)(arg);
  }
  serverAccepts(): void {
    this.connected = true;
    this.fire('connect');
  }
  dropped(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  lastEmit(event: string) {
    return this.emitted.filter((e) => e.event === event).at(-1);
  }
}

function snapshot(seq: number): HallSnapshot {
  return {
    protocol: PROTOCOL_VERSION,
    seq,
    now: 1_000_000,
    hallDay: '2026-11-23',
    settings: { name: '示范区市民中心', timeZone: 'Asia/Shanghai', weekdayHours: [], weekendHours: [], publicBaseUrl: 'https://x.example', hotline: '', recallLimit: 3 },
    categories: [],
    windows: [],
    windowStates: [],
    stats: [],
    availability: {},
    tickets: [],
    recentCalls: [],
    helpRequests: [],
    notices: [],
    device: null,
  };
}

const event = (seq: number, type: HallEvent['type'] = 'rating:received'): HallEvent => ({ seq, type, at: seq, hallDay: '2026-11-23', actor: { kind: 'system', id: 's' }, stats: [] });

function setup() {
  const socket = new FakeSocket();
  const connection = createHallConnection<KioskCommands>({ namespace: '/kiosk', auth: () => ({ protocol: PROTOCOL_VERSION }), openSocket: () => socket, now: () => 999_000 });
  return { socket, connection };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hall connection', () => {
  it('takes the pushed snapshot, then applies events in order', () => {
    const { socket, connection } = setup();
    const seen: number[] = [];
    connection.onEvent((e) => seen.push(e.seq));
    expect(connection.status.value).toBe('connecting');
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    expect(connection.status.value).toBe('online');
    expect(connection.state.value?.seq).toBe(5);
    expect(connection.clockOffsetMs.value).toBe(1000);
    socket.fire('hall:events', [event(6)]);
    socket.fire('hall:events', [event(6)]);
    socket.fire('hall:events', [event(7)]);
    expect(connection.state.value?.seq).toBe(7);
    expect(seen).toEqual([6, 7]);
  });

  it('applies kiosk digests in sequence with whole events, without telling event listeners', () => {
    const { socket, connection } = setup();
    const seen: number[] = [];
    connection.onEvent((e) => seen.push(e.seq));
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    const figures = { categoryId: 'cat-a', waiting: 12, issuedToday: 40, estimatedWaitMinutes: 30, openWindows: 2, oldestWaitingSince: 1, quotaLeft: null };
    socket.fire('hall:digest', { fromSeq: 6, seq: 20, hallDay: '2026-11-23', stats: [figures] });
    socket.fire('hall:events', [event(21, 'config:changed')]);
    expect(connection.state.value?.seq).toBe(21);
    expect(connection.state.value?.stats).toEqual([figures]);
    expect(seen).toEqual([21]);
    // A digest after a hole asks for a snapshot; a late pushed snapshot inside the applied digest keeps it.
    socket.fire('hall:digest', { fromSeq: 30, seq: 31, hallDay: '2026-11-23', stats: [] });
    expect(connection.state.value?.seq).toBe(21);
    expect(socket.lastEmit('snapshot:get')).toBeDefined();
  });

  it('replays an applied digest over a pushed snapshot taken in the middle of it', () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    socket.fire('hall:digest', { fromSeq: 6, seq: 9, hallDay: '2026-11-23', stats: [] });
    socket.fire('hall:snapshot', snapshot(7));
    expect(connection.state.value?.seq).toBe(9);
  });

  it('asks for a snapshot when none was pushed within the grace period', () => {
    const { socket } = setup();
    socket.serverAccepts();
    expect(socket.lastEmit('snapshot:get')).toBeUndefined();
    vi.advanceTimersByTime(3000);
    expect(socket.lastEmit('snapshot:get')).toBeDefined();
  });

  it('on a gap, buffers events, asks for a snapshot and replays what is newer', async () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    socket.fire('hall:events', [event(8)]); // 6 and 7 were lost
    expect(connection.state.value?.seq).toBe(5);
    const request = socket.lastEmit('snapshot:get');
    expect(request).toBeDefined();
    socket.fire('hall:events', [event(9)]);
    request!.ack(null, { ok: true, data: snapshot(8) });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.state.value?.seq).toBe(9);
  });

  it('a pushed snapshot older than what was applied keeps the newer events', () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    socket.fire('hall:events', [event(6)]);
    socket.fire('hall:events', [event(7)]);
    socket.fire('hall:snapshot', snapshot(6));
    expect(connection.state.value?.seq).toBe(7);
    expect(socket.lastEmit('snapshot:get')).toBeUndefined();
  });

  it('a snapshot from another history (seq went back) is taken as it is, without asking again', () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(500));
    socket.fire('hall:events', [event(501)]);
    socket.fire('hall:snapshot', snapshot(3));
    expect(connection.state.value?.seq).toBe(3);
    expect(socket.lastEmit('snapshot:get')).toBeUndefined();
    socket.fire('hall:events', [event(4)]);
    expect(connection.state.value?.seq).toBe(4);
  });

  it('asks for a snapshot after every reconnect, and a stale config too', async () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    socket.dropped();
    expect(connection.status.value).toBe('offline');
    socket.serverAccepts();
    const afterReconnect = socket.lastEmit('snapshot:get');
    expect(afterReconnect).toBeDefined();
    afterReconnect!.ack(null, { ok: true, data: snapshot(5) });
    await vi.advanceTimersByTimeAsync(0);
    socket.fire('hall:events', [event(6, 'config:changed')]);
    expect(socket.emitted.filter((e) => e.event === 'snapshot:get').length).toBe(2);
  });

  it('a command while offline fails at once and is never sent later', async () => {
    const { socket, connection } = setup();
    const reply = await connection.send('ticket:issue', { idempotencyKey: 'k1234567890', categoryId: 'tax' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(socket.emitted).toEqual([]);
  });

  it('a command the server does not answer resolves as TIMEOUT', async () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    const pending = connection.send('ticket:issue', { idempotencyKey: 'k1234567890', categoryId: 'tax' });
    socket.lastEmit('ticket:issue')!.ack(new Error('operation has timed out'), undefined);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: '服务器没有及时响应，请重试' } });
  });

  it('a refused handshake shows the Chinese message for its code', () => {
    const { socket, connection } = setup();
    socket.fire('connect_error', Object.assign(new Error('refused'), { data: { code: 'DEVICE_NOT_PAIRED' } }));
    expect(connection.status.value).toBe('refused');
    expect(connection.problem.value).toEqual({ code: 'DEVICE_NOT_PAIRED', message: '设备未配对或配对已失效，请联系管理员重新配对' });
    connection.reconnect();
    expect(socket.connects).toBe(1);
    expect(connection.problem.value).toBeNull();
  });

  it('prefers the server’s own (Chinese) message when it sends one', () => {
    const { socket, connection } = setup();
    socket.fire('connect_error', Object.assign(new Error('refused'), { data: { code: 'PROTOCOL_MISMATCH', message: '程序版本与服务器不一致（客户端协议 1，服务器协议 2）' } }));
    expect(connection.problem.value?.message).toBe('程序版本与服务器不一致（客户端协议 1，服务器协议 2）');
  });

  it('a snapshot of another protocol version is refused', () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', { ...snapshot(1), protocol: 99 });
    expect(connection.status.value).toBe('refused');
    expect(connection.problem.value?.code).toBe('PROTOCOL_MISMATCH');
  });
});

describe('notices outside the sequence', () => {
  it('reach their listeners as they arrive, leave the hall state alone, and stop when unsubscribed', () => {
    const { socket, connection } = setup();
    socket.serverAccepts();
    socket.fire('hall:snapshot', snapshot(5));
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = connection.onNotice('submission:attached', (n) => first.push(n));
    connection.onNotice('submission:attached', (n) => second.push(n));
    socket.fire('submission:attached', { ticketId: 't1', submissionId: 'f1' });
    expect(first).toEqual([{ ticketId: 't1', submissionId: 'f1' }]);
    expect(second).toEqual([{ ticketId: 't1', submissionId: 'f1' }]);
    // Not an event: no sequence number to check, no snapshot asked for.
    expect(connection.state.value?.seq).toBe(5);
    expect(socket.lastEmit('snapshot:get')).toBeUndefined();
    stopFirst();
    socket.fire('submission:attached', { ticketId: 't2', submissionId: 'f2' });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(2);
    connection.close();
    socket.fire('submission:attached', { ticketId: 't3', submissionId: 'f3' });
    expect(second).toHaveLength(2);
  });
});

describe('deviceAuth', () => {
  it('sends the protocol, the stored token and the ?device= id', () => {
    const storage = { getItem: (key: string) => (key === 'hall.kiosk.deviceToken' ? 'tok' : null) };
    expect(deviceAuth(storage, 'hall.kiosk.deviceToken', '?device=kiosk-1')).toEqual({ protocol: PROTOCOL_VERSION, token: 'tok', deviceId: 'kiosk-1' });
    expect(deviceAuth({ getItem: () => null }, 'hall.kiosk.deviceToken', '')).toEqual({ protocol: PROTOCOL_VERSION });
  });
});
