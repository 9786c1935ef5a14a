// SIGKILL in the middle of a burst: the hall server runs as a child process, kiosks keep
// drawing tickets and clerks keep calling, and the process is killed without warning. After a
// restart on the same port and data directory, the database must hold every ticket and call
// that was acknowledged, no number twice, a gapless event log that goes on where it stopped,
// clients that resync on their own, and idempotent retries that keep their word.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, WindowActionResult } from '@hall/common/api';
import type { Reply } from '@hall/common/errors';
import { Client, ServerProcess, freePort, login, openReadOnly, raw, until, sleep } from './support.ts';

/** Categories without identity checks and with room in their daily quota. */
const CATEGORIES = ['tax', 'business-registration', 'employment'] as const;
/** Two clerks at windows serving two of them: w10 does tax only, w03 business registration. */
const DESKS = [
  { username: 'clerk01', windowId: 'w10' },
  { username: 'clerk02', windowId: 'w03' },
] as const;
const KIOSKS = ['kiosk-1', 'kiosk-2', 'kiosk-3'] as const;
/** Concurrent issuance loops per kiosk: keeps several requests in flight at the kill. */
const LANES = 4;
/** The kill comes once this many issuances and calls have been acknowledged. */
const ISSUED_BEFORE_KILL = 90;
const CALLS_BEFORE_KILL = 10;

interface Acked {
  key: string;
  categoryId: string;
  ticketId: string;
  number: string;
  serial: number;
}

interface TicketRow {
  id: string;
  hall_day: string;
  number: string;
  issue_category_id: string;
  serial: number;
  state: string;
}

let dir: string;
let server: ServerProcess;
const clients: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
  server = new ServerProcess(dir, await freePort());
  await server.start();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The daily serial printed in a number: D007 → 7, A1000 → 1000. */
const serialOf = (number: string) => Number(number.replace(/^[A-Z]+/, ''));

function readTickets(file: string): TicketRow[] {
  const db = openReadOnly(file);
  try {
    return db.prepare('SELECT id, hall_day, number, issue_category_id, serial, state FROM tickets ORDER BY rowid').all() as TicketRow[];
  } finally {
    db.close();
  }
}

