import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@hall/common/agent';
import { createAgentConnection, type AgentSocket } from './agent-connection.ts';

/** Just enough of a Socket.IO client socket: handlers by event, a scripted ack. */
function fakeSocket(answer: (event: string, args: unknown[]) => unknown) {
  const handlers = new Map<string, (arg?: unknown) => void>();
  const socket = {
    connected: false,
    on(event: string, fn: (arg?: unknown) => void) {
      handlers.set(event, fn);
      return socket;
    },
    timeout: () => ({
      emit(event: string, ...args: unknown[]) {
        const ack = args.pop() as (err: Error | null, reply: unknown) => void;
        const reply = answer(event, args);
        if (reply === undefined) ack(new Error('timeout'), undefined);
        else ack(null, reply);
      },
    }),
    close() {
      socket.connected = false;
    },
    fire(event: string, arg?: unknown) {
      if (event === 'connect') socket.connected = true;
      if (event === 'disconnect') socket.connected = false;
      handlers.get(event)?.(arg);
    },
  };
  return socket;
}

const printer: DeviceStatus = { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', state: 'ready' };

describe('agent connection', () => {
  it('status and devices follow the socket; a status push updates one device', () => {
    const socket = fakeSocket(() => undefined);
    const agent = createAgentConnection({ url: 'http://127.0.0.1:7600', openSocket: () => socket as unknown as AgentSocket });
    expect(agent.status.value).toBe('connecting');
    socket.fire('connect');
    socket.fire('devices', [printer]);
    expect(agent.status.value).toBe('online');
    socket.fire('device:status', { ...printer, state: 'offline' });
    expect(agent.devices.value).toEqual([{ ...printer, state: 'offline' }]);
    socket.fire('disconnect');
    expect(agent.status.value).toBe('offline');
    expect(agent.devices.value).toEqual([]);
  });

  it('refuses to print while offline instead of queueing the slip for later', async () => {
    let emitted = 0;
    const socket = fakeSocket(() => (emitted++, { ok: true, data: { deviceId: 'ticketPrinter', bytes: 1 } }));
    const agent = createAgentConnection({ url: 'http://x', openSocket: () => socket as unknown as AgentSocket });
    const reply = await agent.printTicket({} as never);
    expect(reply).toEqual({ ok: false, error: { code: 'DEVICE_OFFLINE', message: '本机设备服务未连接' } });
    expect(emitted).toBe(0);
    socket.fire('connect');
    expect((await agent.printTicket({} as never)).ok).toBe(true);
  });

  it('an unanswered print is a TIMEOUT with the agent wording', async () => {
    const socket = fakeSocket(() => undefined);
    const agent = createAgentConnection({ url: 'http://x', openSocket: () => socket as unknown as AgentSocket });
    socket.fire('connect');
    expect(await agent.printTicket({} as never)).toEqual({ ok: false, error: { code: 'TIMEOUT', message: '设备无响应，请稍后再试' } });
  });

  it('card pushes reach listeners until they unsubscribe; a new address opens a new socket', () => {
    const sockets: Array<ReturnType<typeof fakeSocket>> = [];
    const agent = createAgentConnection({
      url: 'http://a',
      openSocket: () => {
        const s = fakeSocket(() => undefined);
        sockets.push(s);
        return s as unknown as AgentSocket;
      },
    });
    const seen: unknown[] = [];
    const stop = agent.onIdCard((read) => seen.push(read.deviceId));
    sockets[0]!.fire('idcard', { deviceId: 'reader', at: '', card: {} });
    stop();
    sockets[0]!.fire('idcard', { deviceId: 'reader', at: '', card: {} });
    expect(seen).toEqual(['reader']);
    agent.setUrl('http://b');
    expect(sockets).toHaveLength(2);
    expect(agent.url.value).toBe('http://b');
  });

  it('setup commands go out under their names and, offline, are refused without being queued', async () => {
    const sent: Array<[string, unknown[]]> = [];
    const socket = fakeSocket((event, args) => (sent.push([event, args]), { ok: true, data: null }));
    const agent = createAgentConnection({ url: 'http://x', openSocket: () => socket as unknown as AgentSocket });
    expect((await agent.restart()).ok).toBe(false);
    expect(sent).toEqual([]);
    socket.fire('connect');
    const devices = [{ id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'serial:/dev/ttyUSB0?baud=115200' }];
    await agent.readConfig();
    await agent.saveConfig(devices);
    await agent.listPorts();
    await agent.restart();
    expect(sent).toEqual([
      ['config:read', []],
      ['config:save', [{ devices }]],
      ['ports:list', []],
      ['agent:restart', []],
    ]);
  });
});
