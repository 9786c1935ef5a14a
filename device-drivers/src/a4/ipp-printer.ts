// A4 printing through CUPS or any IPP printer: submit a PDF, then follow the job until the
// printer reports it done, so the kiosk tells the citizen "printed" only when it is.
//
// A real printer that runs out of paper, jams or has its door open does not abort the job: the
// job waits (processing-stopped, or pending behind a stopped queue) while the printer says why
// in `printer-state-reasons`. So while following a job we also read the printer's reasons
// (ipp-reasons.ts says which ones stop a print). A stopping fault that lasts `faultGraceMs`
// (default 3 s: long enough for a printer waking up or switching trays to clear its own
// transient reasons, short enough for a citizen standing at the kiosk) ends the wait with a
// specific error, and the job is cancelled: the kiosk has told the citizen it failed and the
// server does not count it, so the page must not come out after the paper is refilled. A job
// held in the queue (pending-held) never prints by itself at a kiosk and is treated alike; so
// is a job still unfinished at the timeout.
import { userInfo } from 'node:os';
import {
  IppOperation,
  IppTag,
  decodeIppResponse,
  encodeIppRequest,
  ippAttribute,
  ippAttributeValues,
  type IppAttribute,
  type IppResponse,
} from './ipp-message.ts';
import { faultOfReasons, isStoppingReason, type A4FaultCode, type ReasonFault } from './ipp-reasons.ts';

export type A4PrintErrorCode = 'UNREACHABLE' | 'REJECTED' | 'JOB_FAILED' | 'TIMEOUT' | A4FaultCode;

export class A4PrintError extends Error {
  override name = 'A4PrintError';
  constructor(
    readonly code: A4PrintErrorCode,
    /** English, for the log: the job, its state and the reasons the printer gave. */
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface PrintPdfOptions {
  title: string;
  copies?: number;
  /** How long to follow the job before giving up. */
  timeoutMs?: number;
}

/** What the printer says of itself between jobs: the agent's regular status check. */
export interface A4PrinterStatus {
  /** The printer answers and accepts jobs. */
  ready: boolean;
  /**
   * A standing fault named by its printer-state-reasons (the same verdict a followed job
   * gets, ipp-reasons.ts), or PRINTER_FAULT for a stopped printer that gives no known reason;
   * null when nothing keeps it from printing, or when it does not answer.
   */
  fault: ReasonFault | null;
}

export interface A4Printer {
  readonly uri: string;
  /** Resolves with the job id once the job has completed. */
  printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }>;
  /** True if the printer answers and accepts jobs. */
  isReady(): Promise<boolean>;
  /** Whether it accepts jobs and what fault it reports, from one Get-Printer-Attributes; never throws. */
  status(): Promise<A4PrinterStatus>;
}

const JobState = { pendingHeld: 4, completed: 9, canceled: 7, aborted: 8 } as const;
const PrinterState = { stopped: 5 } as const;
const jobStateNames: Record<number, string> = { 3: 'pending', 4: 'pending-held', 5: 'processing', 6: 'processing-stopped', 7: 'canceled', 8: 'aborted', 9: 'completed' };

export interface IppPrinterOptions {
  /** How often to ask about the job and the printer while following a job. */
  pollMs?: number;
  /** How long a stopping fault must last before the print is given up (0: at once). */
  faultGraceMs?: number;
  /**
   * Who submits and cancels jobs; the account running the agent by default. CUPS lets the
   * job's owner cancel it, and CUPS 2.4 (Debian 12) crashes when checking the owner of a job
   * whose requesting-user-name is no account on the machine.
   */
  userName?: string;
}

function agentUser(): string {
  try {
    return userInfo().username || 'hall-agent';
  } catch {
    return 'hall-agent';
  }
}

const attr = (name: string, tag: number, value: string | number): IppAttribute => ({ name, values: [{ tag, value }] });

export class IppPrinter implements A4Printer {
  readonly #httpUrl: string;
  readonly #userName: string;
  #requestId = 1;

