import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import { PrintError, TicketPrinter } from '../src/printer/driver.ts';
import { printerProfiles } from '../src/printer/profiles.ts';
import { PrinterSimulator } from '../src/printer/simulator.ts';
import { createLoopbackPair } from '../src/transport/loopback.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import { TcpTransport } from '../src/transport/tcp.ts';
import { SocketDeviceEnd } from './helpers/socket-device.ts';
import { createMockDevice } from './helpers/mock-device.ts';
import { createPtyPair, recordStates, socatBackoff, type PtyPair } from './helpers/socat.ts';
import { nextEvent, waitUntil } from './helpers/wait.ts';

const slip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/golden/ticket-slip.json', import.meta.url), 'utf8')));
const profile = printerProfiles['generic-80'];
// Generous answer time: a loaded CI machine must not turn a slow answer into a TIMEOUT.
const fast = { statusTimeoutMs: 2_000, settleMs: 30 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  SerialPortMock.binding.reset();
});

async function loopbackPrinter() {
  const pair = createLoopbackPair('sim:printer');
  const sim = new PrinterSimulator(pair.device);
  const printer = new TicketPrinter({ transport: pair.host, profile, ...fast });
  await Promise.all([pair.host.open(), pair.device.open()]);
  cleanups.push(() => pair.host.close(), () => pair.device.close());
  return { pair, sim, printer };
}

async function expectPrintError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrintError);
  expect((error as PrintError).code).toBe(code);
}

describe('ticket printer driver (in-process simulator)', () => {
  it('prints a ticket that the simulated printer cuts, with the slip text on it', async () => {
    const { sim, printer } = await loopbackPrinter();
    const result = await printer.printTicket(slip);
    expect(sim.printed).toHaveLength(1);
    expect(Buffer.from(sim.printed[0]!.bytes).equals(readFileSync(new URL('../../fixtures/golden/ticket-generic-80.bin', import.meta.url)))).toBe(true);
    expect(result.bytes).toBe(sim.printed[0]!.bytes.length);
    expect(sim.printed[0]!.text).toContain('A012');
    expect(sim.printed[0]!.page.qrCodes).toEqual([slip.qrUrl]);
  });

  it('refuses to print when out of paper, says so, and sends nothing', async () => {
    const { sim, printer } = await loopbackPrinter();
    sim.setPaper('end');
    const failed = nextEvent<[PrintError]>(printer, 'jobFailed');
    await expectPrintError(printer.printTicket(slip), 'PAPER_END');
    expect((await failed)[0].code).toBe('PAPER_END');
    expect(sim.printed).toHaveLength(0);
  });

  it('refuses to print with the cover open, and prints again once it is closed', async () => {
    const { sim, printer } = await loopbackPrinter();
    sim.setCoverOpen(true);
    await expectPrintError(printer.printTicket(slip), 'COVER_OPEN');
    sim.setCoverOpen(false);
    await printer.printTicket(slip);
    expect(sim.printed).toHaveLength(1);
  });

  it('fails the job when the paper runs out in the middle of the ticket', async () => {
    const { sim, printer } = await loopbackPrinter();
    sim.loadPaper(5);
    await expectPrintError(printer.printTicket(slip), 'PAPER_END');
    expect(sim.printed).toHaveLength(0);
  });

  it('turns automatic status back into typed events without being asked', async () => {
    const { sim, printer } = await loopbackPrinter();
    // Queued behind the driver's on-open work, so ASB is enabled once this resolves.
    await printer.queryStatus();
    const nearEnd = nextEvent(printer, 'paperNearEnd');
    sim.setPaper('nearEnd');
    await nearEnd;
    expect(printer.condition.paperNearEnd).toBe(true);
    const coverOpen = nextEvent(printer, 'coverOpen');
    sim.setCoverOpen(true);
    await coverOpen;
    expect(printer.condition.coverOpen).toBe(true);
  });

  it('runs queued jobs one after another, in order', async () => {
    const { sim, printer } = await loopbackPrinter();
    await Promise.all(['A001', 'A002', 'A003'].map((number) => printer.printTicket({ ...slip, number })));
    expect(sim.printed.map((t) => t.page.lines.find((l) => /^A\d{3}$/.test(l.text))?.text)).toEqual(['A001', 'A002', 'A003']);
  });

  it('times out when the printer does not answer status', async () => {
    const pair = createLoopbackPair('sim:mute');
    await Promise.all([pair.host.open(), pair.device.open()]);
    cleanups.push(() => pair.host.close(), () => pair.device.close());
    const printer = new TicketPrinter({ transport: pair.host, profile, ...fast, statusTimeoutMs: 300 });
    await expectPrintError(printer.printTicket(slip), 'TIMEOUT');
  });

  it('fails at once when the printer is not connected', async () => {
    const pair = createLoopbackPair('sim:unplugged');
    const printer = new TicketPrinter({ transport: pair.host, profile, ...fast });
    await expectPrintError(printer.printTicket(slip), 'DEVICE_OFFLINE');
  });

  it('fails a job at once when the printer goes away while it is being asked', async () => {
    const pair = createLoopbackPair('sim:vanishing');
    await Promise.all([pair.host.open(), pair.device.open()]);
    cleanups.push(() => pair.host.close(), () => pair.device.close());
    // No simulator: nobody answers, so the job waits for status until the cable is pulled.
    const printer = new TicketPrinter({ transport: pair.host, profile, statusTimeoutMs: 10_000, settleMs: 30 });
    const job = printer.printTicket(slip);
    await new Promise((r) => setTimeout(r, 20));
    pair.setPlugged(false);
    await expectPrintError(job, 'DEVICE_OFFLINE');
  });

  it('prints again after the cable is pulled and plugged back', async () => {
    const { pair, sim, printer } = await loopbackPrinter();
    pair.setPlugged(false);
    await waitUntil(() => pair.host.state === 'reconnecting');
    await expectPrintError(printer.printTicket(slip), 'DEVICE_OFFLINE');
    pair.setPlugged(true);
    await waitUntil(() => pair.host.state === 'open' && pair.device.state === 'open');
    await printer.printTicket(slip);
    expect(sim.printed).toHaveLength(1);
  });
});

