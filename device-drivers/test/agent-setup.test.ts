// Setup mode's commands on a real agent (in process, port 0) through a real Socket.IO client:
// the ticket printer moves from its simulator to a serial line (a socat pseudo-terminal with
// the printer simulator on the far end), the devices restart, and the next ticket arrives there.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AgentClientToServerEvents,
  AgentReply,
  AgentRestartResult,
  AgentServerToClientEvents,
  DeviceConfigView,
  DeviceStatus,
  PortList,
  PrintTicketResult,
} from '@hall/common/agent';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import { startAgent } from '../src/agent/agent.ts';
import { parseAgentConfig } from '../src/agent/config.ts';
import { isSetupClient } from '../src/agent/server.ts';
import { PrinterSimulator } from '../src/printer/simulator.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import type { DeviceFault, HallLink, HallLinkEvents, HallLinkState } from '../src/agent/hall-link.ts';
import { createPtyPair, socatBackoff } from './helpers/socat.ts';
import { nextEvent, waitUntil } from './helpers/wait.ts';

type Client = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

const slip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/golden/ticket-slip.json', import.meta.url), 'utf8')));
const KIOSK_ORIGIN = 'http://127.0.0.1:8080';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fileDevices = [
  { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-80' },
  { id: 'idCardReader', kind: 'idCardReader', uri: 'sim:' },
  { id: 'a4Printer', kind: 'a4Printer', uri: 'sim:' },
];

async function start({ sim = false, origin = KIOSK_ORIGIN as string | null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hall-agent-setup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'agent.json');
  writeFileSync(path, JSON.stringify({ port: 0, devices: fileDevices }, null, 2));
  const config = parseAgentConfig(JSON.parse(readFileSync(path, 'utf8')));
  const agent = await startAgent(config, { configPath: path, sim, logger: pino({ level: 'silent' }), hallLink: null, transportOptions: { backoff: socatBackoff } });
  cleanups.push(() => agent.close());
  const client = await connect(agent.port, origin);
  return { agent, client, path };
}

async function connect(port: number, origin: string | null): Promise<Client> {
  // A browser page sends its origin with the WebSocket upgrade; so does this client.
  const client: Client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, ...(origin ? { extraHeaders: { origin } } : {}) });
  cleanups.push(() => void client.close());
  await nextEvent(client as unknown as EventEmitter, 'devices');
  return client;
}

function ask<T>(client: Client, event: keyof AgentClientToServerEvents, request?: unknown): Promise<AgentReply<T>> {
  const c = client as unknown as { timeout(ms: number): { emitWithAck(e: string, ...args: unknown[]): Promise<AgentReply<T>> } };
  return request === undefined ? c.timeout(10_000).emitWithAck(event) : c.timeout(10_000).emitWithAck(event, request);
}

const data = <T>(reply: AgentReply<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data;
};

