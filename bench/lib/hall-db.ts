// Builds hall databases for the benchmark directly with the server's own store code:
// `openDatabase` (migrations, WAL, synchronous=FULL), `writeSeed` (the hall), sessions for
// the clerks (so 150 counters need not each pay a deliberately slow scrypt login), and for
// the history scenario a million finished tickets written with `TicketStore` itself, so rows
// and JSON have exactly the shape the server writes.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { hallSeedSchema, type HallSeed, type HallSeedInput } from '@hall/common/seed';
import { hallDayOf, localToInstant, nextDate } from '@hall/common/time';
import { loadDemoHall } from '@hall/fixtures';
import { openDatabase } from '@hall/server/src/store/db.ts';
import { migrations } from '@hall/server/src/store/migrations.ts';
import { writeSeed } from '@hall/server/src/store/seed.ts';
import { AccountStore } from '@hall/server/src/store/account-store.ts';
import { TicketStore } from '@hall/server/src/store/ticket-store.ts';
import { hashPassword } from '@hall/server/src/auth/passwords.ts';
import { hashToken, newToken } from '@hall/server/src/auth/tokens.ts';
import { toHallEvent } from '@hall/server/src/service/views.ts';
import type { DomainEvent, Ticket } from '@hall/server/src/queue/types.ts';
import { benchCache } from './paths.ts';

export const BENCH_PASSWORD = 'bench-clerk-2026';

export interface BenchHallShape {
  categories: number;
  windows: number;
  kiosks: number;
  boards: number;
}

/** Two-letter-at-most prefixes: A..Z, then AA, AB, … */
function prefix(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? letters[i]! : letters[Math.floor(i / 26) - 1]! + letters[i % 26]!;
}

export const categoryId = (i: number) => `bench-cat-${String(i + 1).padStart(2, '0')}`;
export const windowId = (i: number) => `bw${String(i + 1).padStart(3, '0')}`;
export const clerkId = (i: number) => `bclerk${String(i + 1).padStart(3, '0')}`;
export const kioskId = (i: number) => `bench-kiosk-${i + 1}`;
export const boardId = (i: number) => `bench-board-${i + 1}`;

/**
 * A hall for load: no daily quotas, no one-per-person rule, every category served by several
 * windows (each window serves two neighbouring categories), one clerk per window.
 */
export function benchSeed(shape: BenchHallShape): HallSeed {
  const demo = loadDemoHall();
  const input: HallSeedInput = {
    settings: { ...demo.settings, name: '压测大厅 (benchmark hall)' },
    categories: Array.from({ length: shape.categories }, (_, i) => ({
      id: categoryId(i),
      prefix: prefix(i),
      name: `压测业务${i + 1}`,
      group: '压测',
      numberWidth: 4,
      dailyQuota: null,
      onePerPerson: false,
      identityRequired: false,
      priorityEnabled: true,
      hours: null,
      weekendService: true,
      defaultServiceMinutes: 10,
      sortOrder: i,
    })),
    windows: Array.from({ length: shape.windows }, (_, i) => ({
      id: windowId(i),
      number: i + 1,
      name: `${i + 1}号窗口`,
      categories: [
        { categoryId: categoryId(i % shape.categories), weight: 2 },
        { categoryId: categoryId((i + 1) % shape.categories), weight: 1 },
      ],
    })),
    calendar: [],
    notices: [],
    serviceItems: [],
    staff: [
      { id: 'admin', username: 'admin', displayName: '管理员', role: 'admin', password: BENCH_PASSWORD },
      ...Array.from({ length: shape.windows }, (_, i) => ({
        id: clerkId(i),
        username: clerkId(i),
        displayName: `窗口${i + 1}`,
        role: 'clerk' as const,
        password: BENCH_PASSWORD,
      })),
    ],
    devices: [
      ...Array.from({ length: shape.kiosks }, (_, i) => ({ id: kioskId(i), kind: 'kiosk' as const, name: `自助机${i + 1}` })),
      ...Array.from({ length: shape.boards }, (_, i) => ({
        id: boardId(i),
        kind: 'board' as const,
        name: `叫号屏${i + 1}`,
        board: { zone: '', categoryIds: [], windowIds: [], layout: 'landscape' as const, speak: true },
      })),
    ],
  };
  return hallSeedSchema.parse(input);
}

let cachedHash: Promise<string> | undefined;
/** One real scrypt hash of the bench password, shared by every seeded account. */
function benchHash(): Promise<string> {
  cachedHash ??= hashPassword(BENCH_PASSWORD);
  return cachedHash;
}

