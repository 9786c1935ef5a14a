// A4 printing through CUPS or any IPP printer: submit a PDF, then follow the job until the
// printer reports it done, so the kiosk tells the citizen "printed" only when it is.
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

export type A4PrintErrorCode = 'UNREACHABLE' | 'REJECTED' | 'JOB_FAILED' | 'TIMEOUT';

export class A4PrintError extends Error {
  override name = 'A4PrintError';
  constructor(
    readonly code: A4PrintErrorCode,
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

export interface A4Printer {
  readonly uri: string;
  /** Resolves with the job id once the job has completed. */
  printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }>;
  /** True if the printer answers and accepts jobs. */
  isReady(): Promise<boolean>;
}

const JobState = { completed: 9, canceled: 7, aborted: 8 } as const;

const attr = (name: string, tag: number, value: string | number): IppAttribute => ({ name, values: [{ tag, value }] });

export class IppPrinter implements A4Printer {
  readonly #httpUrl: string;
  #requestId = 1;

  constructor(
    readonly uri: string,
    private readonly options: { pollMs?: number; userName?: string } = {},
  ) {
    // URL cannot switch a non-special scheme (ipp:) to http:, so rebuild the address.
    const url = new URL(uri);
    const secure = url.protocol === 'ipps:';
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
    try {
      const r = await this.#send(IppOperation.getPrinterAttributes, [
        { name: 'requested-attributes', values: [{ tag: IppTag.keyword, value: 'printer-is-accepting-jobs' }, { tag: IppTag.keyword, value: 'printer-state' }] },
      ]);
      return r.statusCode < 0x100 && ippAttribute(r, 'printer-is-accepting-jobs') === true;
    } catch {
      return false;
    }
  }

  async printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }> {
    const submitted = await this.#send(
      IppOperation.printJob,
      [
        attr('requesting-user-name', IppTag.name, this.options.userName ?? 'hall-agent'),
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

  async #waitForJob(jobId: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const pollMs = this.options.pollMs ?? 250;
    for (;;) {
      const r = await this.#send(IppOperation.getJobAttributes, [
        attr('job-id', IppTag.integer, jobId),
        { name: 'requested-attributes', values: [{ tag: IppTag.keyword, value: 'job-state' }, { tag: IppTag.keyword, value: 'job-state-reasons' }] },
      ]);
      const state = ippAttribute(r, 'job-state');
      if (state === JobState.completed) return;
      if (state === JobState.canceled || state === JobState.aborted) {
        const reasons = ippAttributeValues(r, 'job-state-reasons').join(', ');
        throw new A4PrintError('JOB_FAILED', `job ${jobId} ${state === JobState.canceled ? 'was canceled' : 'was aborted'}${reasons ? ` (${reasons})` : ''}`);
      }
      if (performance.now() > deadline) throw new A4PrintError('TIMEOUT', `job ${jobId} did not finish within ${timeoutMs} ms (state ${String(state)})`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
