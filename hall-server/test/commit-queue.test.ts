// The group-commit queue against a real SQLite file, with its commit thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, walCheckpointPages, type Db } from '../src/store/db.ts';
import { CommitQueue } from '../src/service/commit-queue.ts';
import { writeOp } from '../src/store/write-op.ts';
import { Checkpointer } from '../src/store/checkpointer.ts';

let dir: string;
let db: Db;
let queue: CommitQueue;
let failures: unknown[];

const note = (text: string) => writeOp('INSERT INTO notices (id, json) VALUES (?, ?)', [text, JSON.stringify({ text })]);
const stored = () => (db.prepare('SELECT id FROM notices ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'commit-queue-'));
  db = openDatabase(join(dir, 'hall.db'));
  failures = [];
  // Every batch to the thread here, however quiet the queue (see 'when the hall is quiet').
  queue = new CommitQueue(db, (error) => failures.push(error), { thread: true, quietMs: 0 });
});
afterEach(async () => {
  await queue.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CommitQueue with its commit thread', () => {
  it('commits op batches on the thread, in order, each promise settling once its batch is on disk', async () => {
    const done = await Promise.all(['a', 'b', 'c'].map(async (id) => {
      await queue.enqueueOps([note(id)]);
      // Durable means visible to another connection once the promise settles.
      return stored().includes(id);
    }));
    expect(done).toEqual([true, true, true]);
    const more = Array.from({ length: 50 }, (_, i) => queue.enqueueOps([note(`n${i}`)]));
    await Promise.all(more);
    expect(stored()).toEqual(['a', 'b', 'c', ...Array.from({ length: 50 }, (_, i) => `n${i}`)]);
    expect(queue.stats.onThread).toBe(queue.stats.batches);
    expect(queue.stats.batches).toBeLessThan(53); // grouped, not one transaction per write
  });

  it('a checkpoint thread copies committed frames back into the database file, so commits need not', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => queue.enqueueOps([note(`c${i}`)])));
    const deadline = Date.now() + 10_000;
    while ((queue.checkpoints?.frames ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(queue.checkpoints!.rounds).toBeGreaterThan(0);
    // SQLite's own count of frames that thread copied into the file.
    expect(queue.checkpoints!.frames).toBeGreaterThan(0);
    expect(stored()).toHaveLength(200);
  });

  it('a checkpoint round counts only the frames it copied: a WAL already copied is not copied again', async () => {
    const checkpointer = new Checkpointer(db.name, { busyMs: 5, idleMs: 5 });
    try {
      for (let i = 0; i < 20; i++) db.prepare('INSERT INTO notices (id, json) VALUES (?, ?)').run(`w${i}`, '{}');
      const deadline = Date.now() + 10_000;
      while (checkpointer.stats.frames === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const after = { ...checkpointer.stats };
      expect(after.frames).toBeGreaterThanOrEqual(20); // at least a page per committed row
      // Nothing new written: forty more rounds find nothing to copy and report nothing.
      await new Promise((r) => setTimeout(r, 200));
      expect(checkpointer.stats).toEqual(after);
      // A new write is copied, and counted, once.
      db.prepare('INSERT INTO notices (id, json) VALUES (?, ?)').run('later', '{}');
      while (checkpointer.stats.rounds === after.rounds && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect(checkpointer.stats.rounds).toBe(after.rounds + 1);
      expect(checkpointer.stats.frames - after.frames).toBeLessThan(10);
    } finally {
      await checkpointer.stop();
    }
  });

  it('a checkpoint thread that died (here: it cannot open its file) does not hold up the stop', async () => {
    const checkpointer = new Checkpointer(join(dir, 'no-such-dir', 'hall.db'), { idleMs: 10 });
    await new Promise((r) => setTimeout(r, 200));
    await checkpointer.stop();
    expect(checkpointer.stats.rounds).toBe(0);
  });

  it('a batch with a main-thread write waits for the thread and keeps the enqueue order', async () => {
    const first = queue.enqueueOps([note('thread-1')]);
    await new Promise((r) => setImmediate(r)); // thread-1 is in flight now
    const closure = queue.enqueue(() => db.prepare("INSERT INTO notices (id, json) VALUES ('main', '{}')").run());
    const last = queue.enqueueOps([note('thread-2')]);
    await Promise.all([first, closure, last]);
    expect(stored()).toEqual(['thread-1', 'main', 'thread-2']);
  });

  it('a failed batch rejects its writes and every write queued behind it, commits none of them, and reports once', async () => {
    const bad = queue.enqueueOps([note('x'), note('x')]); // the second breaks the primary key
    const same = queue.enqueueOps([note('in-the-same-batch')]);
    await new Promise((r) => setImmediate(r));
    const behind = queue.enqueueOps([note('behind')]);
    const results = await Promise.allSettled([bad, same, behind]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(stored()).toEqual([]);
    expect(failures).toHaveLength(1);
    // The queue goes on afterwards.
    await queue.enqueueOps([note('after')]);
    expect(stored()).toEqual(['after']);
  });

  it('settled() waits for what is in flight; close() commits what is pending before the thread stops', async () => {
    void queue.enqueueOps([note('one')]);
    await queue.settled();
    expect(stored()).toEqual(['one']);
    const pending = queue.enqueueOps([note('two')]);
    await queue.close();
    await pending;
    expect(stored()).toEqual(['one', 'two']);
  });
});

describe('CommitQueue when the hall is quiet', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** What another connection sees: durable, not just written on this one. */
  const seenElsewhere = () => {
    const other = openDatabase(db.name);
    try {
      return (other.prepare('SELECT id FROM notices ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
    } finally {
      other.close();
    }
  };
  // Quiet: nothing committed for 200 ms (the server's is 5 ms; longer here, so that a busy test
  // machine does not make a batch that follows closely look quiet).
  beforeEach(async () => {
    await queue.close();
    queue = new CommitQueue(db, (error) => failures.push(error), { thread: true, quietMs: 200 });
  });

  it('a lone command after a quiet spell commits on the main connection; one that follows a commit closely goes to the thread', async () => {
    // The main connection checkpoints inside a commit only as the thread's does: as a backstop.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(walCheckpointPages);
    await queue.enqueueOps([note('first')]);
    expect(queue.stats).toMatchObject({ batches: 1, quiet: 1, onThread: 0 });
    expect(seenElsewhere()).toEqual(['first']);
    // Right behind it: the hall is busy, the thread commits.
    await queue.enqueueOps([note('second')]);
    expect(queue.stats).toMatchObject({ batches: 2, quiet: 1, onThread: 1 });
    await sleep(250);
    await queue.enqueueOps([note('third')]);
    expect(queue.stats).toMatchObject({ batches: 3, quiet: 2, onThread: 1 });
    expect(seenElsewhere()).toEqual(['first', 'second', 'third']);
  });

  it('more than a couple of commands at once go to the thread even when quiet', async () => {
    await Promise.all(['a', 'b', 'c'].map((id) => queue.enqueueOps([note(id)])));
    expect(queue.stats).toMatchObject({ batches: 1, quiet: 0, onThread: 1 });
    expect(seenElsewhere()).toEqual(['a', 'b', 'c']);
  });

  it('a quiet batch that fails rejects, commits nothing, reports once, and the queue goes on', async () => {
    const outcome = await queue.enqueueOps([note('y'), note('y')]).then(() => 'committed', (error: unknown) => String(error));
    expect(outcome).toMatch(/UNIQUE/);
    expect(queue.stats.quiet).toBe(0); // counted only once committed
    expect(failures).toHaveLength(1);
    expect(seenElsewhere()).toEqual([]);
    await queue.enqueueOps([note('after')]);
    expect(seenElsewhere()).toEqual(['after']);
  });
});

describe('CommitQueue without a thread (in-memory database)', () => {
  it('commits on the main connection', async () => {
    const memory = openDatabase(':memory:');
    const q = new CommitQueue(memory, () => undefined, { thread: true });
    await q.enqueueOps([writeOp('INSERT INTO notices (id, json) VALUES (?, ?)', ['m', '{}'])]);
    expect(memory.prepare('SELECT count(*) AS n FROM notices').get()).toEqual({ n: 1 });
    expect(q.stats.onThread).toBe(0);
    await q.close();
    memory.close();
  });
});

describe('CommitQueue when its thread dies', () => {
  it('fails what the thread held, then commits on the main connection', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'commit-queue-dead-'));
    const file = openDatabase(join(dir2, 'hall.db'));
    const seen: unknown[] = [];
    const q = new CommitQueue(file, (error) => seen.push(error), { thread: true });
    const thread = (q as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const held = q.enqueueOps([writeOp('INSERT INTO notices (id, json) VALUES (?, ?)', ['held', '{}'])]);
    await new Promise((r) => setImmediate(r)); // in flight now, or already committed
    await thread.terminate();
    const outcome = await held.then(() => 'committed', () => 'failed');
    // Either the batch made it before the thread stopped, or it failed and was reported.
    expect(outcome === 'committed' ? seen.length : seen.length - 1).toBe(0);
    await q.enqueueOps([writeOp('INSERT INTO notices (id, json) VALUES (?, ?)', ['after', '{}'])]);
    expect(file.prepare("SELECT count(*) AS n FROM notices WHERE id = 'after'").get()).toEqual({ n: 1 });
    expect(q.stats.onThread).toBeLessThan(q.stats.batches);
    await q.close();
    file.close();
    rmSync(dir2, { recursive: true, force: true });
  });

  it('closes when the thread dies while the close waits for the checkpoint thread', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'commit-queue-dies-closing-'));
    const file = openDatabase(join(dir2, 'hall.db'));
    const q = new CommitQueue(file, () => undefined, { thread: true });
    const thread = (q as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await q.enqueueOps([writeOp('INSERT INTO notices (id, json) VALUES (?, ?)', ['x', '{}'])]);
    const closing = q.close().then(() => 'closed');
    await thread.terminate(); // gone before the close has stopped the checkpoint thread
    const outcome = await Promise.race([closing, new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10_000))]);
    expect(outcome).toBe('closed');
    file.close();
    rmSync(dir2, { recursive: true, force: true });
  });
});
