// The store's promises: durable settings, an append-only log, numbers that survive a
// restart and turn at local midnight, group commit, and personal data kept only as a
// keyed hash for as long as configured.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import Database from 'better-sqlite3';
import type { IssuedTicket, WindowActionResult } from '@hall/common/api';
import { CLERK, TestClock, startHall, type TestHall } from './harness.ts';
import { migrations } from '../src/store/migrations.ts';

const halls: TestHall[] = [];
async function start(options: Parameters<typeof startHall>[0] = {}): Promise<TestHall> {
  const h = await startHall(options);
  halls.push(h);
  return h;
}
afterEach(async () => {
  // Last started first: a hall restarted on an earlier one's directory must be stopped before
  // that directory is removed.
  for (const h of halls.splice(0).reverse()) await h.cleanup();
});

const issue = (h: TestHall, key: string, categoryId = 'tax', extra: Record<string, unknown> = {}) =>
  h.connect('/kiosk').then(async (k) => {
    const t = await k.ok<IssuedTicket>('ticket:issue', { idempotencyKey: key, categoryId, ...extra });
    k.close();
    return t;
  });

describe('database file', () => {
  it('runs in WAL mode with synchronous=FULL at the latest schema', async () => {
    const h = await start();
    expect(h.server.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.server.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(h.server.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
  });

  it('keeps the event log append-only and numbers unique per hall day', async () => {
    const h = await start();
    const t = await issue(h, 'store-key-001');
    expect(() => h.server.db.prepare('UPDATE events SET type = ? WHERE seq = 1').run('x')).toThrow(/append-only/);
    expect(() => h.server.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    const row = h.server.db.prepare('SELECT * FROM tickets WHERE id = ?').get(t.ticket.id) as Record<string, unknown>;
    expect(() =>
      h.server.db
        .prepare('INSERT INTO tickets (id, hall_day, number, issue_category_id, serial, category_id, state, issued_at, public_token, json) VALUES (?,?,?,?,?,?,?,?,?,?)')
        .run('dup', row.hall_day, row.number, 'other', 99, 'tax', 'waiting', 0, 'tok-dup-0000', '{}'),
    ).toThrow(/UNIQUE/);
  });
});

describe('restart', () => {
  it('continues numbering, sequence and open tickets after a restart', async () => {
    const clock = new TestClock();
    const first = await start({ clock });
    const a = await issue(first, 'restart-key-1');
    const b = await issue(first, 'restart-key-2');
    const seqBefore = first.server.hall.lastSeq;
    await first.stop();

    const second = await start({ clock, dir: first.dir });
    const snap = await (await second.connect('/board')).waitForSnapshot();
    expect(snap.seq).toBe(seqBefore);
    expect(snap.tickets.map((t) => t.number)).toEqual(expect.arrayContaining([a.ticket.number, b.ticket.number]));
    const c = await issue(second, 'restart-key-3');
    expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual(['D001', 'D002', 'D003']);
    expect(second.server.hall.lastSeq).toBe(seqBefore + 1);
    // The idempotency key survives the restart too.
    const retried = await issue(second, 'restart-key-1');
    expect(retried.ticket.id).toBe(a.ticket.id);
  });
});

describe('hall day', () => {
  it('turns at local midnight: waiting tickets expire and numbering restarts', async () => {
    const clock = new TestClock();
    clock.set('2026-11-25T15:50:00Z'); // 23:50 in Shanghai
    const h = await start({ clock, alwaysOpen: true });
    const late = await issue(h, 'midnight-key-1');
    expect(late.ticket.hallDay).toBe('2026-11-25');
    clock.set('2026-11-25T16:00:30Z'); // 00:00:30 the next local day, still the 25th in UTC
    const next = await issue(h, 'midnight-key-2');
    expect(next.ticket.hallDay).toBe('2026-11-26');
    expect(next.ticket.number).toBe('D001');
    const expired = h.server.db.prepare('SELECT state FROM tickets WHERE id = ?').get(late.ticket.id) as { state: string };
    expect(expired.state).toBe('expired');
  });
});

describe('group commit', () => {
  it('shares transactions between concurrent issuances and replies only after commit', async () => {
    const h = await start();
    const kiosks = await Promise.all([1, 2, 3, 4].map(() => h.connect('/kiosk')));
    const before = { ...h.server.hall.commits.stats };
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        kiosks[i % 4]!.ok<IssuedTicket>('ticket:issue', { idempotencyKey: `group-${String(i).padStart(4, '0')}`, categoryId: 'general-enquiry' }).then((t) => {
          // The reply is out, so the row must already be on disk.
          const row = h.server.db.prepare('SELECT number FROM tickets WHERE id = ?').get(t.ticket.id);
          return { t, durable: row !== undefined };
        }),
      ),
    );
    expect(replies.every((r) => r.durable)).toBe(true);
    const numbers = new Set(replies.map((r) => r.t.ticket.number));
    expect(numbers.size).toBe(200);
    const batches = h.server.hall.commits.stats.batches - before.batches;
    expect(batches).toBeLessThan(200);
  });
});

describe('personal data', () => {
  it('never writes an ID number to the database or the logs, and forgets its hash after the retention period', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const clock = new TestClock();
    const h = await start({ clock, logger: pino({ level: 'debug' }, sink) });
    const idNumber = '11010519491231002X';
    const t = await issue(h, 'privacy-key-1', 'housing-fund', { identity: { idNumber, source: 'card' } });
    // Drive a few more paths that log: a failed login, a malformed command.
    await h.request('POST', '/api/auth/login', { username: 'clerk01', password: idNumber });
    h.server.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(h.dir)) {
      const bytes = readFileSync(join(h.dir, file));
      expect(bytes.includes(Buffer.from(idNumber)), `${file} holds the ID number`).toBe(false);
      expect(bytes.includes(Buffer.from(idNumber, 'utf16le')), `${file} holds the ID number`).toBe(false);
    }
    expect(lines.join('')).not.toContain(idNumber);

    const row = () => h.server.db.prepare('SELECT person_key FROM tickets WHERE id = ?').get(t.ticket.id) as { person_key: string | null };
    expect(row().person_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = h.server.hall.settings.personalDataRetentionDays;
    clock.advance((days - 1) * 86_400_000);
    await h.server.hall.purgePersonalData();
    expect(row().person_key).not.toBeNull();
    clock.advance(2 * 86_400_000);
    await h.server.hall.purgePersonalData();
    expect(row().person_key).toBeNull();
  });

  it('keeps the keyed hash useless without the hall’s own secret', async () => {
    const h = await start();
    const t = await issue(h, 'privacy-key-2', 'housing-fund', { identity: { idNumber: '11010519491231002X', source: 'card' } });
    const file = join(h.dir, 'hall.db');
    const other = await start();
    const t2 = await issue(other, 'privacy-key-3', 'housing-fund', { identity: { idNumber: '11010519491231002X', source: 'card' } });
    const key = (dir: string, id: string) => {
      const db = new Database(dir, { readonly: true });
      const k = (db.prepare('SELECT person_key FROM tickets WHERE id = ?').get(id) as { person_key: string }).person_key;
      db.close();
      return k;
    };
    expect(key(file, t.ticket.id)).not.toBe(key(join(other.dir, 'hall.db'), t2.ticket.id));
  });
});