/** Creates a database file holding `seed`, exactly as the server's first start would. */
export async function createHallDb(file: string, seed: HallSeed): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  const hash = await benchHash();
  const db = openDatabase(file);
  writeSeed(db, seed, new Map(seed.staff.map((s) => [s.id, hash])));
  db.close();
}

/** Opens staff sessions directly in the store (what a login writes); returns staffId → bearer token. */
export function addSessions(file: string, staffIds: readonly string[]): Map<string, string> {
  const db = openDatabase(file);
  const accounts = new AccountStore(db);
  const tokens = new Map<string, string>();
  const now = Date.now();
  db.transaction(() => {
    for (const id of staffIds) {
      const token = newToken();
      accounts.createSession(hashToken(token), id, now, now + 12 * 3_600_000);
      tokens.set(id, token);
    }
  })();
  db.close();
  return tokens;
}

/** Bump when the history builder changes, so cached files are rebuilt. */
const HISTORY_BUILDER_VERSION = 1;

type SchemaEntry = { type: string; name: string; sql: string };

/** The schema the server's migrations create today, read from an empty in-memory database. */
function currentSchema(): SchemaEntry[] {
  const db = openDatabase(':memory:');
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").all() as SchemaEntry[];
  db.close();
  return rows;
}

const normSql = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/**
 * Brings a cached history file up to the current schema the way a real upgrade would —
 * `openDatabase` applies pending migrations — then checks that its tables are exactly those
 * the migrations create now (migration 1 is still being edited in place). Index and trigger
 * differences are fixed in place (seconds); a table difference means rebuilding (minutes).
 */
function upgradeCached(file: string, log?: (line: string) => void): boolean {
  const before = new Database(file, { readonly: true });
  const fromVersion = before.pragma('user_version', { simple: true }) as number;
  before.close();
  const db = openDatabase(file);
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL ORDER BY name").all() as SchemaEntry[];
  db.close();
  const toVersion = migrations.at(-1)!.version;
  if (toVersion !== fromVersion) log?.(`  cached history migrated from schema ${fromVersion} to ${toVersion}`);
  const wanted = currentSchema().filter((e) => e.type === 'table');
  const same = tables.length === wanted.length && wanted.every((w) => tables.some((t) => t.name === w.name && normSql(t.sql) === normSql(w.sql)));
  if (!same) {
    log?.('  cached history has other tables than the current migrations create: rebuilding it');
    return false;
  }
  syncIndexes(file, log);
  return true;
}