  constructor(
    readonly uri: string,
    private readonly options: IppPrinterOptions = {},
  ) {
    // URL cannot switch a non-special scheme (ipp:) to http:, so rebuild the address.
    const url = new URL(uri);
    const secure = url.protocol === 'ipps:';
    this.#userName = options.userName ?? agentUser();
    this.#httpUrl = `${secure ? 'https' : 'http'}://${url.hostname}:${url.port || '631'}${url.pathname}${url.search}`;
  }

  #operationAttributes(): IppAttribute[] {
    return [
      attr('attributes-charset', IppTag.charset, 'utf-8'),
      attr('attributes-natural-language', IppTag.naturalLanguage, 'zh-cn'),
      attr('printer-uri', IppTag.uri, this.uri),
    ];
  }

  async #send(operation: number, attributes: IppAttribute[], jobAttributes: IppAttribute[] = [], data?: Uint8Array): Promise<IppResponse> {
    const body = encodeIppRequest({
      operation,
      requestId: this.#requestId++,
      groups: [
        { tag: IppTag.operation, attributes: [...this.#operationAttributes(), ...attributes] },
        ...(jobAttributes.length ? [{ tag: IppTag.job, attributes: jobAttributes }] : []),
      ],
      ...(data ? { data } : {}),
    });
    let res: Response;
    try {
      res = await fetch(this.#httpUrl, { method: 'POST', headers: { 'content-type': 'application/ipp' }, body: new Uint8Array(body) });
    } catch (cause) {
      throw new A4PrintError('UNREACHABLE', `cannot reach ${this.uri}`, { cause });
    }
    if (!res.ok) throw new A4PrintError('REJECTED', `${this.uri} answered HTTP ${res.status}`);
    return decodeIppResponse(new Uint8Array(await res.arrayBuffer()));
  }

  async isReady(): Promise<boolean> {
    return (await this.status()).ready;
  }

  async status(): Promise<A4PrinterStatus> {
    try {
      const r = await this.#send(IppOperation.getPrinterAttributes, [
        { name: 'requested-attributes', values: ['printer-is-accepting-jobs', 'printer-state', 'printer-state-reasons'].map((value) => ({ tag: IppTag.keyword, value })) },
      ]);
      if (r.statusCode >= 0x100) return { ready: false, fault: null };
      const fault = standingFault({ state: ippAttribute(r, 'printer-state'), reasons: ippAttributeValues(r, 'printer-state-reasons').map(String) });
      return { ready: ippAttribute(r, 'printer-is-accepting-jobs') === true, fault };
    } catch {
      return { ready: false, fault: null };
    }
  }

