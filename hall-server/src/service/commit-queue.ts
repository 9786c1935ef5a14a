// Group commit. Commands that arrive together share one SQLite transaction, so one fsync
// covers a whole batch; every caller's promise settles only after that batch has committed,
// and no reply or broadcast leaves before it.
//
// The queue's own writes (tickets, events, window states, idempotency keys, audit entries)
// come as data (WriteOp) and are committed by the commit thread on its own connection: while
// SQLite writes and fsyncs there, the main thread goes on taking requests, which form the next
// batch. One batch is in flight at a time, so batches commit in order. Writes that must run
// on the main thread (configuration changes, which read and check as they write) come as
// closures; a batch holding one waits for the thread to finish, then commits on the main
// connection, ops included, in enqueue order.
//
// When the hall is quiet, a lone command's batch commits on the main connection at once: the
// thread's two wake-ups (there and back) cost more than the commit when nobody else waits, and
// each is a chance for the scheduler to be late. As soon as commands arrive while a commit is
// under way, batches go to the thread again, so a busy hall never waits on the main thread's
// fsync. Either way a reply leaves only after its batch is durable.
//
// A batch that fails takes every write queued after it down too: their in-memory effects were
// built on the lost state, which onFailure reloads from the database.
import { Worker } from 'node:worker_threads';
import { Checkpointer } from '../store/checkpointer.ts';
import { walCheckpointPages, type Db } from '../store/db.ts';
import { OpRunner, type WriteOp } from '../store/write-op.ts';
import type { Latencies } from './latency.ts';

type Entry = ({ ops: WriteOp[]; write?: undefined } | { write: () => void; ops?: undefined }) & {
  resolve: () => void;
  reject: (error: unknown) => void;
};

interface WorkerReply {
  id: number;
  ok: boolean;
  /** The transaction's time on the thread. */
  ms?: number;
  error?: { message: string; code?: string };
}

export interface CommitQueueOptions {
  /** Commit op-only batches on a thread of their own (file databases only). */
  thread?: boolean;
  /** When to commit what is pending; the next macrotask unless told (tests step it by hand). */
  schedule?: (fn: () => void) => void;
  /** Where batch commit times go ('commit': from sending a batch until it is durable). */
  latencies?: Latencies;
  /**
   * With a thread: how long the queue must have had nothing to commit for a lone batch (at
   * most QUIET_BATCH_MAX commands) to commit on the main connection instead. 0: never.
   */
  quietMs?: number;
}

/** Quiet means: the last batch was durable this long ago (ms) or longer. */
export const QUIET_MS = 5;
/** A quiet batch this small (commands) commits on the main connection. */
export const QUIET_BATCH_MAX = 2;

export class CommitQueue {
  private pending: Entry[] = [];
  private inFlight: Entry[] | null = null;
  private waiters: Array<() => void> = [];
  private scheduled = false;
  private readonly runner: OpRunner;
  private readonly schedule: (fn: () => void) => void;
  private worker: Worker | null = null;
  /**
   * Settles when the commit thread has exited. Taken when it starts: a thread that dies while
   * close() waits for the checkpoint thread must not leave close() waiting for an exit that
   * has already happened.
   */
  private workerExited: Promise<void> = Promise.resolve();
  private checkpointer: Checkpointer | null = null;
  private batchId = 0;
  private batchStart = 0;
  /** When the last batch was done (durable or failed). */
  private lastDone = -Infinity;
  private readonly quietMs: number;
  private readonly latencies: Latencies | undefined;
  /**
   * Batches committed and the commands they carried, for the benchmark and health page;
   * `quiet`: op batches committed on the main connection because the hall was quiet.
   */
  readonly stats = { batches: 0, writes: 0, largestBatch: 0, onThread: 0, quiet: 0 };

  constructor(
    private readonly db: Db,
    /** Called when a batch fails: the in-memory state is ahead of the disk and must be reloaded. */
    private readonly onFailure: (error: unknown) => void,
    options: CommitQueueOptions = {},
  ) {
    this.runner = new OpRunner(db);
    this.schedule = options.schedule ?? setImmediate;
    this.latencies = options.latencies;
    this.quietMs = options.quietMs ?? QUIET_MS;
    if (options.thread && !db.memory) this.startWorker();
  }

  /** Runs `write` inside the next batch transaction, on the main connection; resolves once durable. */
  enqueue(write: () => void): Promise<void> {
    return this.add({ write });
  }

  /** Commits `ops` in the next batch, on the commit thread where there is one; resolves once durable. */
  enqueueOps(ops: WriteOp[]): Promise<void> {
    return this.add({ ops });
  }