/** Makes the file's indexes and triggers exactly those the migrations create now. */
export function syncIndexes(file: string, log?: (line: string) => void): string[] {
  const wanted = currentSchema().filter((e) => e.type === 'index' || e.type === 'trigger');
  const db = new Database(file);
  const changes: string[] = [];
  try {
    const have = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger')").all() as SchemaEntry[];
    const norm = normSql;
    const wantedByName = new Map(wanted.map((e) => [e.name, e]));
    const haveByName = new Map(have.map((e) => [e.name, e]));
    db.transaction(() => {
      for (const e of have) {
        const w = wantedByName.get(e.name);
        if (!w || norm(w.sql) !== norm(e.sql)) {
          db.exec(`DROP ${e.type.toUpperCase()} ${e.name}`);
          changes.push(`dropped ${e.type} ${e.name}`);
        }
      }
      for (const w of wanted) {
        const e = haveByName.get(w.name);
        if (!e || norm(w.sql) !== norm(e.sql)) {
          db.exec(w.sql);
          changes.push(`created ${w.type} ${w.name}`);
        }
      }
      db.pragma(`user_version = ${migrations.at(-1)!.version}`);
    })();
    if (changes.length) db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (changes.length) log?.(`  cached history brought up to the current schema: ${changes.join(', ')}`);
  return changes;
}

export interface HistoryOptions {
  tickets: number;
  perDay: number;
  shape: BenchHallShape;
  log?: (line: string) => void;
}

/**
 * A hall database with `tickets` finished tickets on past hall days (issued, called and
 * finished events each), cached under .tmp/bench-cache keyed by schema and builder version.
 * Returns the cached file; callers copy it before letting a server write to it.
 */
export function historyCacheFile(options: HistoryOptions): { key: string; file: string } {
  const { shape } = options;
  const key = `history-b${HISTORY_BUILDER_VERSION}-t${options.tickets}-d${options.perDay}-c${shape.categories}-w${shape.windows}-k${shape.kiosks}-b${shape.boards}`;
  return { key, file: join(benchCache, `${key}.db`) };
}

export async function historyDb(options: HistoryOptions): Promise<{ file: string; built: boolean; buildMs: number }> {
  const { key, file } = historyCacheFile(options);
  const { shape } = options;
  if (existsSync(file)) {
    if (upgradeCached(file, options.log)) return { file, built: false, buildMs: 0 };
    rmSync(file, { force: true });
  }
  mkdirSync(benchCache, { recursive: true });
  const t0 = performance.now();
  // Built on tmpfs when there is one (random page writes on a VM disk crawl), then copied.
  const scratch = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'hall-bench-')) : benchCache;
  const building = join(scratch, `${key}.building`);
  const seed = benchSeed(shape);
  await createHallDb(building, seed);
  const db = openDatabase(building);
  // Bulk load only: no journal, no fsync. The file is switched back to WAL at the end.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const store = new TicketStore(db);
  const tz = seed.settings.timeZone;
  const today = hallDayOf(Date.now(), tz);
  const days = Math.ceil(options.tickets / options.perDay);
  let seq = 0;
  let written = 0;
  const windowNumbers = seed.windows.map((w) => w.number);
  const insertDay = db.transaction((day: string, count: number) => {
    const open = localToInstant(day, 9 * 60, tz);
    const serials = new Array<number>(seed.categories.length).fill(0);
    for (let i = 0; i < count; i++) {
      const c = (i * 7 + (i >> 3)) % seed.categories.length;
      const category = seed.categories[c]!;
      const serial = ++serials[c]!;
      const w = (c + (i % 3) * seed.categories.length) % seed.windows.length;
      const window = seed.windows[w]!;
      const issuedAt = open + Math.floor((i / count) * 8 * 3_600_000);
      const calledAt = issuedAt + 5 * 60_000 + (i % 20) * 60_000;
      const finishedAt = calledAt + 4 * 60_000 + (i % 11) * 60_000;
      const base: Ticket = {
        id: `${issuedAt.toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`,
        number: category.prefix + String(serial).padStart(category.numberWidth, '0'),
        hallDay: day,
        categoryId: category.id,
        state: 'waiting',
        issuedAt,
        arrivalAt: issuedAt,
        queueAt: issuedAt,
        priority: i % 25 === 0,
        appointment: null,
        targetWindowId: null,
        windowId: null,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        recallCount: 0,
        transfers: [],
        serial,
        issueCategoryId: category.id,
        personKey: null,
        publicToken: randomBytes(16).toString('base64url'),
        source: 'kiosk',
        issuedBy: kioskId(i % Math.max(1, shape.kiosks)),
      };
      const clerk = { kind: 'clerk' as const, id: clerkId(w) };
      const called: Ticket = { ...base, state: 'called', windowId: window.id, calledAt };
      const finished: Ticket = { ...called, state: 'finished', finishedAt };
      const events: Array<[DomainEvent, number | undefined]> = [
        [{ type: 'ticket:issued', at: issuedAt, actor: { kind: 'device', id: base.issuedBy }, hallDay: day, ticket: base }, undefined],
        [{ type: 'ticket:called', at: calledAt, actor: clerk, hallDay: day, ticket: called, detail: { mode: 'next', lane: base.priority ? 'priority' : 'normal' } }, windowNumbers[w]],
        [{ type: 'ticket:finished', at: finishedAt, actor: clerk, hallDay: day, ticket: finished }, undefined],
      ];
      for (const [e, windowNumber] of events) store.appendEvent(toHallEvent(e, ++seq, windowNumber), e.ticket!.id, e.ticket!.windowId);
      store.upsertTicket(finished);
    }
  });
  let day = nextDate(today, -days);
  const insertDays = db.transaction((n: number) => {
    for (let k = 0; k < n && written < options.tickets; k++) {
      const count = Math.min(options.perDay, options.tickets - written);
      insertDay(day, count);
      written += count;
      day = nextDate(day, 1);
    }
  });
  while (written < options.tickets) {
    insertDays(20);
    if (options.log && written % 100_000 === 0) options.log(`  history: ${written.toLocaleString('en-US')} tickets written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  db.pragma('journal_mode = WAL');
  db.close();
  copyDurably(building, `${file}.part`);
  renameSync(`${file}.part`, file);
  if (scratch !== benchCache) rmSync(scratch, { recursive: true, force: true });
  const buildMs = performance.now() - t0;
  options.log?.(`  history database built in ${(buildMs / 1000).toFixed(1)} s (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB): ${file}`);
  return { file, built: true, buildMs };
}

/**
 * Copies a file and waits until it is on disk, so that its write-back does not compete with
 * the fsyncs of the measurement that follows.
 */
export function copyDurably(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies a (cached) database file to where a server may write to it. */
export function copyDb(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  copyDurably(from, to);
}
