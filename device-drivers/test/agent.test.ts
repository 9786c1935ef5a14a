import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { agentErrorMessages } from '@hall/common/agent';
import type {
  AgentClientToServerEvents,
  AgentErrorCode,
  AgentReply,
  AgentServerToClientEvents,
  AgentStatus,
  DeviceStatus,
  IdCardRead,
  IdCardReadFailed,
  KeypadAction,
  KeypadPress,
  PrintPdfResult,
  PrintTicketResult,
  Rating,
  RatingLevel,
  Scan,
} from '@hall/common/agent';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import { startAgent, type RunningAgent } from '../src/agent/agent.ts';
import { parseAgentConfig, type AgentConfigInput } from '../src/agent/config.ts';
import { presentFixtureCard } from '../src/agent/devices.ts';
import { toReply } from '../src/agent/server.ts';
import { A4PrintError, type A4PrintErrorCode } from '../src/a4/ipp-printer.ts';
import type { DeviceFault, HallLink, HallLinkEvents, HallLinkResult, HallLinkState } from '../src/agent/hall-link.ts';
import { EscPosDecoder } from '../src/printer/codec-decode.ts';
import { PaperModel } from '../src/printer/paper.ts';
import { minimalPdf } from '@hall/fixtures/src/pdf.ts';
import { nextEvent, waitUntil } from './helpers/wait.ts';

type Client = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

const slip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/golden/ticket-slip.json', import.meta.url), 'utf8')));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

async function start(config: AgentConfigInput = {}, hallLink: HallLink | null = null) {
  const logs = captureLogs();
  const agent = await startAgent(parseAgentConfig({ port: 0, ...config }), { sim: true, logger: logs.logger, hallLink });
  cleanups.push(() => agent.close());
  const client: Client = io(`http://127.0.0.1:${agent.port}`, { transports: ['websocket'], reconnection: false });
  cleanups.push(() => void client.close());
  const [devices] = await nextEvent<[DeviceStatus[]]>(client as unknown as EventEmitter, 'devices');
  return { agent, client, devices, logs };
}

function ask<T>(client: Client, event: keyof AgentClientToServerEvents, request?: unknown): Promise<AgentReply<T>> {
  const c = client as unknown as { timeout(ms: number): { emitWithAck(e: string, ...args: unknown[]): Promise<AgentReply<T>> } };
  return request === undefined ? c.timeout(5_000).emitWithAck(event) : c.timeout(5_000).emitWithAck(event, request);
}

function sims(agent: RunningAgent) {
  const s = agent.hub.simulators;
  return { printer: s.printer!, idcard: s.idCardReader!, scanner: s.scanner!, a4: s.a4Printer!, bus: s.windowBus! };
}

