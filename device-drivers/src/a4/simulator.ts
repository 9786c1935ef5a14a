// An A4 printer for `sim:`: a small IPP printer on 127.0.0.1 driven by the real IppPrinter
// driver, so a demo, an end-to-end test or a driver test goes through the same requests as a
// printer behind CUPS. It keeps the last few printed PDFs in memory (and on disk when given a
// directory) and can be put in a fault the way a real printer is:
//   - `setFault('media-empty')`: the printer reports `media-empty-error` in
//     printer-state-reasons, goes `stopped`, and holds its jobs (processing-stopped) until the
//     fault is cleared, when the jobs still queued print. Several reasons may be given;
//     `-warning`/`-report` reasons are reported without stopping anything.
//   - `abortJobs('aborted-by-system')`: every job is aborted at once with that job-state-reason
//     (a printer that gives up rather than waits).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { IppOperation, IppTag, decodeIppRequest, encodeIppResponse, ippAttribute, type IppAttribute, type IppGroup } from './ipp-message.ts';
import { IppPrinter, type A4Printer, type A4PrinterStatus, type IppPrinterOptions, type PrintPdfOptions } from './ipp-printer.ts';
import { isStoppingReason, parseReason } from './ipp-reasons.ts';

const KEEP = 20;

const JobState = { processing: 5, processingStopped: 6, canceled: 7, aborted: 8, completed: 9 } as const;
const PrinterState = { idle: 3, processing: 4, stopped: 5 } as const;
const Status = { ok: 0x0000, notFound: 0x0406, notPossible: 0x040c, formatNotSupported: 0x040a, notSupported: 0x0501 } as const;

interface SimJob {
  jobId: number;
  title: string;
  copies: number;
  pdf: Uint8Array;
  state: number;
  reasons: string[];
}

export interface SimulatedA4PrinterOptions extends IppPrinterOptions {
  /** Also write each printed PDF here. */
  dir?: string;
}

export class SimulatedA4Printer implements A4Printer {
  readonly uri = 'sim:';
  /** What came out of the printer: completed jobs, the last few. */
  readonly jobs: Array<{ jobId: number; title: string; copies: number; pdf: Uint8Array }> = [];
  #nextJob = 1;
  readonly #all = new Map<number, SimJob>();
  /** printer-state-reasons as reported, e.g. `media-empty-error`. */
  #reasons: string[] = [];
  /** When set, every job is aborted with this job-state-reason. */
  #abortReason: string | null = null;
  #server: Server | null = null;
  #driver: Promise<IppPrinter> | null = null;
  readonly #writes: Array<Promise<unknown>> = [];

  constructor(private readonly options: SimulatedA4PrinterOptions = {}) {}

