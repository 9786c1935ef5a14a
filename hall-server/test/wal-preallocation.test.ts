// The WAL file is given its whole size before anything writes to it (store/db.ts): SQLite
// uses it as it is, and frames a crash left in it are kept, since only zeros are appended.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, walCheckpointPages } from '../src/store/db.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function newDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hall-wal-'));
  dirs.push(d);
  return d;
}
const walBytes = (pageSize: number) => walCheckpointPages * (pageSize + 24) + 32;

it('a new database gets its whole WAL up front; SQLite writes into it and the rows are there after a reopen', () => {
  const file = join(newDir(), 'hall.db');
  const db = openDatabase(file);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  expect(statSync(`${file}-wal`).size).toBe(walBytes(pageSize));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < 200; i++) db.transaction(() => insert.run(`row ${i}`))();
  // Written inside the allocated file: it did not grow.
  expect(statSync(`${file}-wal`).size).toBe(walBytes(pageSize));
  db.close();
  const again = openDatabase(file);
  expect(again.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
  expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
  again.close();
});

it('frames a killed process left in the WAL survive the next start, which only appends zeros', () => {
  const file = join(newDir(), 'hall.db');
  // Another process commits 50 rows and is killed: its WAL is never checkpointed or removed.
  const script = `
    import Database from 'better-sqlite3';
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 50; i++) db.transaction(() => insert.run('row ' + i))();
    process.kill(process.pid, 'SIGKILL');`;
  expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), stdio: 'pipe' })).toThrow();
  const before = statSync(`${file}-wal`).size;
  expect(before).toBeGreaterThan(0);
  const db = openDatabase(file);
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(before);
  expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 50 });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
