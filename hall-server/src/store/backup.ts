// Backing up and restoring the hall's database file (the `backup` and `restore` commands).
//
// A backup is SQLite's online backup: a consistent copy while the server keeps writing.
//
// A restore replaces the database of a stopped server. It refuses while anything still has
// the database open. It folds a WAL that a crash left into the database it replaces, so the
// copy kept aside is complete; a database SQLite cannot read at all goes aside as it is, with
// its WAL. It builds the new file beside the old one and renames it into place, durably. The
// new file gets the owner and mode of the one it replaces (or of the data directory), so a
// restore run as root leaves a database the service's own user can write.
import Database from 'better-sqlite3';
import { chmodSync, chownSync, closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { schemaVersion } from './db.ts';
import { migrations } from './migrations.ts';

/**
 * A consistent copy of `source` at `out`, taken while other connections may be writing. The
 * copy holds what the hall holds about people (sealed or hashed, but theirs): only its owner
 * may read it.
 */
export async function backupDatabase(source: string, out: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`没有数据库 no database at ${source}`);
  // Read-write, though it only reads: a read-only connection to a stopped hall's database
  // would leave a -wal and a -shm behind it.
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(out);
  } finally {
    db.close();
  }
  chmodSync(out, 0o600);
}

export interface Restored {
  /** The backup's schema version (newer migrations run at the next start). */
  version: number;
  /** Where the database it replaced was moved, or null when there was none. */
  aside: string | null;
  /** The database it replaced could not be read (a restore after damage): moved aside as it was. */
  damaged: boolean;
}

/** Replaces the database at `target` with the backup `from`; the server must be stopped. */
export async function restoreDatabase(target: string, from: string, now = new Date()): Promise<Restored> {
  const version = checkBackup(from);
  const replaced = existsSync(target) ? settle(target) : null;
  const owner = replaced?.stats ?? statSync(dirname(target));
  const staging = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  rmSync(staging, { force: true });
  try {
    const source = new Database(from, { fileMustExist: true });
    try {
      // Through SQLite, not a file copy: whatever the backup's own WAL holds comes along.
      await source.backup(staging);
    } finally {
      source.close();
    }
    fsyncFile(staging);
    // The mode of the file it replaces, or the owner's alone, like the backup's.
    takeOwnership(staging, owner, replaced ? replaced.stats.mode & 0o777 : 0o600);
    let aside: string | null = null;
    if (replaced) {
      aside = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, aside);
      // A damaged database keeps its WAL beside it, for whoever examines it; nothing of it may
      // stay beside the restored file, which would take it for its own.
      if (replaced.wal) renameSync(replaced.wal, `${aside}-wal`);
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    }
    renameSync(staging, target);
    fsyncFile(dirname(target));
    return { version, aside, damaged: replaced?.damaged ?? false };
  } finally {
    rmSync(staging, { force: true });
    if (replaced?.wal) rmSync(replaced.wal, { force: true });
  }
}

/** The backup's schema version, once it has passed SQLite's integrity check and is not newer than this server. */
function checkBackup(from: string): number {
  // Read-write, though it only reads: a read-only connection would leave a -wal and a -shm
  // beside the backup.
  const candidate = new Database(from, { fileMustExist: true });
  try {
    const check = candidate.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份文件未通过完整性检查 the backup failed its integrity check: ${String(check)}`);
    const version = schemaVersion(candidate);
    const latest = migrations.at(-1)!.version;
    if (version > latest) throw new Error(`备份来自更新的版本 the backup is from a newer version (schema ${version} > ${latest})`);
    return version;
  } finally {
    candidate.close();
  }
}

/**
 * Opens and closes the database to be replaced. The last connection to close folds the WAL
 * into the file and deletes it, so a WAL that is still there means another connection (the
 * server) has the database open. A database SQLite cannot read is what a restore is for: it
 * goes aside as it is, with its WAL (`wal`: a hard link to it, since SQLite deletes the WAL
 * of a file it cannot read too).
 */
function settle(target: string): { stats: Stats; damaged: boolean; wal: string | null } {
  const wal = `${target}-wal`;
  const kept = existsSync(wal) ? join(dirname(target), `.${basename(target)}.wal-${process.pid}`) : null;
  if (kept) {
    rmSync(kept, { force: true });
    linkSync(wal, kept);
  }
  let damaged = false;
  try {
    const db = new Database(target, { fileMustExist: true });
    try {
      schemaVersion(db); // a read, so that this connection opens the WAL and checkpoints it on close
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
      damaged = true;
    } finally {
      db.close();
    }
    if (!damaged && existsSync(wal)) {
      throw new Error(`数据库正在使用，请先停止服务器再恢复 the database is in use (is the server still running?): ${target}`);
    }
    return { stats: statSync(target), damaged, wal: damaged ? kept : null };
  } finally {
    if (kept && !damaged) rmSync(kept, { force: true });
  }
}

/** Root restores on the service's behalf: the new file gets the owner of the one it replaces. */
function takeOwnership(file: string, owner: Stats, mode: number): void {
  if (process.getuid?.() === 0) chownSync(file, owner.uid, owner.gid);
  chmodSync(file, mode);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
