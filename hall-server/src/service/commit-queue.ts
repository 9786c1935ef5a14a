// Group commit. Commands that arrive together share one SQLite transaction, so one fsync
// covers a whole batch; every caller's promise settles only after that batch has committed,
// and no reply or broadcast leaves before it. better-sqlite3 is synchronous, so while a
// batch commits, new requests wait in the socket buffers and form the next batch.
import type { Db } from '../store/db.ts';

interface Pending {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class CommitQueue {
  private pending: Pending[] = [];
  private waiters: Array<() => void> = [];
  private scheduled = false;
  /** Batches committed and the commands they carried, for the benchmark and health page. */
  readonly stats = { batches: 0, writes: 0, largestBatch: 0 };

  constructor(
    private readonly db: Db,
    /** Called when a batch fails: the in-memory state is ahead of the disk and must be reloaded. */
    private readonly onFailure: (error: unknown) => void,
    private readonly schedule: (fn: () => void) => void = setImmediate,
  ) {}

  /** Runs `write` inside the next batch transaction; resolves once that batch is durable. */
  enqueue(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      this.arm();
    });
  }

  /**
   * Resolves after everything enqueued so far is durable: reads that must not show
   * uncommitted state (snapshots) wait on this.
   */
  settled(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get backlog(): number {
    return this.pending.length;
  }

  /** Commits what is pending now. Exposed for shutdown. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    if (batch.length === 0) {
      for (const w of waiters) w();
      return;
    }
    try {
      this.db.transaction(() => {
        for (const p of batch) p.write();
      })();
    } catch (error) {
      for (const p of batch) p.reject(error);
      for (const w of waiters) w();
      this.onFailure(error);
      return;
    }
    this.stats.batches++;
    this.stats.writes += batch.length;
    if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
    for (const p of batch) p.resolve();
    for (const w of waiters) w();
  }

  private arm(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }
}