  /** The printer's fault as the control endpoint shows it. */
  get failure(): { printerStateReasons: string[]; abortJobs: string | null } {
    return { printerStateReasons: [...this.#reasons], abortJobs: this.#abortReason };
  }

  /**
   * Report these printer-state-reasons (comma-separated keywords; an unsuffixed one is
   * reported as `-error`, like CUPS does) and hold jobs while any of them is an error; null or
   * '' clears the fault and lets held jobs print. Also ends `abortJobs`.
   */
  setFault(reasons: string | null): void {
    const keywords = (reasons ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r && r !== 'none');
    for (const r of keywords) if (!/^[a-z][a-z0-9-]*$/.test(r)) throw new Error(`not an IPP keyword: ${r}`);
    this.#abortReason = null;
    this.#reasons = keywords.map((r) => (r === parseReason(r).base ? `${r}-error` : r));
    this.#advance();
  }

  /** Abort every job at once with this job-state-reason (null: stop doing so). */
  abortJobs(reason: string | null): void {
    if (reason !== null && !/^[a-z][a-z0-9-]*$/.test(reason)) throw new Error(`not an IPP keyword: ${reason}`);
    this.#abortReason = reason;
  }

  /** Jobs neither printed nor ended: what would come out when the fault is cleared. */
  get queued(): number[] {
    return [...this.#all.values()].filter((j) => j.state === JobState.processing || j.state === JobState.processingStopped).map((j) => j.jobId);
  }

  /** A job as the printer knows it, for tests. */
  job(jobId: number): { state: number; reasons: string[] } | undefined {
    const job = this.#all.get(jobId);
    return job && { state: job.state, reasons: [...job.reasons] };
  }

  /** The printer's IPP address (starts the printer). */
  async ippUri(): Promise<string> {
    return (await this.#start()).uri;
  }

  async isReady(): Promise<boolean> {
    return (await this.#start()).isReady();
  }

  async status(): Promise<A4PrinterStatus> {
    return (await this.#start()).status();
  }

  async printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }> {
    return (await this.#start()).printPdf(pdf, options);
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#driver = null;
    await Promise.allSettled(this.#writes);
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  #start(): Promise<IppPrinter> {
    this.#driver ??= new Promise<IppPrinter>((resolve, reject) => {
      const server = createServer((req, res) => void this.#handle(req, res));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        this.#server = server;
        const { port } = server.address() as AddressInfo;
        // A simulated fault does not clear itself: a shorter grace than a real printer's keeps demos brisk.
        resolve(new IppPrinter(`ipp://127.0.0.1:${port}/printers/sim`, { pollMs: 100, faultGraceMs: 1_000, ...this.options }));
      });
    });
    return this.#driver;
  }

  get #stopped(): boolean {
    return this.#reasons.some(isStoppingReason);
  }

  /** Move jobs along: held while the printer is stopped, printed as soon as it is not. */
  #advance(): void {
    for (const job of this.#all.values()) {
      if (job.state !== JobState.processing && job.state !== JobState.processingStopped) continue;
      if (this.#stopped) {
        job.state = JobState.processingStopped;
        job.reasons = ['printer-stopped'];
        continue;
      }
      job.state = JobState.completed;
      job.reasons = ['job-completed-successfully'];
      this.jobs.push({ jobId: job.jobId, title: job.title, copies: job.copies, pdf: job.pdf });
      if (this.jobs.length > KEEP) this.jobs.shift();
      if (this.options.dir) this.#writes.push(this.#save(job));
    }
  }

  async #save(job: SimJob): Promise<void> {
    await mkdir(this.options.dir!, { recursive: true });
    await writeFile(join(this.options.dir!, `job-${job.jobId}.pdf`), job.pdf);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Uint8Array;
    try {
      body = this.#answer(new Uint8Array(Buffer.concat(chunks)));
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/ipp' }).end(body);
  }

  #answer(bytes: Uint8Array): Uint8Array {
    const request = decodeIppRequest(bytes);
    const value = (name: string) => ippAttribute({ version: [2, 0], statusCode: 0, requestId: 0, groups: request.groups }, name);
    const reply = (statusCode: number, groups: IppGroup[] = [], message?: string) =>
      encodeIppResponse({
        statusCode,
        requestId: request.requestId,
        groups: [
          {
            tag: IppTag.operation,
            attributes: [
              attr('attributes-charset', IppTag.charset, 'utf-8'),
              attr('attributes-natural-language', IppTag.naturalLanguage, 'en'),
              ...(message ? [attr('status-message', IppTag.text, message)] : []),
            ],
          },
          ...groups,
        ],
      });
    switch (request.operation) {
      case IppOperation.printJob: {
        const pdf = request.data ?? new Uint8Array();
        if (!isPdf(pdf)) return reply(Status.formatNotSupported, [], 'document is not a PDF');
        const job: SimJob = {
          jobId: this.#nextJob++,
          title: String(value('job-name') ?? 'document'),
          copies: Number(value('copies') ?? 1),
          pdf: pdf.slice(),
          state: JobState.processing,
          reasons: ['job-printing'],
        };
        if (this.#abortReason) {
          job.state = JobState.aborted;
          job.reasons = [this.#abortReason];
        }
        this.#all.set(job.jobId, job);
        // Printing starts after the answer, as on a real printer (and is held if stopped).
        setImmediate(() => this.#advance());
        return reply(Status.ok, [this.#jobGroup(job)]);
      }
      case IppOperation.getJobAttributes: {
        const job = this.#all.get(Number(value('job-id')));
        return job ? reply(Status.ok, [this.#jobGroup(job)]) : reply(Status.notFound, [], 'no such job');
      }
      case IppOperation.cancelJob: {
        const job = this.#all.get(Number(value('job-id')));
        if (!job) return reply(Status.notFound, [], 'no such job');
        if (job.state >= JobState.canceled) return reply(Status.notPossible, [], 'job already ended');
        job.state = JobState.canceled;
        job.reasons = ['job-canceled-by-user'];
        return reply(Status.ok);
      }
      case IppOperation.getPrinterAttributes: {
        const active = this.queued.length > 0;
        const state = this.#stopped ? PrinterState.stopped : active ? PrinterState.processing : PrinterState.idle;
        const reasons = this.#reasons.length ? this.#reasons : ['none'];
        return reply(Status.ok, [
          {
            tag: IppTag.printer,
            attributes: [
              attr('printer-state', IppTag.enum, state),
              { name: 'printer-state-reasons', values: reasons.map((r) => ({ tag: IppTag.keyword, value: r })) },
              attr('printer-is-accepting-jobs', IppTag.boolean, true),
            ],
          },
        ]);
      }
      default:
        return reply(Status.notSupported, [], 'operation not supported');
    }
  }

  #jobGroup(job: SimJob): IppGroup {
    return {
      tag: IppTag.job,
      attributes: [
        attr('job-id', IppTag.integer, job.jobId),
        attr('job-state', IppTag.enum, job.state),
        { name: 'job-state-reasons', values: job.reasons.map((r) => ({ tag: IppTag.keyword, value: r })) },
      ],
    };
  }
}

const attr = (name: string, tag: number, value: string | number | boolean): IppAttribute => ({ name, values: [{ tag, value }] });

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46; // %PDF
}