describe('setup mode commands on the device agent', () => {
  it('moves the ticket printer from its simulator to a serial line, restarts, and the next ticket is printed there', async () => {
    const { agent, client, path } = await start();
    const view = data(await ask<DeviceConfigView>(client, 'config:read'));
    expect(view).toMatchObject({ path, readOnly: null, devices: fileDevices.map(({ id, kind, uri }) => ({ id, kind, uri })) });
    expect(view.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['ticketPrinter', 'ledBus']));

    // The printer on the far end of a serial cable.
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const deviceEnd = new SerialTransport({ path: pty.b, backoff: socatBackoff });
    cleanups.push(() => deviceEnd.close());
    const serialPrinter = new PrinterSimulator(deviceEnd);
    await deviceEnd.open();

    const original = readFileSync(path, 'utf8');
    const edited = view.devices.map((d) => (d.id === 'ticketPrinter' ? { ...d, uri: `serial:${pty.a}?baud=115200` } : d));
    const saved = data(await ask<DeviceConfigView>(client, 'config:save', { devices: edited }));
    expect(saved.devices.find((d) => d.id === 'ticketPrinter')!.uri).toBe(`serial:${pty.a}?baud=115200`);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(original);
    // Other settings of the device are kept.
    expect(JSON.parse(readFileSync(path, 'utf8')).devices[0]).toEqual({ id: 'ticketPrinter', kind: 'ticketPrinter', uri: `serial:${pty.a}?baud=115200`, profile: 'generic-80' });

    // Saved is not yet running: a ticket still goes to the simulator.
    const simulated = agent.hub.simulators.printer!;
    data(await ask<PrintTicketResult>(client, 'print:ticket', { slip }));
    expect(simulated.printed).toHaveLength(1);

    const pushed = nextEvent<[DeviceStatus[]]>(client as unknown as EventEmitter, 'devices', 10_000);
    const statuses: DeviceStatus[] = [];
    client.on('device:status', (status) => statuses.push(status));
    const restarted = data(await ask<AgentRestartResult>(client, 'agent:restart'));
    const printerNow = restarted.devices.find((d) => d.id === 'ticketPrinter')!;
    expect(printerNow).toMatchObject({ kind: 'ticketPrinter', uri: `serial:${pty.a}?baud=115200` });
    expect(restarted.devices.map((d) => d.id)).toEqual(['ticketPrinter', 'idCardReader', 'a4Printer']);
    // Every client hears the new list, so a kiosk drops what it knew of the old devices.
    expect((await pushed)[0].find((d) => d.id === 'ticketPrinter')!.uri).toBe(`serial:${pty.a}?baud=115200`);
    // Devices closed for a restart are not reported offline: a kiosk would pass that on to staff as faults.
    expect(statuses.filter((st) => st.state === 'offline')).toEqual([]);
    await waitUntil(() => agent.hub.status('ticketPrinter')!.state === 'ready', 5_000, 'the serial printer to be ready');

    const printed = data(await ask<PrintTicketResult>(client, 'print:ticket', { slip: { ...slip, number: 'S042' } }));
    expect(printed.deviceId).toBe('ticketPrinter');
    expect(serialPrinter.printed).toHaveLength(1);
    expect(serialPrinter.printed[0]!.text).toContain('S042');
    expect(simulated.printed).toHaveLength(1);
    // The old simulator is gone with its device: its demo controls no longer reach it.
    expect(agent.hub.simulators.printer).toBeUndefined();
  });

  it('refuses a bad address naming the device and what is wrong, and leaves the file alone', async () => {
    const { client, path } = await start();
    const before = readFileSync(path, 'utf8');
    const reply = await ask<DeviceConfigView>(client, 'config:save', {
      devices: [
        { id: 'ticketPrinter', kind: 'ticketPrinter', uri: '/dev/ttyUSB0' },
        { id: 'a4Printer', kind: 'a4Printer', uri: 'serial:/dev/ttyUSB1' },
      ],
    });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'INVALID_CONFIG',
        message: '小票打印机（ticketPrinter）：“/dev/ttyUSB0”不是设备地址，串口请写作 serial:/dev/ttyUSB0；A4 打印机（a4Printer）：不能使用 serial: 地址，可用：cups:、ipp://、sim:',
      },
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('keeps the devices running when the file was broken by hand, and does one change at a time', async () => {
    const { agent, client, path } = await start();
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, '{ "devices": [ { "id": "p", "kind": "ticketPrinter", "uri": "usb:1" } ] }');
    const refused = await ask<AgentRestartResult>(client, 'agent:restart');
    expect(refused.ok === false && refused.error.code).toBe('INVALID_CONFIG');
    expect(refused.ok === false && refused.error.message).toMatch(/^配置文件有误，设备未重启：/);
    expect([...agent.hub.devices.keys()]).toEqual(['ticketPrinter', 'idCardReader', 'a4Printer']);
    data(await ask<PrintTicketResult>(client, 'print:ticket', { slip }));

    writeFileSync(path, good);
    const both = await Promise.all([ask<AgentRestartResult>(client, 'agent:restart'), ask<AgentRestartResult>(client, 'agent:restart')]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['BUSY', 'ok']);
  });

  it('lists candidate ports, each source failing into a note rather than an error', async () => {
    const { client } = await start();
    const list = data(await ask<PortList>(client, 'ports:list'));
    expect(Array.isArray(list.candidates)).toBe(true);
    for (const c of list.candidates) expect(c.uri).toMatch(/^(serial|hid):/);
    // Either something was found, or the admin is told why nothing was.
    expect(list.candidates.length + list.notes.length).toBeGreaterThan(0);
  });

  it('a --sim agent shows its devices but will not save them', async () => {
    const { client, path } = await start({ sim: true });
    const view = data(await ask<DeviceConfigView>(client, 'config:read'));
    expect(view.readOnly).toMatch(/模拟模式（--sim）/);
    const reply = await ask<DeviceConfigView>(client, 'config:save', { devices: [] });
    expect(reply).toEqual({ ok: false, error: { code: 'CONFIG_READ_ONLY', message: view.readOnly } });
    expect(JSON.parse(readFileSync(path, 'utf8')).devices).toHaveLength(3);
  });

  it('on a window PC, a device removed by a restart no longer counts among the faults the hall server sees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-agent-setup-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'agent.json');
    const gone = join(dir, 'no-such-tty');
    writeFileSync(path, JSON.stringify({ port: 0, devices: [{ id: 'windowBus', kind: 'windowBus', uri: `serial:${gone}` }] }));
    const faults: DeviceFault[][] = [];
    const link = Object.assign(new EventEmitter<HallLinkEvents>(), {
      state: 'connected' as HallLinkState,
      keypadAction: async () => ({ ok: true as const }),
      rating: async () => ({ ok: true as const }),
      reportFaults: async (list: DeviceFault[]) => (faults.push(list), { ok: true as const }),
      close: async () => {},
    }) satisfies HallLink;
    const agent = await startAgent(parseAgentConfig(JSON.parse(readFileSync(path, 'utf8'))), { configPath: path, logger: pino({ level: 'silent' }), hallLink: link, transportOptions: { backoff: socatBackoff } });
    cleanups.push(() => agent.close());
    await waitUntil(() => faults.at(-1)?.some((f) => f.device === 'windowBus' && f.code === 'offline') ?? false, 5_000, 'the missing bus to be reported');
    await agent.setup.save([]);
    await agent.setup.restart();
    await waitUntil(() => faults.at(-1)?.length === 0, 5_000, 'the fault to be cleared');
  });

  it('only a page of ours on this machine may use the setup commands', async () => {
    const { agent, path } = await start();
    const program = await connect(agent.port, null);
    for (const command of ['config:read', 'ports:list', 'agent:restart'] as const) {
      expect(await ask(program, command)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有本机自助终端的设置模式可以修改设备服务' } });
    }
    const before = readFileSync(path, 'utf8');
    expect((await ask(program, 'config:save', { devices: [] })).ok).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(before);
    // Ordinary commands stay open to it.
    expect((await ask(program, 'devices:list')).ok).toBe(true);

    const allowed = ['http://hall.local:8080'];
    expect(isSetupClient('127.0.0.1', 'http://localhost:5173', allowed)).toBe(true);
    expect(isSetupClient('::ffff:127.0.0.1', 'http://hall.local:8080', allowed)).toBe(true);
    expect(isSetupClient('::1', 'http://[::1]:8080', allowed)).toBe(true);
    expect(isSetupClient('10.0.0.7', 'http://hall.local:8080', allowed), 'another machine').toBe(false);
    expect(isSetupClient('127.0.0.1', 'http://evil.example', allowed), 'another site').toBe(false);
    expect(isSetupClient('127.0.0.1', undefined, allowed), 'no origin').toBe(false);
  });
});