describe('device agent with simulated devices', () => {
  it('lists every device, ready, on connect', async () => {
    const { devices } = await start();
    expect(devices.map((d) => [d.id, d.kind, d.state])).toEqual([
      ['ticketPrinter', 'ticketPrinter', 'ready'],
      ['idCardReader', 'idCardReader', 'ready'],
      ['scanner', 'scanner', 'ready'],
      ['a4Printer', 'a4Printer', 'ready'],
      ['windowBus', 'windowBus', 'ready'],
    ]);
  });

  it('prints a ticket: the reply comes after printing, and the paper reads back as the slip', async () => {
    const { agent, client } = await start();
    const reply = await ask<PrintTicketResult>(client, 'print:ticket', { slip });
    expect(reply).toEqual({ ok: true, data: { deviceId: 'ticketPrinter', bytes: readFileSync(new URL('../../fixtures/golden/ticket-generic-80.bin', import.meta.url)).length } });
    const printed = sims(agent).printer.printed;
    expect(printed).toHaveLength(1);
    // Decode the captured bytes ourselves, independent of the simulator's own reading.
    const paper = new PaperModel();
    for (const e of new EscPosDecoder().push(printed[0]!.bytes)) paper.apply(e);
    const lines = paper.pages[0]!.lines.map((l) => l.text);
    expect(lines).toEqual(
      expect.arrayContaining([slip.hallName, slip.categoryName, slip.number, '您前面还有 7 人等候', '预计等候：约25分钟', slip.windowHint!, '取号时间：2026-11-23 09:05', ...slip.notices]),
    );
    expect(paper.pages[0]!.qrCodes).toEqual([slip.qrUrl]);
  });

  it('fails a ticket with the reason and a Chinese message when the paper is out, and pushes the status', async () => {
    const { agent, client } = await start();
    const statusPush = nextEvent<[DeviceStatus]>(client as unknown as EventEmitter, 'device:status');
    sims(agent).printer.setPaper('end');
    const reply = await ask<PrintTicketResult>(client, 'print:ticket', { slip });
    expect(reply).toEqual({ ok: false, error: { code: 'PAPER_END', message: '打印机缺纸，请联系工作人员' } });
    const [status] = await statusPush;
    expect(status).toMatchObject({ id: 'ticketPrinter', state: 'error', fault: 'PAPER_END', printer: { paperEnd: true } });
  });

  it('fails a ticket when the cover is open', async () => {
    const { agent, client } = await start();
    sims(agent).printer.setCoverOpen(true);
    const reply = await ask<PrintTicketResult>(client, 'print:ticket', { slip });
    expect(reply.ok === false && reply.error.code).toBe('COVER_OPEN');
  });

  it('refuses a malformed request with INVALID_REQUEST and an unknown device with NO_DEVICE', async () => {
    const { client } = await start();
    const bad = await ask<PrintTicketResult>(client, 'print:ticket', { slip: { ...slip, issuedAt: 'yesterday' } });
    expect(bad.ok === false && bad.error.code).toBe('INVALID_REQUEST');
    const none = await ask<PrintTicketResult>(client, 'print:ticket', { slip, deviceId: 'nope' });
    expect(none).toEqual({ ok: false, error: { code: 'NO_DEVICE', message: '未配置该设备' } });
  });

  it('pushes an ID card once, and never writes the name or ID number to the log', async () => {
    const { agent, client, logs } = await start();
    const pushed = nextEvent<[IdCardRead]>(client as unknown as EventEmitter, 'idcard');
    presentFixtureCard(sims(agent).idcard, 'residentA');
    const [read] = await pushed;
    expect(read.card).toMatchObject({ cardType: 'resident', name: '测试甲', idNumber: '110101199003070011' });
    await waitUntil(() => logs.lines.some((l) => l.includes('card read')));
    const log = logs.lines.join('');
    expect(log).toContain('"cardType":"resident"');
    expect(log).not.toContain('测试甲');
    expect(log).not.toContain('110101199003070011');
  });

  it('reports an ID card reader whose SAM module is not authorised', async () => {
    const { agent, client } = await start();
    const s = sims(agent);
    s.idcard.samStatusCode = 0x66;
    const pushes: DeviceStatus[] = [];
    client.on('device:status', (status) => pushes.push(status));
    // The hub asks the SAM every time the reader (re)connects; play a reconnect.
    agent.hub.devices.get('idCardReader')!.transport!.emit('state', 'open');
    await waitUntil(() => pushes.some((p) => p.state === 'error'));
    const status = pushes.find((p) => p.state === 'error')!;
    expect(status.id).toBe('idCardReader');
    expect(status.message).toContain('samNotAuthorised');
  });

  it('tells the kiosk when a card was taken away before it was read', async () => {
    const { agent, client } = await start();
    const failed = nextEvent<[IdCardReadFailed]>(client as unknown as EventEmitter, 'idcard:failed');
    sims(agent).idcard.pullDuringNextRead();
    presentFixtureCard(sims(agent).idcard, 'residentA');
    const [failure] = await failed;
    expect(failure).toMatchObject({ deviceId: 'idCardReader', reason: 'cardRemoved' });
    expect(failure.message).toContain('身份证');
  });

  it('pushes scans, keypad keys and ratings, and shows numbers on a keypad', async () => {
    const { agent, client } = await start();
    const s = sims(agent);
    const scan = nextEvent<[Scan]>(client as unknown as EventEmitter, 'scan');
    await s.scanner.scan('https://zwfw.example.gov.cn/核验/1');
    expect((await scan)[0]).toMatchObject({ deviceId: 'scanner', text: 'https://zwfw.example.gov.cn/核验/1' });

    const press = nextEvent<[KeypadPress]>(client as unknown as EventEmitter, 'keypad:pressed');
    s.bus.press(1, 'callNext');
    expect((await press)[0]).toMatchObject({ deviceId: 'windowBus', address: 1, action: 'callNext' });

    const rated = nextEvent<[Rating]>(client as unknown as EventEmitter, 'evaluator:rated');
    s.bus.rate(2, 'satisfied');
    expect((await rated)[0]).toMatchObject({ address: 2, rating: 'satisfied' });

    expect(await ask<null>(client, 'keypad:display', { address: 1, number: 'A015', waiting: 3 })).toEqual({ ok: true, data: null });
    expect(s.bus.keypad(1)).toMatchObject({ number: '015', waiting: '3' });
  });

  it('prints a PDF on the simulated A4 printer and refuses what is not a PDF', async () => {
    const { agent, client } = await start();
    const ok = await ask<PrintPdfResult>(client, 'print:pdf', { pdf: Buffer.from(minimalPdf('hello')), title: '申请表' });
    expect(ok).toEqual({ ok: true, data: { deviceId: 'a4Printer', jobId: 1 } });
    expect(sims(agent).a4.jobs[0]).toMatchObject({ title: '申请表', copies: 1 });
    const bad = await ask<PrintPdfResult>(client, 'print:pdf', { pdf: Buffer.from('not a pdf') });
    expect(bad.ok === false && bad.error.code).toBe('PRINT_FAILED');
  });

  it('an A4 printer fault set through the simulator control reaches the kiosk as its own code and Chinese message; nothing prints later', async () => {
    const { agent, client } = await start();
    const sim = (path: string) => fetch(`http://127.0.0.1:${agent.port}${path}`, { method: 'POST' });
    const printed = async () => ((await (await fetch(`http://127.0.0.1:${agent.port}/sim/a4/jobs`)).json()) as Array<{ jobId: number }>).map((j) => j.jobId);
    const pdf = Buffer.from(minimalPdf('cert'));
    const cases: Array<[query: string, code: string, message: string]> = [
      ['reason=media-empty', 'PAPER_END', '打印机缺纸，请联系工作人员'],
      ['reason=media-jam', 'PAPER_JAM', '打印机卡纸，请联系工作人员'],
      ['reason=aborted-by-system&mode=abort', 'PRINTER_ERROR', '打印机故障，请联系工作人员'],
      ['reason=job-canceled-at-device&mode=abort', 'PRINT_FAILED', '打印失败，请联系工作人员'],
    ];
    for (const [query, code, message] of cases) {
      expect((await sim(`/sim/a4/fail?${query}`)).status).toBe(200);
      expect(await ask<PrintPdfResult>(client, 'print:pdf', { pdf, title: 'cert' }), query).toEqual({ ok: false, error: { code, message } });
      // The failed print has the printer's status checked again: a held job's fault stands (the regular check is 30 s away).
      if (query === 'reason=media-empty') await waitUntil(() => agent.hub.status('a4Printer')?.message === message, 3_000, 'the A4 printer status to show the fault');
    }
    expect((await (await sim('/sim/a4/fail?reason=media-empty-report')).json()) as unknown).toEqual({ failure: { printerStateReasons: ['media-empty-report'], abortJobs: null } });
    expect(await ask<PrintPdfResult>(client, 'print:pdf', { pdf, title: 'cert' })).toEqual({ ok: true, data: { deviceId: 'a4Printer', jobId: cases.length + 1 } });
    // The cancelled jobs stay cancelled once the fault is cleared; the next one prints.
    await sim('/sim/a4/fail?reason=');
    expect(await ask<PrintPdfResult>(client, 'print:pdf', { pdf, title: 'cert' })).toEqual({ ok: true, data: { deviceId: 'a4Printer', jobId: cases.length + 2 } });
    expect(await printed()).toEqual([cases.length + 1, cases.length + 2]);
    expect((await sim('/sim/a4/fail?reason=Paper%20out')).status).toBe(400);
  });

  it('an A4 printer fault while idle shows in its device status with its code within the check period, and clears with it', async () => {
    const { agent, client } = await start({ devices: [{ id: 'a4Printer', kind: 'a4Printer', uri: 'sim:', statusIntervalMs: 100 }] });
    const pushed: DeviceStatus[] = [];
    client.on('device:status', (status) => pushed.push(status));
    const sim = async (query: string) => expect((await fetch(`http://127.0.0.1:${agent.port}/sim/a4/fail?${query}`, { method: 'POST' })).status).toBe(200);
    const pushedNow = (state: string, message: string) => () => pushed.at(-1)?.state === state && pushed.at(-1)?.message === message;

    // A report or a warning is information, not a fault: after a check the printer is still ready.
    await sim('reason=media-empty-report,toner-empty-warning');
    await agent.hub.refreshA4('a4Printer');
    expect(agent.hub.status('a4Printer')).toMatchObject({ state: 'ready', message: '正常' });
    expect(agent.hub.faults()).toEqual([]);
    expect(pushed).toEqual([]);

    // Out of paper with nobody printing: the regular check finds it and pushes the status.
    await sim('reason=media-empty');
    await waitUntil(pushedNow('error', '打印机缺纸，请联系工作人员'), 5_000, 'the paper-out status to be pushed');
    expect(pushed.at(-1)).toMatchObject({ id: 'a4Printer', kind: 'a4Printer', state: 'error' });
    expect(agent.hub.faults()).toEqual([{ device: 'a4Printer', code: 'paper_end', message: '打印机缺纸，请联系工作人员' }]);
    const status = (await (await fetch(`http://127.0.0.1:${agent.port}/status`)).json()) as AgentStatus;
    expect(status.devices).toMatchObject([{ id: 'a4Printer', state: 'error', fault: 'PAPER_END', message: '打印机缺纸，请联系工作人员' }]);

    const cases: Array<[reasons: string, state: string, fault: { code: string; message: string }]> = [
      ['media-jam,paused', 'error', { code: 'paper_jam', message: agentErrorMessages.PAPER_JAM }],
      ['door-open', 'error', { code: 'cover_open', message: agentErrorMessages.COVER_OPEN }],
      ['marker-supply-empty', 'error', { code: 'out_of_toner', message: agentErrorMessages.OUT_OF_TONER }],
      ['paused', 'error', { code: 'printer_error', message: agentErrorMessages.PRINTER_ERROR }],
      // A printer that says it is offline is reported like one that does not answer.
      ['offline', 'offline', { code: 'offline', message: agentErrorMessages.DEVICE_OFFLINE }],
    ];
    for (const [reasons, state, fault] of cases) {
      await sim(`reason=${reasons}`);
      await waitUntil(() => agent.hub.faults()[0]?.code === fault.code, 5_000, `the ${reasons} fault`);
      expect(agent.hub.faults(), reasons).toEqual([{ device: 'a4Printer', ...fault }]);
      await waitUntil(() => pushed.at(-1)?.state === state, 5_000, `the ${reasons} status to be pushed`);
    }

    // Cleared at the printer: cleared in the status.
    await sim('reason=');
    await waitUntil(pushedNow('ready', '正常'), 5_000, 'the cleared status to be pushed');
    expect(agent.hub.faults()).toEqual([]);
  });

  it('maps every A4 driver failure to an agent code with its Chinese message, keeping the English for the log', () => {
    const table: Array<[A4PrintErrorCode, string]> = [
      ['PAPER_END', 'PAPER_END'],
      ['PAPER_JAM', 'PAPER_JAM'],
      ['COVER_OPEN', 'COVER_OPEN'],
      ['OUT_OF_TONER', 'OUT_OF_TONER'],
      ['PRINTER_OFFLINE', 'DEVICE_OFFLINE'],
      ['UNREACHABLE', 'DEVICE_OFFLINE'],
      ['PRINTER_FAULT', 'PRINTER_ERROR'],
      ['TIMEOUT', 'TIMEOUT'],
      ['REJECTED', 'PRINT_FAILED'],
      ['JOB_FAILED', 'PRINT_FAILED'],
    ];
    for (const [a4, code] of table) {
      const reply = toReply(new A4PrintError(a4, 'job 3 processing-stopped, printer-state-reasons media-empty-error'));
      expect(reply, a4).toEqual({ ok: false, error: { code, message: agentErrorMessages[code as AgentErrorCode] } });
    }
  });

  it('previews a ticket as SVG at the configured printer width', async () => {
    const { client } = await start();
    const reply = await ask<{ svg: string; widthDots: number }>(client, 'ticket:preview', { slip });
    expect(reply.ok).toBe(true);
    const preview = (reply as { ok: true; data: { svg: string; widthDots: number } }).data;
    expect(preview.widthDots).toBe(576);
    expect(preview.svg).toContain('>A012</text>');
  });

  it('answers GET /status and drives simulators over HTTP', async () => {
    const { agent, client } = await start();
    const status = (await (await fetch(`http://127.0.0.1:${agent.port}/status`)).json()) as AgentStatus;
    expect(status.hallLink).toBe('disabled');
    expect(status.devices).toHaveLength(5);
    const pushed = nextEvent<[IdCardRead]>(client as unknown as EventEmitter, 'idcard');
    const res = await fetch(`http://127.0.0.1:${agent.port}/sim/idcard/present?card=foreigner2017`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await pushed)[0].card.cardType).toBe('foreigner2017');
    expect((await fetch(`http://127.0.0.1:${agent.port}/nothing`)).status).toBe(404);
  });

  it('refuses connections from a foreign web origin', async () => {
    const { agent } = await start({ allowedOrigins: ['http://hall.local:8080'] });
    const connect = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const c = io(`http://127.0.0.1:${agent.port}`, { transports: ['websocket'], reconnection: false, extraHeaders: { origin } });
        c.on('connect', () => (c.close(), resolve(true)));
        c.on('connect_error', () => (c.close(), resolve(false)));
      });
    expect(await connect('http://evil.example')).toBe(false);
    expect(await connect('http://hall.local:8080')).toBe(true);
    expect(await connect('http://127.0.0.1:5173')).toBe(true);
  });
});

