// The `hall-devices` command as a user runs it: simulators in their own process on one end of
// a socat pseudo-terminal pair, steered through stdin, with a driver on the other end.
import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import type { IdCard } from '@hall/common/agent';
import { IdCardReader } from '../src/idcard/driver.ts';
import { PrintError, TicketPrinter } from '../src/printer/driver.ts';
import { printerProfiles } from '../src/printer/profiles.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import { createPtyPair, type PtyPair } from './helpers/socat.ts';
import { sleep, waitUntil } from './helpers/wait.ts';

const bin = fileURLToPath(new URL('../bin/hall-devices.js', import.meta.url));
const slip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/golden/ticket-slip.json', import.meta.url), 'utf8')));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simulator(args: string[]) {
  const pty: PtyPair = await createPtyPair();
  cleanups.push(() => pty.close());
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bin, 'sim', ...args, '--path', pty.b], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
  await waitUntil(() => stderr.includes('type "help"'), 15_000, 'the simulator to start');
  const host = new SerialTransport({ path: pty.a });
  cleanups.push(() => host.close());
  await host.open();
  return { host, child, output: () => stderr, send: (line: string) => child.stdin.write(`${line}\n`) };
}

describe('hall-devices CLI', () => {
  it('sim printer: prints, shows the ticket, and can be told to open its cover', async () => {
    const sim = await simulator(['printer']);
    const printer = new TicketPrinter({ transport: sim.host, profile: printerProfiles['generic-58'], settleMs: 50 });
    await printer.printTicket(slip);
    await waitUntil(() => sim.output().includes('--- ticket 1'), 5_000, 'the ticket text');
    expect(sim.output()).toContain('不动产登记');
    expect(sim.output()).toContain(`[QR] ${slip.qrUrl}`);

    sim.send('cover open');
    await waitUntil(() => sim.output().includes('"coverOpen":true'), 5_000, 'the cover to open');
    const error = await printer.printTicket(slip).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect((error as PrintError).code).toBe('COVER_OPEN');
  });

  it('sim idcard: answers polling with the fictional card it was given, then another', async () => {
    const sim = await simulator(['idcard', '--card', 'residentB']);
    const reader = new IdCardReader({ transport: sim.host, pollIntervalMs: 20, responseTimeoutMs: 500 });
    cleanups.push(() => reader.stop());
    const cards: IdCard[] = [];
    reader.on('card', (c) => cards.push(c));
    reader.start();
    await waitUntil(() => cards.length === 1, 5_000);
    expect(cards[0]).toMatchObject({ cardType: 'resident', name: '测试乙', validTo: null });
    sim.send('remove');
    await waitUntil(() => sim.output().includes('card removed'), 5_000);
    // A hand swapping cards takes longer than the two empty polls that end a presentation.
    await sleep(200);
    sim.send('present foreigner2023');
    await waitUntil(() => cards.length === 2, 5_000);
    expect(cards[1]).toMatchObject({ cardType: 'foreigner2023' });
  });

  it('decode: prints what a golden byte stream puts on paper', async () => {
    const golden = fileURLToPath(new URL('../../fixtures/golden/ticket-generic-80.bin', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'decode', golden], { timeout: 15_000 });
    expect(stdout).toContain('--- page 1 ---\n示例区政务服务中心\n不动产登记\nA012\n');
    expect(stdout).toContain(`[QR] ${slip.qrUrl}`);
  });
});
