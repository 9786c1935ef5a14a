// The raw reference, in its own process: a fresh SQLite file with WAL and synchronous=FULL
// (as the hall server opens its database), one INSERT per transaction, for a fixed time.
// Its rate is what one durable commit per ticket would allow on this disk; its latency is
// the floor under any acknowledged-after-commit round trip. `paced`: the same commits one at a
// time with a pause between them, as a hall's calls come: a disk (and a CPU) that sat idle
// is slower to answer than one kept busy.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { serveWorker } from './ipc.ts';
import { summarize, type Summary } from './stats.ts';

export interface RawRequest {
  file: string;
  durationMs: number;
}
export interface PacedRequest {
  file: string;
  count: number;
  gapMs: number;
}
export interface RawResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Per-commit time (one INSERT + COMMIT with its fsync). */
  commit: Summary;
}

// About the size of a ticket row.
const json = JSON.stringify({ payload: 'x'.repeat(400) });

/** A fresh database file and one durable INSERT, the way the hall server opens and commits. */
function open(file: string): { commit(): void; close(): void } {
  remove(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, json TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (at, json) VALUES (?, ?)');
  const one = db.transaction(() => insert.run(Date.now(), json));
  return {
    commit: () => one(),
    close() {
      db.close();
      remove(file);
    },
  };
}

function remove(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

function run(r: RawRequest): RawResult {
  const db = open(r.file);
  const times: number[] = [];
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < r.durationMs) {
    db.commit();
    const t = performance.now();
    times.push(t - now);
    now = t;
  }
  const seconds = (now - t0) / 1000;
  db.close();
  return { rows: times.length, seconds, rowsPerSec: times.length / seconds, commit: summarize(times) };
}

async function paced(r: PacedRequest): Promise<Summary> {
  const db = open(r.file);
  const times: number[] = [];
  for (let i = 0; i < r.count; i++) {
    await new Promise((resolve) => setTimeout(resolve, r.gapMs));
    const t = performance.now();
    db.commit();
    times.push(performance.now() - t);
  }
  db.close();
  return summarize(times);
}

serveWorker({ run: (r: RawRequest) => run(r), paced: (r: PacedRequest) => paced(r) });