class FakeHallLink extends EventEmitter<HallLinkEvents> implements HallLink {
  state: HallLinkState = 'connected';
  readonly actions: KeypadAction[] = [];
  readonly ratings: RatingLevel[] = [];
  readonly faults: DeviceFault[][] = [];
  async keypadAction(action: KeypadAction): Promise<HallLinkResult> {
    this.actions.push(action);
    return { ok: true };
  }
  async rating(level: RatingLevel): Promise<HallLinkResult> {
    this.ratings.push(level);
    return { ok: true };
  }
  async reportFaults(faults: DeviceFault[]): Promise<HallLinkResult> {
    this.faults.push(faults);
    return { ok: true };
  }
  async close(): Promise<void> {}
}

describe('device agent with sim: options', () => {
  it('starts with the fictional card named in sim:?card=', async () => {
    const logs = captureLogs();
    const agent = await startAgent(parseAgentConfig({ port: 0, devices: [{ id: 'reader', kind: 'idCardReader', uri: 'sim:?card=permitHk' }] }), { logger: logs.logger, hallLink: null });
    cleanups.push(() => agent.close());
    // The card may be read before any client connects, so look at the log, which is there from the start.
    await waitUntil(() => logs.lines.some((l) => l.includes('"cardType":"hkMacaoTaiwanPermit"')));
    expect(agent.hub.simulators.idCardReader?.cardPresent).toBe(true);
  });
});

