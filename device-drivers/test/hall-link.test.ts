// The window-PC link against a stand-in hall server that speaks the /agent namespace of
// common/src/events.ts: handshake auth, the snapshot naming this agent's window, sequenced
// call broadcasts, and the keypad/rating/status commands with their replies.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type HallEvent, type HallSnapshot } from '@hall/common/events';
import type { Reply } from '@hall/common/errors';
import { SocketIoHallLink } from '../src/agent/hall-link-socketio.ts';
import type { WindowCall } from '../src/agent/hall-link.ts';
import { waitUntil } from './helpers/wait.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Received {
  auth: Record<string, unknown>[];
  commands: Array<{ name: string; request: unknown }>;
}

async function fakeHall(options: { refuse?: boolean } = {}) {
  const http = createServer();
  const io = new Server(http);
  const received: Received = { auth: [], commands: [] };
  const agent = io.of('/agent');
  // The hall-wide sequence: every broadcast takes the next number; snapshots carry the last.
  let seq = 40;
  const snapshot = () => ({ seq, device: { id: 'agent-3', kind: 'agent', name: '3号窗口', windowId: 'w3', board: null } }) as unknown as HallSnapshot;
  let snapshotRequests = 0;
  agent.use((socket, next) => {
    received.auth.push(socket.handshake.auth as Record<string, unknown>);
    if (options.refuse) {
      const err = new Error('DEVICE_NOT_PAIRED') as Error & { data?: unknown };
      err.data = { code: 'DEVICE_NOT_PAIRED', message: '设备未配对' };
      next(err);
      return;
    }
    next();
  });
  agent.on('connection', (socket) => {
    socket.emit('hall:snapshot', snapshot());
    socket.on('snapshot:get', (_request: unknown, ack: (r: Reply<HallSnapshot>) => void) => {
      snapshotRequests++;
      ack({ ok: true, data: snapshot() });
    });
    for (const name of ['keypad:action', 'rating:submit', 'device:status']) {
      socket.on(name, (request: unknown, ack: (r: Reply<unknown>) => void) => {
        received.commands.push({ name, request });
        if (name === 'keypad:action' && (request as { action: string }).action === 'pause') {
          ack({ ok: false, error: { code: 'WINDOW_CLOSED', message: '窗口未签到' } } as unknown as Reply<unknown>);
          return;
        }
        ack({ ok: true, data: {} });
      });
    }
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => io.close(() => r())));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const call = (windowId: string, number: string, type: 'ticket:called' | 'ticket:recalled' = 'ticket:called') =>
    agent.emit('hall:events', [{
      seq: ++seq,
      type,
      at: 0,
      hallDay: '2026-11-23',
      actor: {},
      ticket: { number, windowId, categoryId: 'c1' },
      window: { windowId },
      windowNumber: 3,
      stats: [{ categoryId: 'c1', waiting: 6 }],
    } as unknown as HallEvent]);
  /** Events the agent never hears about (lost on the way). */
  const lose = (count: number) => {
    seq += count;
  };
  return { url, received, call, lose, snapshotRequests: () => snapshotRequests };
}

describe('hall link over Socket.IO', () => {
  it('authenticates, follows its window’s calls, and sends keys, ratings and faults', async () => {
    const hall = await fakeHall();
    const link = new SocketIoHallLink({ url: hall.url, token: 'device-token-1' });
    cleanups.push(() => link.close());
    await waitUntil(() => link.state === 'connected' && link.windowId === 'w3');
    expect(hall.received.auth[0]).toEqual({ protocol: PROTOCOL_VERSION, token: 'device-token-1' });

    const calls: WindowCall[] = [];
    link.on('call', (c) => calls.push(c));
    hall.call('w5', 'B001');
    hall.call('w3', 'A012');
    hall.call('w3', 'A012', 'ticket:recalled');
    await waitUntil(() => calls.length === 2);
    expect(calls).toEqual([
      { number: 'A012', windowNumber: 3, recall: false, waiting: 6 },
      { number: 'A012', windowNumber: 3, recall: true, waiting: 6 },
    ]);

    expect(await link.keypadAction('callNext')).toEqual({ ok: true });
    expect(await link.keypadAction('pause')).toEqual({ ok: false, code: 'WINDOW_CLOSED', message: '窗口未签到' });
    expect(await link.keypadAction('transfer')).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(await link.rating('basically_satisfied')).toEqual({ ok: true });
    expect(await link.reportFaults([{ device: 'ticketPrinter', code: 'paper_end', message: '打印机缺纸' }])).toEqual({ ok: true });
    expect(hall.received.commands).toEqual([
      { name: 'keypad:action', request: { action: 'callNext' } },
      { name: 'keypad:action', request: { action: 'pause' } },
      { name: 'rating:submit', request: { level: 'basically_satisfied' } },
      { name: 'device:status', request: { faults: [{ device: 'ticketPrinter', code: 'paper_end', message: '打印机缺纸' }] } },
    ]);
  });

  it('asks for a snapshot when events were lost, and follows calls again after it', async () => {
    const hall = await fakeHall();
    const link = new SocketIoHallLink({ url: hall.url, token: 'device-token-1' });
    cleanups.push(() => link.close());
    await waitUntil(() => link.state === 'connected' && link.windowId === 'w3');
    const calls: WindowCall[] = [];
    link.on('call', (c) => calls.push(c));
    hall.call('w3', 'A001');
    await waitUntil(() => calls.length === 1);
    expect(hall.snapshotRequests()).toBe(0);

    hall.lose(2);
    hall.call('w3', 'A004'); // comes after a hole: not trusted, a snapshot is asked for
    await waitUntil(() => hall.snapshotRequests() === 1);
    hall.call('w3', 'A005');
    await waitUntil(() => calls.length === 2);
    expect(calls.map((c) => c.number)).toEqual(['A001', 'A005']);
    expect(hall.snapshotRequests()).toBe(1);
  });

  it('stops retrying when the hall refuses the device, and says why', async () => {
    const hall = await fakeHall({ refuse: true });
    const link = new SocketIoHallLink({ url: hall.url });
    cleanups.push(() => link.close());
    const reasons: string[] = [];
    link.on('state', (state, reason) => state === 'refused' && reasons.push(reason ?? ''));
    await waitUntil(() => link.state === 'refused');
    expect(reasons[0]).toContain('DEVICE_NOT_PAIRED');
    expect(await link.rating('satisfied')).toMatchObject({ ok: false, code: 'DISCONNECTED' });
  });
});