  async printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }> {
    const submitted = await this.#send(
      IppOperation.printJob,
      [
        attr('requesting-user-name', IppTag.name, this.#userName),
        attr('job-name', IppTag.name, options.title),
        attr('document-format', IppTag.mimeMediaType, 'application/pdf'),
      ],
      [attr('copies', IppTag.integer, options.copies ?? 1)],
      pdf,
    );
    const jobId = ippAttribute(submitted, 'job-id');
    if (submitted.statusCode >= 0x100 || typeof jobId !== 'number') {
      const message = ippAttribute(submitted, 'status-message');
      throw new A4PrintError('REJECTED', `${this.uri} refused the job (0x${submitted.statusCode.toString(16)}${message ? `: ${message}` : ''})`);
    }
    await this.#waitForJob(jobId, options.timeoutMs ?? 60_000);
    return { jobId };
  }

  /** The printer's state and reasons, or null when it does not say (a following job does not fail for that). */
  async #printerState(): Promise<{ state: unknown; reasons: string[] } | null> {
    try {
      const r = await this.#send(IppOperation.getPrinterAttributes, [
        { name: 'requested-attributes', values: ['printer-state', 'printer-state-reasons', 'printer-state-message'].map((value) => ({ tag: IppTag.keyword, value })) },
      ]);
      if (r.statusCode >= 0x100) return null;
      return { state: ippAttribute(r, 'printer-state'), reasons: ippAttributeValues(r, 'printer-state-reasons').map(String) };
    } catch {
      return null;
    }
  }

  async #waitForJob(jobId: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const pollMs = this.options.pollMs ?? 250;
    const graceMs = this.options.faultGraceMs ?? 3_000;
    /** The stopping condition seen on the last poll, and since when it has lasted. */
    let seen: { code: A4PrintErrorCode; since: number } | null = null;
    for (;;) {
      const r = await this.#send(IppOperation.getJobAttributes, [
        attr('job-id', IppTag.integer, jobId),
        { name: 'requested-attributes', values: [{ tag: IppTag.keyword, value: 'job-state' }, { tag: IppTag.keyword, value: 'job-state-reasons' }] },
      ]);
      const state = ippAttribute(r, 'job-state');
      if (state === JobState.completed) return;
      const jobReasons = ippAttributeValues(r, 'job-state-reasons').map(String);
      const printer = await this.#printerState();
      const printerReasons = printer?.reasons ?? [];
      const described = `job ${jobId} ${typeof state === 'number' ? (jobStateNames[state] ?? `state ${state}`) : 'state unknown'}${describe('job-state-reasons', jobReasons)}${describe('printer-state-reasons', printerReasons)}`;
      if (state === JobState.canceled || state === JobState.aborted) {
        // The printer or its queue ended the job: say why if its reasons or the printer's do.
        const fault = faultOfReasons([...jobReasons, ...printerReasons]);
        const code: A4PrintErrorCode = fault?.code ?? (jobReasons.includes('aborted-by-system') ? 'PRINTER_FAULT' : 'JOB_FAILED');
        throw new A4PrintError(code, described);
      }
      const now = performance.now();
      const code = stoppingCode(state, jobReasons, printer);
      if (code === null) seen = null;
      else if (seen === null || seen.code !== code) seen = { code, since: now };
      if (seen && now - seen.since >= graceMs) {
        throw new A4PrintError(seen.code, `${described}; gave up after ${Math.round(now - seen.since)} ms${await this.#cancel(jobId)}`);
      }
      if (now > deadline) {
        throw new A4PrintError('TIMEOUT', `${described}; did not finish within ${timeoutMs} ms${await this.#cancel(jobId)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Cancel a job we gave up on; never throws. Returns how it went, for the error's message. */
  async #cancel(jobId: number): Promise<string> {
    try {
      const r = await this.#send(IppOperation.cancelJob, [
        attr('job-id', IppTag.integer, jobId),
        attr('requesting-user-name', IppTag.name, this.#userName),
      ]);
      if (r.statusCode < 0x100) return '; job canceled';
      const message = ippAttribute(r, 'status-message');
      return `; Cancel-Job refused (0x${r.statusCode.toString(16).padStart(4, '0')}${message ? `: ${String(message)}` : ''})`;
    } catch (error) {
      return `; Cancel-Job failed (${error instanceof Error ? error.message : String(error)})`;
    }
  }
}

function describe(name: string, reasons: string[]): string {
  const shown = reasons.filter((r) => r !== 'none');
  return shown.length ? `, ${name} ${shown.join(' ')}` : '';
}

/** What keeps an unfinished job from printing, or null while it may still print. */
function stoppingCode(state: unknown, jobReasons: string[], printer: { state: unknown; reasons: string[] } | null): A4PrintErrorCode | null {
  const fault = faultOfReasons([...(printer?.reasons ?? []), ...jobReasons]);
  if (fault) return fault.code;
  // Stopped, or holding the job, without a reason we know: it will not print without staff.
  if (printer?.state === PrinterState.stopped || state === JobState.pendingHeld) return 'PRINTER_FAULT';
  return null;
}

/**
 * What keeps an idle printer from printing the next job, from its state and reasons alone:
 * the same verdict as `stoppingCode` without a job. `-report`/`-warning` reasons are none.
 */
function standingFault(printer: { state: unknown; reasons: string[] }): ReasonFault | null {
  const fault = faultOfReasons(printer.reasons);
  if (fault) return fault;
  if (printer.state === PrinterState.stopped) return { code: 'PRINTER_FAULT', reasons: printer.reasons.filter(isStoppingReason) };
  return null;
}
