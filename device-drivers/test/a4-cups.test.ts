// A4 printing against a real CUPS with the cups-pdf printer A4PDF (set up by
// .ci/setup-cups.sh): the agent sends a PDF over IPP, CUPS prints it to a file, and
// pdftotext reads the text back.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentReply, PrintPdfResult } from '@hall/common/agent';
import { startAgent } from '../src/agent/agent.ts';
import { parseAgentConfig } from '../src/agent/config.ts';
import { IppPrinter } from '../src/a4/ipp-printer.ts';
import { minimalPdf } from '@hall/fixtures/src/pdf.ts';
import { waitUntil } from './helpers/wait.ts';

/** Where cups-pdf puts jobs: the user's ~/PDF, or the anonymous spool for unknown users. */
const outputDirs = ['/var/spool/cups-pdf/ANONYMOUS', join(homedir(), 'PDF'), '/root/PDF'];

function findPrinted(jobId: number): string | null {
  for (const dir of outputDirs) {
    if (!existsSync(dir)) continue;
    const file = readdirSync(dir).find((f) => f.endsWith(`job_${jobId}.pdf`));
    if (file) return join(dir, file);
  }
  return null;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('A4 printing through CUPS', () => {
  beforeAll(async () => {
    const scheduler = execFileSync('lpstat', ['-r'], { encoding: 'utf8' });
    if (!scheduler.includes('is running') || !(await new IppPrinter('ipp://localhost:631/printers/A4PDF').isReady())) {
      throw new Error('CUPS with the A4PDF printer is not ready: run `bash .ci/setup-cups.sh` as root first');
    }
  });

  it('prints a PDF sent to the agent, and the printed file has its text', async () => {
    const agent = await startAgent(parseAgentConfig({ port: 0, devices: [{ id: 'a4', kind: 'a4Printer', uri: 'cups:A4PDF' }] }), {
      logger: pino({ level: 'silent' }),
      hallLink: null,
    });
    cleanups.push(() => agent.close());
    expect(agent.hub.status('a4')).toMatchObject({ kind: 'a4Printer', state: 'ready' });
    const client = io(`http://127.0.0.1:${agent.port}`, { transports: ['websocket'], reconnection: false });
    cleanups.push(() => void client.close());

    const marker = `HALL A4 TEST ${process.pid}-${Date.now()}`;
    const reply = (await client.timeout(30_000).emitWithAck('print:pdf', { pdf: Buffer.from(minimalPdf(marker)), title: `hall-test-${process.pid}` })) as AgentReply<PrintPdfResult>;
    expect(reply.ok).toBe(true);
    const { jobId } = (reply as { ok: true; data: PrintPdfResult }).data;

    await waitUntil(() => findPrinted(jobId) !== null, 15_000, `cups-pdf output of job ${jobId}`);
    const { stdout } = await promisify(execFile)('pdftotext', [findPrinted(jobId)!, '-'], { timeout: 10_000 });
    expect(stdout).toContain(marker);
  });

  it('fails with PRINT_FAILED when CUPS has no such printer', async () => {
    const agent = await startAgent(parseAgentConfig({ port: 0, devices: [{ id: 'a4', kind: 'a4Printer', uri: 'cups:NoSuchPrinter' }] }), {
      logger: pino({ level: 'silent' }),
      hallLink: null,
    });
    cleanups.push(() => agent.close());
    expect(agent.hub.status('a4')?.state).toBe('offline');
    const client = io(`http://127.0.0.1:${agent.port}`, { transports: ['websocket'], reconnection: false });
    cleanups.push(() => void client.close());
    const reply = (await client.timeout(15_000).emitWithAck('print:pdf', { pdf: Buffer.from(minimalPdf('x')) })) as AgentReply<PrintPdfResult>;
    expect(reply).toEqual({ ok: false, error: { code: 'PRINT_FAILED', message: '打印失败，请联系工作人员' } });
  });
});