describe('device agent with a file: printer', () => {
  it('writes each ticket to its own file without asking for status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-agent-file-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const logs = captureLogs();
    const agent = await startAgent(parseAgentConfig({ port: 0, devices: [{ id: 'p', kind: 'ticketPrinter', uri: `file:${dir}`, profile: 'generic-58' }] }), {
      logger: logs.logger,
      hallLink: null,
    });
    cleanups.push(() => agent.close());
    const client: Client = io(`http://127.0.0.1:${agent.port}`, { transports: ['websocket'], reconnection: false });
    cleanups.push(() => void client.close());
    expect(await ask<PrintTicketResult>(client, 'print:ticket', { slip })).toMatchObject({ ok: true });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, files[0]!)).equals(readFileSync(new URL('../../fixtures/golden/ticket-generic-58.bin', import.meta.url)))).toBe(true);
  });
});

describe('device agent on a window PC', () => {
  it('sends keys and ratings to the hall, shows its calls on the keypad, and reports faults', async () => {
    const link = new FakeHallLink();
    const { agent } = await start({ hall: { url: 'http://hall.local:8080', keypadAddress: 1 } }, link);
    const s = sims(agent);
    s.bus.press(1, 'recall');
    s.bus.rate(2, 'very_satisfied');
    await waitUntil(() => link.actions.length === 1 && link.ratings.length === 1);
    expect(link.actions).toEqual(['recall']);
    expect(link.ratings).toEqual(['very_satisfied']);

    link.emit('call', { number: 'B042', windowNumber: 3, recall: false, waiting: 12 });
    await waitUntil(() => s.bus.keypad(1).number === '042');
    expect(s.bus.keypad(1).waiting).toBe('12');

    s.printer.setPaper('end');
    await waitUntil(() => link.faults.some((f) => f.some((x) => x.code === 'paper_end')));
    s.printer.setPaper('ok');
    await waitUntil(() => link.faults.at(-1)?.length === 0);
  });

  it('reports an A4 printer’s standing fault to the hall like the ticket printer’s, and clears it', async () => {
    const link = new FakeHallLink();
    const { agent } = await start({ hall: { url: 'http://hall.local:8080' }, devices: [{ id: 'a4', kind: 'a4Printer', uri: 'sim:', statusIntervalMs: 100 }] }, link);
    sims(agent).a4.setFault('media-empty');
    await waitUntil(() => link.faults.at(-1)?.length === 1, 5_000, 'the A4 fault to be reported');
    expect(link.faults.at(-1)).toEqual([{ device: 'a4', code: 'paper_end', message: '打印机缺纸，请联系工作人员' }]);
    sims(agent).a4.setFault(null);
    await waitUntil(() => link.faults.at(-1)?.length === 0, 5_000, 'the A4 fault to be cleared');
  });
});
