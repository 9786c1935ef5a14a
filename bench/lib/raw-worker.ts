// The raw reference, in its own process: a fresh SQLite file with WAL and synchronous=FULL
// (as the hall server opens its database), one INSERT per transaction, for a fixed time.
// Its rate is what one durable commit per ticket would allow on this disk; its latency is
// the floor under any acknowledged-after-commit round trip.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { serveWorker } from './ipc.ts';
import { summarize, type Summary } from './stats.ts';

export interface RawRequest {
  file: string;
  durationMs: number;
}
export interface RawResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Per-commit time (one INSERT + COMMIT with its fsync). */
  commit: Summary;
}

function run(r: RawRequest): RawResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(r.file + suffix, { force: true });
  const db = new Database(r.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, json TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (at, json) VALUES (?, ?)');
  const one = db.transaction((at: number, json: string) => insert.run(at, json));
  // About the size of a ticket row.
  const json = JSON.stringify({ payload: 'x'.repeat(400) });
  const times: number[] = [];
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < r.durationMs) {
    one(Date.now(), json);
    const t = performance.now();
    times.push(t - now);
    now = t;
  }
  const seconds = (now - t0) / 1000;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(r.file + suffix, { force: true });
  return { rows: times.length, seconds, rowsPerSec: times.length / seconds, commit: summarize(times) };
}

serveWorker({ run: (r: RawRequest) => run(r) });
