// The document thread: every PDF the server draws or stamps is made on a worker thread of its
// own (document-worker.ts), one job at a time, so the main thread — which answers every call,
// issue and board — never stops for one. A form takes pdfkit 20–50 ms and a large uploaded
// licence about as long to stamp; on the main thread each of those is a stall in every reply.
//
// The thread starts with the first job (a hall that prints nothing never pays for pdfkit and
// the fonts) and ends after two idle minutes: pdfkit, the fonts and the thread's heap hold
// about 90 MB, which a hall between bursts of printing should not carry. A job that runs past its time, or a thread that dies (out of its heap
// limit on a hostile PDF, say), fails that job with DocumentJobAbandoned; the thread is
// started afresh for the jobs behind it. Personal data in a job stays in memory: nothing here
// logs a job's content.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { HallError, errorMessages, type ErrorCode } from '@hall/common/errors';
import type { DocumentJob, DocumentJobKind, DocumentResults, Documents, JobReply, JobRequest, PdfMeta, RemoteError } from './jobs.ts';
import type { DocumentSpec } from './model.ts';
import type { RenderedDocument } from './render.ts';
import type { VerificationStamp } from './stamp.ts';
import type { UploadedPdfFacts } from './uploaded-pdf.ts';

/** Set to true by scripts/bundle.mjs: the production bundle runs the worker's own bundle. */
declare const HALL_BUNDLE: boolean | undefined;

export interface DocumentThreadOptions {
  logger?: Logger;
  /** Each job's time, as 'document:<kind>' (the server's Latencies). */
  latencies?: { record(name: string, ms: number): void };
  /** A job still running after this long is abandoned and its thread ended. Default 30 s. */
  timeoutMs?: number;
  /** The thread's heap limit: a PDF that needs more fails alone. Default 512 MiB. */
  maxHeapMb?: number;
  /** An idle thread ends after this long (its memory goes back); the next job starts another. Default 2 min. */
  idleMs?: number;
  /** Another worker script speaking the same protocol (tests of the supervision). */
  workerUrl?: URL;
}

/** The job was given up: its thread ran out of time or died. The thread behind it is new. */
export class DocumentJobAbandoned extends Error {
  constructor(
    readonly kind: DocumentJobKind,
    readonly reason: 'timeout' | 'crash',
    cause?: unknown,
  ) {
    super(reason === 'timeout' ? `the document thread took too long with a ${kind} job` : `the document thread died during a ${kind} job`, { cause });
    this.name = 'DocumentJobAbandoned';
  }

  /** It ran out of time or of heap: what it was given is the likely cause, not the server. */
  get exhausted(): boolean {
    return this.reason === 'timeout' || (this.cause as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  }
}

export interface DocumentThreadStats {
  /** Jobs that ended, well or not. */
  jobs: number;
  /** Jobs that ended in an error (a refused upload counts too). */
  failed: number;
  /** Jobs given up because they ran out of time. */
  timeouts: number;
  /** Threads that died during a job. */
  crashes: number;
  /** Threads started. */
  starts: number;
  /** Threads ended after their idle time. */
  idleEnds: number;
}

interface Pending {
  id: number;
  job: DocumentJob;
  transfer: ArrayBuffer[];
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

export class DocumentThread implements Documents {
  readonly stats: DocumentThreadStats = { jobs: 0, failed: 0, timeouts: 0, crashes: 0, starts: 0, idleEnds: 0 };
  private readonly options: DocumentThreadOptions;
  private readonly timeoutMs: number;
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private running: Pending | null = null;
  private runningSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;

  constructor(options: DocumentThreadOptions = {}) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Where the thread's code comes from: the worker's own bundle, the TypeScript sources, or a test's script. */
  get code(): 'bundle' | 'sources' | 'custom' {
    return this.options.workerUrl ? 'custom' : isBundle() ? 'bundle' : 'sources';
  }

