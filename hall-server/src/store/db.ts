// Opens the hall's SQLite file with the durability the queue promises: WAL with
// synchronous=FULL, so a number handed out is never handed out again, even after a power
// cut. Throughput comes from group commit (see unit-of-work.ts), not from weaker syncing.
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations.ts';

export type Db = Database.Database;

/**
 * WAL pages between checkpoints on the commit thread (store/commit-worker.mjs): about 40 MB,
 * rather than SQLite's 1,000 pages, so fewer commits carry a checkpoint.
 */
export const walCheckpointPages = 10_000;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    assertWritable(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Keep the WAL from growing without bound under a steady write load.
  db.pragma('wal_autocheckpoint = 1000');
  if (!db.memory) preallocateWal(`${file}-wal`, walCheckpointPages * ((db.pragma('page_size', { simple: true }) as number) + 24) + 32);
  migrate(db);
  return db;
}

/**
 * SQLite opens a file this process may not write read-only, without a word, and every commit
 * then fails: a database restored or copied by root for a service that runs as another user,
 * say. Refuse to start instead, naming the file and its owner.
 */
function assertWritable(file: string): void {
  const dir = dirname(file);
  for (const path of [dir, file, `${file}-wal`, `${file}-shm`]) {
    if (path !== dir && !existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new Error(
        `数据库文件不可写，请把数据目录及其中文件的属主改为运行服务器的用户 the database is not writable by this process (uid ${process.getuid?.() ?? '?'}): ${path} belongs to uid ${statSync(path).uid}`,
      );
    }
  }
}

/**
 * Gives the WAL file its full size up front, in zeros, before anything writes to it. A commit
 * that appends to a growing file must also make the new size durable (a file-system journal
 * commit on top of the data), which doubled the time of a small commit here (0.45 against
 * 0.2 ms p50 for one row, far worse at p99); inside an allocated file SQLite only overwrites.
 * SQLite reads a WAL's frames up to the first one whose salt and checksum do not match, so the
 * zeros after the last frame (like any stale frames of an earlier cycle) are never taken for
 * data; the file is only appended to, never rewritten, so frames a crash left are kept.
 * SQLite deletes the file when the last connection closes cleanly: each start does this again.
 */
export function preallocateWal(path: string, bytes: number): void {
  const fd = openSync(path, 'a');
  try {
    let size = fstatSync(fd).size;
    if (size >= bytes) return;
    const zeros = Buffer.alloc(1 << 20);
    while (size < bytes) size += writeSync(fd, zeros, 0, Math.min(zeros.length, bytes - size));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
