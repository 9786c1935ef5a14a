// Backing up and restoring the database (store/backup.ts, the CLI's `backup` and `restore`),
// and the start-up refusal of a database the server could not write (store/db.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/store/backup.ts';
import { openDatabase, type Db } from '../src/store/db.ts';
import { migrations } from '../src/store/migrations.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root = process.getuid?.() === 0;
/** Not this process's user: the owner a root restore must hand the new file back to. */
const nobody = 65534;

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function newDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hall-backup-'));
  dirs.push(d);
  return d;
}

/** A hall database (migrated, WAL) holding these notices, left open like a running server's. */
function liveHall(file: string, notices: string[]): Db {
  const db = openDatabase(file);
  open.push(db);
  const insert = db.prepare('INSERT INTO notices (id, json) VALUES (?, ?)');
  for (const id of notices) db.transaction(() => insert.run(id, JSON.stringify({ text: id })))();
  return db;
}

function noticesIn(file: string): string[] {
  // Read-write, though it only reads: a read-only connection leaves the -wal and -shm behind.
  const db = new Database(file, { fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM notices ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

/** A backup file holding these notices, made the way `hall-server backup` makes one. */
async function backupOf(notices: string[]): Promise<string> {
  const dir = newDir();
  const live = liveHall(join(dir, 'source.db'), notices);
  const out = join(dir, 'backup.db');
  await backupDatabase(join(dir, 'source.db'), out);
  live.close();
  return out;
}

describe('backup', () => {
  it('copies a database that is open and still being written, including what is only in its WAL', async () => {
    const dir = newDir();
    const file = join(dir, 'hall.db');
    const live = liveHall(file, ['n1', 'n2', 'n3']);
    // Everything is in the WAL still: the database file alone does not even have the table.
    copyFileSync(file, join(dir, 'main-file-only.db'));
    const mainOnly = new Database(join(dir, 'main-file-only.db'));
    expect(mainOnly.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'notices'").get()).toEqual({ n: 0 });
    mainOnly.close();
    await backupDatabase(file, join(dir, 'backup.db'));
    live.prepare('INSERT INTO notices (id, json) VALUES (?, ?)').run('n4', '{}');
    expect(noticesIn(join(dir, 'backup.db'))).toEqual(['n1', 'n2', 'n3']);
    expect(statSync(join(dir, 'backup.db')).mode & 0o777).toBe(0o600);
    const copy = new Database(join(dir, 'backup.db'));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('backs up a stopped hall without leaving a -wal or -shm beside its database', async () => {
    const dir = newDir();
    liveHall(join(dir, 'hall.db'), ['n1']).close();
    await backupDatabase(join(dir, 'hall.db'), join(dir, 'backup.db'));
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'hall.db']);
    expect(noticesIn(join(dir, 'backup.db'))).toEqual(['n1']);
  });

  it('says so when there is no database', async () => {
    await expect(backupDatabase(join(newDir(), 'missing.db'), join(newDir(), 'out.db'))).rejects.toThrow(/no database at/);
  });
});

describe('restore', () => {
  it('puts the backup in place and keeps the database it replaces, with what a crash left in its WAL', async () => {
    const backup = await backupOf(['restored-1', 'restored-2']);
    // A server that died: its database file and its WAL, as a crash leaves them.
    const crashed = newDir();
    const liveDir = newDir();
    liveHall(join(liveDir, 'hall.db'), ['before-1', 'before-2', 'before-3']);
    copyFileSync(join(liveDir, 'hall.db'), join(crashed, 'hall.db'));
    copyFileSync(join(liveDir, 'hall.db-wal'), join(crashed, 'hall.db-wal'));
    const target = join(crashed, 'hall.db');

    const result = await restoreDatabase(target, backup, new Date('2026-12-03T09:30:00.000Z'));

    expect(result.version).toBe(migrations.at(-1)!.version);
    expect(result.damaged).toBe(false);
    expect(result.aside).toBe(`${target}.before-restore-2026-12-03T09-30-00-000Z`);
    expect(noticesIn(target)).toEqual(['restored-1', 'restored-2']);
    // The replaced database is complete on its own: its WAL was folded in before it was moved.
    expect(existsSync(`${result.aside!}-wal`)).toBe(false);
    expect(noticesIn(result.aside!)).toEqual(['before-1', 'before-2', 'before-3']);
    expect(readdirSync(crashed).sort()).toEqual(['hall.db', 'hall.db.before-restore-2026-12-03T09-30-00-000Z']);
    // The server opens it and carries on.
    const reopened = openDatabase(target);
    open.push(reopened);
    expect(reopened.prepare('SELECT count(*) AS n FROM notices').get()).toEqual({ n: 2 });
  });

  it('replaces a database SQLite cannot read, moving it aside as it was, WAL and all', async () => {
    const backup = await backupOf(['restored']);
    const dir = newDir();
    const target = join(dir, 'hall.db');
    const damage = Buffer.alloc(4096, 0x5a);
    writeFileSync(target, damage);
    writeFileSync(`${target}-wal`, 'left by the crash');
    const result = await restoreDatabase(target, backup);
    expect(result.damaged).toBe(true);
    expect(noticesIn(target)).toEqual(['restored']);
    expect(readFileSync(result.aside!)).toEqual(damage);
    expect(readFileSync(`${result.aside!}-wal`, 'utf8')).toBe('left by the crash');
    expect(readdirSync(dir).sort()).toEqual(['hall.db', basename(result.aside!), `${basename(result.aside!)}-wal`]);
  });

  it('refuses while the server has the database open, and changes nothing', async () => {
    const backup = await backupOf(['restored']);
    const dir = newDir();
    const target = join(dir, 'hall.db');
    liveHall(target, ['live']);
    const before = readdirSync(dir).sort();
    await expect(restoreDatabase(target, backup)).rejects.toThrow(/数据库正在使用.*in use/);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(noticesIn(target)).toEqual(['live']);
  });

  it('refuses a file that is not a sound database, and one from a newer version', async () => {
    const dir = newDir();
    const target = join(dir, 'hall.db');
    liveHall(target, ['kept']).close();
    const garbage = join(newDir(), 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    await expect(restoreDatabase(target, garbage)).rejects.toThrow(/not a database/);
    const newer = await backupOf([]);
    const db = new Database(newer);
    db.pragma(`user_version = ${migrations.at(-1)!.version + 1}`);
    db.close();
    await expect(restoreDatabase(target, newer)).rejects.toThrow(/备份来自更新的版本.*newer version/);
    expect(noticesIn(target)).toEqual(['kept']);
    expect(readdirSync(dir)).toEqual(['hall.db']);
  });

  it("gives the new file the owner and mode of the one it replaces (root restoring for the service's user)", async () => {
    const backup = await backupOf(['restored']);
    const dir = newDir();
    const target = join(dir, 'hall.db');
    liveHall(target, ['old']).close();
    if (root) chownSync(target, nobody, nobody);
    chmodSync(target, 0o640);
    await restoreDatabase(target, backup);
    const st = statSync(target);
    expect(st.mode & 0o777).toBe(0o640);
    expect([st.uid, st.gid]).toEqual(root ? [nobody, nobody] : [process.getuid!(), process.getgid!()]);
  });

  it("restores into an empty data directory as the directory's owner", async () => {
    const backup = await backupOf(['restored']);
    const dir = join(newDir(), 'data');
    mkdirSync(dir);
    if (root) chownSync(dir, nobody, nobody);
    const result = await restoreDatabase(join(dir, 'hall.db'), backup);
    expect(result.aside).toBeNull();
    expect(noticesIn(join(dir, 'hall.db'))).toEqual(['restored']);
    expect(statSync(join(dir, 'hall.db')).uid).toBe(root ? nobody : process.getuid!());
    expect(statSync(join(dir, 'hall.db')).mode & 0o777).toBe(0o600);
  });
});

describe('the command line', () => {
  it('backs up a running hall and restores the copy into a stopped one (the README commands)', () => {
    const dir = newDir();
    const data = join(dir, 'data');
    liveHall(join(data, 'hall.db'), ['a', 'b']);
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'hall-server/src/cli.ts'), ...args, '--data', data], { cwd: repoRoot, encoding: 'utf8' });
    const backedUp = cli('backup', '--out', join(dir, 'copy.db'));
    expect(backedUp.stdout).toContain('备份完成 backup written');
    expect(backedUp.status).toBe(0);
    const refused = cli('restore', '--from', join(dir, 'copy.db'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('请先停止服务器再恢复');
    for (const db of open.splice(0)) db.close();
    const restored = cli('restore', '--from', join(dir, 'copy.db'));
    expect(restored.stdout).toContain('原数据库已移至 previous database moved to');
    expect(restored.stdout).toContain('恢复完成 restored');
    expect(restored.status).toBe(0);
    expect(noticesIn(join(data, 'hall.db'))).toEqual(['a', 'b']);
  });
});

describe('a database the server may not write', () => {
  it('stops the start with the file and its owner named, instead of failing every command later', () => {
    const dir = newDir();
    const file = join(dir, 'hall.db');
    openDatabase(file).close();
    if (root) {
      // Root may write anything: run the opening as another user, as a service would run.
      chmodSync(dir, 0o777);
      chmodSync(file, 0o644);
      const script = `import { openDatabase } from ${JSON.stringify(join(repoRoot, 'hall-server/src/store/db.ts'))}; openDatabase(${JSON.stringify(file)});`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        uid: nobody,
        gid: nobody,
        env: { ...process.env, HOME: dir, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json') },
        encoding: 'utf8',
      });
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain(`数据库文件不可写`);
      expect(child.stderr).toContain(`${file} belongs to uid 0`);
    } else {
      chmodSync(file, 0o444);
      expect(() => openDatabase(file)).toThrow(`${file} belongs to uid ${process.getuid!()}`);
    }
  });
});