  /**
   * Resolves after everything enqueued so far is durable: reads that must not show
   * uncommitted state (snapshots) wait on this.
   */
  settled(): Promise<void> {
    if (this.pending.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** What the checkpoint thread has copied back into the database file (null without one). */
  get checkpoints(): { rounds: number; frames: number } | null {
    return this.checkpointer?.stats ?? null;
  }

  get backlog(): number {
    return this.pending.length + (this.inFlight?.length ?? 0);
  }

  /** Commits what is pending now (on the commit thread: sends it). */
  flush(): void {
    this.scheduled = false;
    if (this.inFlight) return; // the reply flushes again
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) {
      this.wake();
      return;
    }
    this.batchStart = performance.now();
    const opsOnly = batch.every((e) => e.ops);
    const quiet = this.quietMs > 0 && batch.length <= QUIET_BATCH_MAX && this.batchStart - this.lastDone >= this.quietMs;
    if (this.worker && opsOnly && !quiet) {
      this.inFlight = batch;
      this.worker.ref();
      this.worker.postMessage({ id: ++this.batchId, ops: batch.flatMap((e) => e.ops!) });
      return;
    }
    try {
      this.db.transaction(() => {
        for (const e of batch) {
          if (e.ops) for (const op of e.ops) this.runner.run(op);
          else e.write!();
        }
      })();
    } catch (error) {
      this.failed(batch, error);
      return;
    }
    if (this.worker && opsOnly) this.stats.quiet++;
    this.committed(batch, false);
  }

  /** Shutdown: commits everything pending, then stops the commit thread. */
  async close(): Promise<void> {
    this.flush();
    await this.settled();
    const worker = this.worker;
    this.worker = null;
    await this.checkpointer?.stop();
    this.checkpointer = null;
    if (worker) {
      // Held by the thread until it has closed its connection: an idle (unref'd) worker would
      // let the process run out of work and exit before the close completes.
      worker.ref();
      worker.postMessage({ close: true });
      await this.workerExited;
    }
  }

  private add(entry: Omit<Entry, 'resolve' | 'reject'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...entry, resolve, reject } as Entry);
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  private startWorker(): void {
    const worker = new Worker(new URL('../store/commit-worker.mjs', import.meta.url), { workerData: { file: this.db.name, checkpointPages: walCheckpointPages } });
    worker.unref();
    this.workerExited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: WorkerReply) => this.replied(reply));
    // The thread itself died (it cannot open the file, say): what it held failed, and the
    // main connection commits from now on.
    const died = (error: unknown) => {
      if (this.worker !== worker) return; // already handled, or closed on purpose
      this.worker = null;
      const batch = this.inFlight;
      this.inFlight = null;
      if (batch) this.failed(batch, error);
      else this.flush();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the commit thread exited (code ${code})`)));
    this.worker = worker;
    // Quiet batches commit on the main connection: it gets the commit thread's backstop, so
    // that it does not checkpoint inside a command's commit either.
    this.db.pragma(`wal_autocheckpoint = ${walCheckpointPages}`);
    // Checkpoints on a thread of their own, so that no commit carries one.
    this.checkpointer = new Checkpointer(this.db.name, this.latencies ? { latencies: this.latencies } : {});
  }

  private replied(reply: WorkerReply): void {
    const batch = this.inFlight;
    if (!batch || reply.id !== this.batchId) return;
    this.inFlight = null;
    this.worker?.unref();
    if (reply.ok) {
      if (reply.ms !== undefined) this.latencies?.record('commit:transaction', reply.ms);
      this.committed(batch, true);
      if (this.pending.length > 0) this.flush();
      else this.wake();
    } else {
      const error = Object.assign(new Error(reply.error?.message ?? 'commit failed'), { code: reply.error?.code });
      this.failed(batch, error);
    }
  }

  private committed(batch: Entry[], onThread: boolean): void {
    this.lastDone = performance.now();
    this.latencies?.record('commit', this.lastDone - this.batchStart);
    this.stats.batches++;
    if (onThread) this.stats.onThread++;
    this.stats.writes += batch.length;
    if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
    for (const e of batch) e.resolve();
    if (!onThread) this.wake();
  }

  private failed(batch: Entry[], error: unknown): void {
    this.lastDone = performance.now();
    // Everything queued behind the failed batch was built on the state it took with it.
    const behind = this.pending;
    this.pending = [];
    for (const e of [...batch, ...behind]) e.reject(error);
    this.wake();
    this.onFailure(error);
  }

  private wake(): void {
    if (this.pending.length > 0 || this.inFlight) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