describe('ticket printer driver over SerialPortMock', () => {
  it('asks status, sends the golden bytes, and reads the simulator answers', async () => {
    const mock = createMockDevice();
    const sim = new PrinterSimulator(mock.device);
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory });
    cleanups.push(() => transport.close());
    await transport.open();
    const printer = new TicketPrinter({ transport, profile, ...fast });
    await printer.printTicket(slip);
    const golden = readFileSync(new URL('../../fixtures/golden/ticket-generic-80.bin', import.meta.url));
    const sent = mock.recording();
    // The job is preceded by ASB enable and status requests, and followed by status requests.
    expect(sent.includes(golden)).toBe(true);
    expect(sent.subarray(0, 3).toString('hex')).toBe('1d610e');
    expect(sent.includes(Buffer.from([0x10, 0x04, 0x04]))).toBe(true);
    expect(sim.printed).toHaveLength(1);
  });

  it('reports paper end from the mock line', async () => {
    const mock = createMockDevice();
    const sim = new PrinterSimulator(mock.device);
    sim.setPaper('end');
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory });
    cleanups.push(() => transport.close());
    await transport.open();
    const printer = new TicketPrinter({ transport, profile, ...fast });
    await expectPrintError(printer.printTicket(slip), 'PAPER_END');
  });
});

describe('ticket printer driver over TCP (network printer, raw port)', () => {
  it('prints with status over the socket, and again after the printer drops the connection', async () => {
    const sims: PrinterSimulator[] = [];
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      sims.push(new PrinterSimulator(new SocketDeviceEnd(socket)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const transport = new TcpTransport({ host: '127.0.0.1', port: (server.address() as { port: number }).port, backoff: { initialMs: 10, maxMs: 50, factor: 2 } });
    cleanups.push(() => transport.close());
    await transport.open();
    const printer = new TicketPrinter({ transport, profile, ...fast });
    await printer.printTicket(slip);
    expect(sims[0]!.printed).toHaveLength(1);

    sims[0]!.setPaper('end');
    await expectPrintError(printer.printTicket(slip), 'PAPER_END');

    sockets[0]!.destroy();
    await waitUntil(() => sims.length === 2 && transport.state === 'open');
    await printer.printTicket({ ...slip, number: 'C009' });
    expect(sims[1]!.printed[0]!.text).toContain('C009');
  });
});

describe('ticket printer driver over a real pseudo-terminal', () => {
  let pty: PtyPair;
  afterEach(async () => pty?.close());

  it('prints through socat, fails on cover open, survives unplug and replug', async () => {
    pty = await createPtyPair();
    const backoff = socatBackoff;
    const hostEnd = new SerialTransport({ path: pty.a, backoff });
    const hostSaw = recordStates(hostEnd);
    const deviceEnd = new SerialTransport({ path: pty.b, backoff });
    const deviceSaw = recordStates(deviceEnd);
    cleanups.push(() => hostEnd.close(), () => deviceEnd.close());
    const sim = new PrinterSimulator(deviceEnd);
    await Promise.all([hostEnd.open(), deviceEnd.open()]);
    expect(await hostEnd.setModemLines({ dtr: true })).toBe(false);
    const printer = new TicketPrinter({ transport: hostEnd, profile, ...fast });

    await printer.printTicket(slip);
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]!.text).toContain('不动产登记');

    sim.setCoverOpen(true);
    await expectPrintError(printer.printTicket(slip), 'COVER_OPEN');
    sim.setCoverOpen(false);

    await pty.unplug();
    // A pseudo-terminal does not always signal the hang-up to a reader; the next job does.
    const whileUnplugged = await printer.printTicket(slip).catch((e: unknown) => e);
    expect(['DEVICE_OFFLINE', 'TIMEOUT']).toContain((whileUnplugged as PrintError).code);
    await waitUntil(() => hostSaw('reconnecting'), 5_000, 'host end to notice the unplug');
    await pty.replug();
    await waitUntil(() => deviceSaw('reconnecting') && hostEnd.state === 'open' && deviceEnd.state === 'open', 5_000, 'both ends to reopen');
    await printer.printTicket({ ...slip, number: 'B007' });
    expect(sim.printed).toHaveLength(2);
    expect(sim.printed[1]!.text).toContain('B007');
  });
});
