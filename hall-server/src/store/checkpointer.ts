// The main thread's handle on the checkpoint thread (checkpoint-worker.mjs): started beside
// the commit thread, stopped with it. Each round that copied frames is timed ('checkpoint').
import { Worker } from 'node:worker_threads';
import type { Latencies } from '../service/latency.ts';

export interface CheckpointerOptions {
  /**
   * Between rounds: busyMs while frames come in at busyFramesPerSecond or faster (a burst of
   * issuances: keep the WAL short), idleMs otherwise. A round that copies ends in an fsync of
   * the database file, which a commit's own fsync may have to wait behind on the same disk:
   * in an ordinary hall (a call-next writes about eight frames) a round twice a second copies
   * what came in, instead of fifty small rounds a second.
   */
  busyMs?: number;
  busyFramesPerSecond?: number;
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
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, busyMs: options.busyMs ?? 20, busyFramesPerSecond: options.busyFramesPerSecond ?? 2000, idleMs: options.idleMs ?? 500 } });
    // It only ever helps: it must not keep a process alive, and if it dies, commits still
    // checkpoint by themselves (wal_autocheckpoint on the connections that commit).
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