  /** Jobs waiting or running. */
  get backlog(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  render(spec: DocumentSpec): Promise<RenderedDocument> {
    return this.run({ kind: 'render', spec });
  }

  inspectPdf(bytes: Uint8Array, limits: { maxPages: number }): Promise<UploadedPdfFacts> {
    const copy = new Uint8Array(bytes);
    return this.run({ kind: 'inspectPdf', bytes: copy, maxPages: limits.maxPages }, [copy.buffer]);
  }

  stampPdf(bytes: Uint8Array, stamp: VerificationStamp, meta: PdfMeta): Promise<Uint8Array> {
    const copy = new Uint8Array(bytes);
    return this.run({ kind: 'stampPdf', bytes: copy, stamp, meta }, [copy.buffer]);
  }

  /** Fails what is waiting and ends the thread; later jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const closing = new Error('the document thread was closed');
    for (const p of this.queue.splice(0)) p.reject(closing);
    const running = this.running;
    this.settle();
    running?.reject(closing);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Bytes handed over are moved to the thread: the callers above pass copies. */
  private run<K extends DocumentJobKind>(job: Extract<DocumentJob, { kind: K }>, transfer: ArrayBuffer[] = []): Promise<DocumentResults[K]> {
    if (this.closed) return Promise.reject(new Error('the document thread is closed'));
    return new Promise<DocumentResults[K]>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, transfer, resolve: resolve as (value: never) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.idle();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = (this.worker ??= this.start());
    try {
      worker.postMessage({ id: next.id, job: next.job } satisfies JobRequest, next.transfer);
    } catch (error) {
      // Not something a thread can be sent (a DataCloneError): this job fails, the next goes.
      this.stats.jobs++;
      this.stats.failed++;
      next.reject(error);
      this.pump();
      return;
    }
    this.running = next;
    this.runningSince = performance.now();
    worker.ref();
    this.timer = setTimeout(() => this.abandon(worker, 'timeout'), this.timeoutMs);
  }

  private start(): Worker {
    const url = this.options.workerUrl ?? workerUrl();
    // A small young generation: the thread's RSS while printing is ~20 MB less, at no cost in speed here.
    const worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512, maxYoungGenerationSizeMb: 8 } });
    worker.unref();
    worker.on('message', (reply: JobReply) => this.replied(worker, reply));
    worker.on('error', (error) => this.abandon(worker, 'crash', error));
    worker.on('exit', (code) => this.abandon(worker, 'crash', new Error(`the document thread exited (code ${code})`)));
    this.stats.starts++;
    if (this.stats.starts > 1) this.options.logger?.info({ starts: this.stats.starts }, 'document thread started again');
    return worker;
  }

  private replied(worker: Worker, reply: JobReply): void {
    const job = this.running;
    if (worker !== this.worker || !job || reply.id !== job.id) return;
    this.settle();
    worker.unref();
    if (reply.ok) job.resolve(reply.value as never);
    else {
      this.stats.failed++;
      job.reject(revive(reply.error));
    }
    this.pump();
  }

  /** The running job is given up and its thread ended; the jobs behind it get a new one. */
  private abandon(worker: Worker, reason: 'timeout' | 'crash', cause?: unknown): void {
    if (worker !== this.worker) return; // already replaced, or closed on purpose
    this.worker = null;
    void worker.terminate();
    const job = this.running;
    if (job) {
      this.settle();
      this.stats.failed++;
      if (reason === 'timeout') this.stats.timeouts++;
      else this.stats.crashes++;
      this.options.logger?.error({ job: job.job.kind, reason, err: cause }, 'document job abandoned');
      job.reject(new DocumentJobAbandoned(job.job.kind, reason, cause));
    } else if (!this.closed) {
      this.options.logger?.error({ err: cause }, 'the idle document thread died');
    }
    this.pump();
  }

  /** Nothing to do: the thread ends if nothing comes for idleMs. */
  private idle(): void {
    const worker = this.worker;
    if (!worker || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.running) return;
      this.worker = null;
      this.stats.idleEnds++;
      void worker.terminate();
    }, this.options.idleMs ?? 120_000);
    this.idleTimer.unref();
  }

  /** The running job is over, one way or another. */
  private settle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.running;
    if (!job) return;
    this.running = null;
    this.stats.jobs++;
    this.options.latencies?.record(`document:${job.job.kind}`, performance.now() - this.runningSince);
  }
}

const isBundle = (): boolean => typeof HALL_BUNDLE !== 'undefined' && HALL_BUNDLE;

/** The worker's own bundle beside the production bundle, or its TypeScript sources through tsx. */
function workerUrl(): URL {
  // In the bundle, import.meta.url names this source file (scripts/bundle.mjs rewrites it).
  return isBundle() ? new URL('../../dist/document-worker.mjs', import.meta.url) : new URL('./document-worker-from-sources.mjs', import.meta.url);
}

/** A HallError stays one (a refused upload keeps its field and Chinese reason); others keep their stack. */
function revive(remote: RemoteError): Error {
  if (remote.code !== undefined && Object.hasOwn(errorMessages, remote.code)) {
    const options: { message: string; field?: string; details?: Record<string, unknown> } = { message: remote.message };
    if (remote.field !== undefined) options.field = remote.field;
    if (remote.details !== undefined) options.details = remote.details;
    return new HallError(remote.code as ErrorCode, options);
  }
  const error = new Error(remote.message);
  if (remote.stack) error.stack = remote.stack;
  return error;
}