describe('window state', () => {
  it('survives a restart: the clerk stays signed in with the called ticket', async () => {
    const clock = new TestClock();
    const first = await start({ clock });
    await issue(first, 'window-key-1', 'tax');
    const counter = await first.connect('/counter', { token: await first.login(CLERK(5)) });
    const windows = first.server.hall.configData.windows.filter((w) => w.categories.some((c) => c.categoryId === 'tax'));
    await counter.ok('window:signIn', { windowId: windows[0]!.id });
    const called = await counter.ok<WindowActionResult>('ticket:callNext', { windowId: windows[0]!.id });
    await first.stop();
    const second = await start({ clock, dir: first.dir });
    const snap = await (await second.connect('/board')).waitForSnapshot();
    const state = snap.windowStates.find((w) => w.windowId === windows[0]!.id)!;
    expect(state.status).toBe('open');
    expect(state.currentTicketId).toBe(called.ticket!.id);
    expect(snap.recentCalls[0]?.number).toBe(called.ticket!.number);
  });
});

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a failed commit', () => {
  it('answers INTERNAL, keeps nothing of the batch, resyncs clients, and hands the number out again', async () => {
    const h = await start();
    const board = await h.connect('/board');
    const first = await board.waitForSnapshot();
    await issue(h, 'fail-key-1');
    h.server.db.exec(`CREATE TRIGGER fail_d002 BEFORE INSERT ON tickets WHEN NEW.number = 'D002' BEGIN SELECT RAISE(ABORT, 'simulated disk trouble'); END;`);
    const kiosk = await h.connect('/kiosk');
    const failed = await kiosk.command('ticket:issue', { idempotencyKey: 'fail-key-2', categoryId: 'tax' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(h.server.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'`).get()).toEqual({ n: 1 });
    // The resync may arrive before or after the failed reply: wait for a snapshot newer than the first.
    const resynced = await until(() => (board.snapshot !== first ? board.snapshot : undefined));
    expect(resynced.tickets.map((t) => t.number)).toEqual(['D001']);
    h.server.db.exec('DROP TRIGGER fail_d002');
    const next = await issue(h, 'fail-key-2');
    expect(next.ticket.number).toBe('D002');
    expect(h.server.hall.lastSeq).toBe(resynced.seq + 1);
  });
});
