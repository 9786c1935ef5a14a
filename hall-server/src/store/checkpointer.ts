// The main thread's handle on the checkpoint thread (checkpoint-worker.mjs): started beside
// the commit thread, stopped with it. Each round that copied frames is timed ('checkpoint').
import { Worker } from 'node:worker_threads';
import type { Latencies } from '../service/latency.ts';

export interface CheckpointerOptions {
  /** Between rounds while frames keep coming, and when the last round found nothing. */
  busyMs?: number;
  idleMs?: number;
  latencies?: Latencies;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopped: Promise<void> | null = null;
  /** Rounds that copied frames, and how many frames in all. */
  readonly stats = { rounds: 0, frames: 0 };

  constructor(file: string, options: CheckpointerOptions = {}) {
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, busyMs: options.busyMs ?? 20, idleMs: options.idleMs ?? 250 } });
    // It only ever helps: it must not keep a process alive, and if it dies, commits still
    // checkpoint by themselves (wal_autocheckpoint on the commit connection).
    this.worker.unref();
    this.worker.on('message', (m: { ms: number; checkpointed: number }) => {
      this.stats.rounds++;
      this.stats.frames += m.checkpointed;
      options.latencies?.record('checkpoint', m.ms);
    });
    this.worker.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Closes its connection and ends the thread; at once if the thread already died. */
  stop(): Promise<void> {
    this.stopped ??= (() => {
      this.worker.ref();
      this.worker.postMessage({ close: true });
      return this.exited;
    })();
    return this.stopped;
  }
}