function readSeqs(file: string): number[] {
  const db = openReadOnly(file);
  try {
    return (db.prepare('SELECT seq FROM events ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
  } finally {
    db.close();
  }
}

/** Serials per (hall day, category) are exactly 1..n: no number lost, none repeated. */
function expectConsecutiveSerials(rows: TicketRow[]): Map<string, number> {
  const byCategory = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.hall_day}/${r.issue_category_id}`;
    byCategory.set(k, [...(byCategory.get(k) ?? []), r.serial]);
  }
  const max = new Map<string, number>();
  for (const [k, serials] of byCategory) {
    const sorted = [...serials].sort((a, b) => a - b);
    expect(sorted, `serials of ${k}`).toEqual(sorted.map((_, i) => i + 1));
    max.set(k.split('/')[1]!, sorted.length);
  }
  return max;
}

function expectNoDuplicateNumbers(rows: TicketRow[]): void {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const k = `${r.hall_day}/${r.number}`;
    expect(seen.get(k), `number ${k} given to two tickets`).toBeUndefined();
    seen.set(k, r.id);
  }
}

function expectGapless(seqs: number[]): void {
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
}

function readCommittedKeys(file: string): Map<string, string> {
  const db = openReadOnly(file);
  try {
    return new Map((db.prepare('SELECT key, ticket_id AS ticketId FROM idempotency').all() as Array<{ key: string; ticketId: string }>).map((r) => [r.key, r.ticketId]));
  } finally {
    db.close();
  }
}

describe('SIGKILL during a burst of issuances and calls', () => {
  it('keeps every acknowledged ticket and call, continues numbers and sequence, and clients resync by themselves — twice', async () => {
    const url = server.url;
    // -------------------------------------------------------------- set the hall going
    const tokens = await Promise.all(DESKS.map((d) => login(url, d.username, 'clerk-demo-2026')));
    const counters = tokens.map((token) => new Client(url, '/counter', { token }, { reconnection: true }));
    const kiosks = KIOSKS.map((deviceId) => new Client(url, '/kiosk', { deviceId }, { reconnection: true }));
    const board = new Client(url, '/board', {}, { reconnection: true });
    const everyone = [...counters, ...kiosks, board];
    clients.push(...everyone);
    await Promise.all(everyone.map((c) => c.ready()));
    for (const [i, d] of DESKS.entries()) await counters[i]!.ok('window:signIn', { windowId: d.windowId });

    /** Every issuance acknowledged so far, over all cycles: all must survive every crash. */
    const ackedEver: Acked[] = [];
    const calledEver = new Set<string>();

    for (const cycle of [1, 2]) {
      const acked: Acked[] = [];
      const unanswered: Array<{ key: string; categoryId: string }> = [];
      const refused: unknown[] = [];
      const calls: Array<{ windowId: string; ticketId: string; number: string }> = [];
      const callErrors: unknown[] = [];
      let stop = false;

      const issueLoop = async (kiosk: Client, k: number, lane: number) => {
        for (let i = 0; !stop; i++) {
          const key = `crash${cycle}-k${k}-l${lane}-${String(i).padStart(4, '0')}`;
          const categoryId = CATEGORIES[(k + lane + i) % CATEGORIES.length]!;
          let reply: Reply<IssuedTicket>;
          try {
            reply = await kiosk.command<IssuedTicket>('ticket:issue', { idempotencyKey: key, categoryId }, 4000);
          } catch {
            unanswered.push({ key, categoryId });
            continue;
          }
          if (reply.ok) acked.push({ key, categoryId, ticketId: reply.data.ticket.id, number: reply.data.ticket.number, serial: serialOf(reply.data.ticket.number) });
          else refused.push(reply.error);
        }
      };
      // One lane draws over REST, as a kiosk without a socket would: 201 is its acknowledgement.
      const restLoop = async () => {
        for (let i = 0; !stop; i++) {
          const key = `crash${cycle}-rest-${String(i).padStart(4, '0')}`;
          const categoryId = CATEGORIES[i % CATEGORIES.length]!;
          let r: Awaited<ReturnType<typeof raw>>;
          try {
            r = await raw(url, { method: 'POST', path: '/api/tickets', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idempotencyKey: key, categoryId }), timeoutMs: 4000 });
          } catch {
            unanswered.push({ key, categoryId });
            continue;
          }
          const body = r.json as IssuedTicket;
          if (r.status === 201) acked.push({ key, categoryId, ticketId: body.ticket.id, number: body.ticket.number, serial: serialOf(body.ticket.number) });
          else refused.push(r.json);
        }
      };
      const callLoop = async (counter: Client, windowId: string) => {
        while (!stop) {
          let reply: Reply<WindowActionResult>;
          try {
            reply = await counter.command<WindowActionResult>('ticket:callNext', { windowId, closeCurrent: 'finish' }, 4000);
          } catch {
            continue;
          }
          if (reply.ok && reply.data.ticket) calls.push({ windowId, ticketId: reply.data.ticket.id, number: reply.data.ticket.number });
          else if (!reply.ok && reply.error.code === 'NO_TICKET_WAITING') await sleep(2);
          else callErrors.push(reply);
        }
      };
      const loops = [
        ...kiosks.flatMap((kiosk, k) => Array.from({ length: LANES }, (_, lane) => issueLoop(kiosk, k, lane))),
        ...counters.map((c, i) => callLoop(c, DESKS[i]!.windowId)),
        restLoop(),
      ];

      // ------------------------------------------------------------ kill it mid-burst
      await until(`burst ${cycle} to get going`, () => acked.length >= ISSUED_BEFORE_KILL && calls.length >= CALLS_BEFORE_KILL, 30_000, 1);
      // A last volley goes out in the same tick as the signal: each may or may not be committed.
      const volley = Array.from({ length: 6 }, (_, i) => ({ key: `crash${cycle}-volley-${i}`, categoryId: CATEGORIES[i % CATEGORIES.length]! }));
      const volleyReplies = volley.map((v) =>
        kiosks[0]!.command<IssuedTicket>('ticket:issue', { idempotencyKey: v.key, categoryId: v.categoryId }, 4000).then(
          (r) => (r.ok ? r.data : null),
          () => null,
        ),
      );
      stop = true;
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(loops);
      for (const [i, r] of (await Promise.all(volleyReplies)).entries()) {
        const v = volley[i]!;
        if (r) acked.push({ key: v.key, categoryId: v.categoryId, ticketId: r.ticket.id, number: r.ticket.number, serial: serialOf(r.ticket.number) });
        else unanswered.push(v);
      }
      expect(refused).toEqual([]);
      expect(callErrors).toEqual([]);
      ackedEver.push(...acked);
      const lastSeenBefore = everyone.map((c) => c.lastSeq);
      const connectsBefore = everyone.map((c) => c.connects);
      const snapshotsBefore = everyone.map((c) => c.snapshots.length);

      // ------------------------------------------------------------ the disk, with the server dead
      const rows = readTickets(server.databaseFile);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const a of ackedEver) {
        const row = byId.get(a.ticketId);
        expect(row, `acknowledged ticket ${a.number} (${a.key}) lost in crash ${cycle}`).toBeDefined();
        expect(row!.number).toBe(a.number);
        expect(row!.issue_category_id).toBe(a.categoryId);
      }
      // Acknowledged replies never share a number between two tickets.
      // (Numbers start again each hall day, so the day is part of the number's identity.)
      const ackedNumbers = new Map<string, string>();
      for (const a of ackedEver) {
        const k = `${byId.get(a.ticketId)!.hall_day}/${a.number}`;
        expect(ackedNumbers.get(k) ?? a.ticketId, `two acknowledged tickets numbered ${k}`).toBe(a.ticketId);
        ackedNumbers.set(k, a.ticketId);
      }
      for (const c of calls) {
        const row = byId.get(c.ticketId);
        expect(row, `called ticket ${c.number} lost`).toBeDefined();
        expect(['called', 'serving', 'finished'], `acknowledged call of ${c.number} lost`).toContain(row!.state);
        // Every ticket is called once, by one window, over all cycles.
        expect(calledEver.has(c.ticketId), `${c.number} called twice`).toBe(false);
        calledEver.add(c.ticketId);
      }
      expectNoDuplicateNumbers(rows);
      const serialsBefore = expectConsecutiveSerials(rows);
      const seqsBefore = readSeqs(server.databaseFile);
      expectGapless(seqsBefore);
      const maxSeqBefore = seqsBefore.at(-1)!;
      for (const seen of lastSeenBefore) expect(seen).toBeLessThanOrEqual(maxSeqBefore);
      const committedKeys = readCommittedKeys(server.databaseFile);
      for (const a of ackedEver) expect(committedKeys.get(a.key), `idempotency key ${a.key}`).toBe(a.ticketId);

      // ------------------------------------------------------------ restart: clients come back alone
      await server.start();
      await until(
        'every client to reconnect and receive a fresh snapshot',
        () => everyone.every((c, i) => c.connects > connectsBefore[i]! && c.snapshots.length > snapshotsBefore[i]!),
        20_000,
      );
      for (const [i, c] of everyone.entries()) {
        const fresh = c.snapshots.at(-1)!;
        expect(fresh.seq).toBeGreaterThanOrEqual(lastSeenBefore[i]!);
        expect(fresh.seq).toBe(maxSeqBefore);
      }
      // The fresh snapshot shows exactly the open tickets on disk, and the clerks still signed in.
      const fresh = board.snapshots.at(-1)!;
      const openOnDisk = rows.filter((r) => ['waiting', 'called', 'serving', 'held'].includes(r.state)).map((r) => r.id);
      expect(fresh.tickets.map((t) => t.id).sort()).toEqual([...openOnDisk].sort());
      for (const d of DESKS) expect(fresh.windowStates.find((w) => w.windowId === d.windowId)?.clerkId).toBe(d.username);

      // ------------------------------------------------------------ retries after the crash
      const kiosk = kiosks[1]!;
      const takenBefore = new Set(rows.map((r) => `${r.hall_day}/${r.number}`));
      for (const a of acked) {
        const again = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: a.key, categoryId: a.categoryId });
        expect(again.ticket.id, `retry of ${a.key}`).toBe(a.ticketId);
        expect(again.ticket.number).toBe(a.number);
        expect(again.reprint).toBe(true);
      }
      const newTickets: IssuedTicket[] = [];
      for (const u of unanswered) {
        const again = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: u.key, categoryId: u.categoryId });
        const committed = committedKeys.get(u.key);
        if (committed) {
          // Committed but the reply was lost with the process: the retry returns that ticket.
          expect(again.ticket.id).toBe(committed);
          expect(again.ticket.number).toBe(byId.get(committed)!.number);
          expect(again.reprint).toBe(true);
        } else {
          expect(again.reprint).toBe(false);
          expect(takenBefore.has(`${again.ticket.hallDay}/${again.ticket.number}`), `retry got a used number ${again.ticket.number}`).toBe(false);
          newTickets.push(again);
        }
        ackedEver.push({ key: u.key, categoryId: u.categoryId, ticketId: again.ticket.id, number: again.ticket.number, serial: serialOf(again.ticket.number) });
      }
      // Fresh issuances continue each category's numbering where the disk left it.
      for (const categoryId of CATEGORIES) {
        const t = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: `crash${cycle}-after-${categoryId}`, categoryId });
        newTickets.push(t);
        ackedEver.push({ key: `crash${cycle}-after-${categoryId}`, categoryId, ticketId: t.ticket.id, number: t.ticket.number, serial: serialOf(t.ticket.number) });
      }
      for (const categoryId of CATEGORIES) {
        const serials = newTickets.filter((t) => t.ticket.categoryId === categoryId).map((t) => serialOf(t.ticket.number));
        expect(serials).toEqual(serials.map((_, i) => (serialsBefore.get(categoryId) ?? 0) + 1 + i));
      }
      // The clerks go on without signing in again; new events carry seq beyond the crash.
      const call = await counters[0]!.ok<WindowActionResult>('ticket:callNext', { windowId: DESKS[0].windowId, closeCurrent: 'finish' });
      expect(call.seq).toBeGreaterThan(maxSeqBefore);
      expect(calledEver.has(call.ticket!.id)).toBe(false);
      calledEver.add(call.ticket!.id);
      await until('the board to hear the call', () => board.events.some((e) => e.seq === call.seq), 5000);
      const heardAfter = board.events.filter((e) => e.seq > maxSeqBefore).map((e) => e.seq);
      expect(heardAfter).toEqual(heardAfter.map((_, i) => maxSeqBefore + 1 + i));

      // ------------------------------------------------------------ the disk, after all that
      const rowsAfter = readTickets(server.databaseFile);
      expectNoDuplicateNumbers(rowsAfter);
      expectConsecutiveSerials(rowsAfter);
      const seqsAfter = readSeqs(server.databaseFile);
      expectGapless(seqsAfter);
      expect(seqsAfter.at(-1)).toBe(call.seq);
      expect(seqsAfter.slice(0, seqsBefore.length)).toEqual(seqsBefore);
    }
  }, 120_000);
});
