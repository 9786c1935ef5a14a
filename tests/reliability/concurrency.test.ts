// Races against a real in-process hall server (real SQLite file, real Socket.IO): two
// windows calling at the same instant, and a thousand kiosks' requests landing together.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedTicket, WindowActionResult } from '@hall/common/api';
import type { Category } from '@hall/common/domain';
import type { Reply } from '@hall/common/errors';
import { idCardFixtures } from '@hall/fixtures';
import { CLERK, startHall, type TestClient, type TestHall } from '@hall/server/testing';
import { openReadOnly, until } from './support.ts';

let hall: TestHall;
beforeEach(async () => {
  hall = await startHall();
});
afterEach(async () => {
  await hall.cleanup();
});

function dbFile(): string {
  return `${hall.dir}/hall.db`;
}

/** Sequence numbers in the event log are exactly 1..n. */
function expectGaplessLog(): number {
  const db = openReadOnly(dbFile());
  try {
    const seqs = (db.prepare('SELECT seq FROM events ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    return seqs.length;
  } finally {
    db.close();
  }
}

async function issueMany(kiosks: TestClient[], categoryId: string, count: number, tag: string): Promise<Array<Reply<IssuedTicket>>> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      kiosks[i % kiosks.length]!.command<IssuedTicket>('ticket:issue', { idempotencyKey: `${tag}-${String(i).padStart(5, '0')}`, categoryId }, 15_000),
    ),
  );
}

describe('two windows calling at the same instant', () => {
  it('never hand the same ticket to both, over many rounds, by socket and by REST', async () => {
    // w03 and w04 both serve business registration only.
    const desks = [
      { clerk: CLERK(3), windowId: 'w03' },
      { clerk: CLERK(4), windowId: 'w04' },
    ];
    const tokens = await Promise.all(desks.map((d) => hall.login(d.clerk)));
    const counters = await Promise.all(tokens.map((token) => hall.connect('/counter', { token })));
    for (const [i, d] of desks.entries()) await counters[i]!.ok('window:signIn', { windowId: d.windowId });
    const kiosk = await hall.connect('/kiosk');

    // An odd number of tickets: in the last round one window gets the last ticket, the other none.
    const TICKETS = 121;
    const issued = await issueMany([kiosk], 'business-registration', TICKETS, 'race-call');
    expect(issued.every((r) => r.ok)).toBe(true);
    const issuedIds = new Set(issued.map((r) => (r.ok ? r.data.ticket.id : '')));

    const callSocket = (i: number) => counters[i]!.command<WindowActionResult>('ticket:callNext', { windowId: desks[i]!.windowId, closeCurrent: 'finish' });
    const callRest = async (i: number): Promise<Reply<WindowActionResult>> => {
      const r = await hall.request<WindowActionResult & { error?: { code: string; message: string } }>(
        'POST',
        `/api/windows/${desks[i]!.windowId}/call-next`,
        { closeCurrent: 'finish' },
        tokens[i],
      );
      return r.status === 200 ? { ok: true, data: r.body } : { ok: false, error: r.body.error as never };
    };

    const calledBy = new Map<string, string>();
    let emptyReplies = 0;
    const statsBefore = { ...hall.server.hall.commits.stats };
    for (let round = 0; round < Math.ceil(TICKETS / 2) + 1; round++) {
      // Both requests leave in the same tick; every third round one of them goes over REST.
      const mode = round % 3;
      const replies = await Promise.all([mode === 1 ? callRest(0) : callSocket(0), mode === 2 ? callRest(1) : callSocket(1)]);
      const got: string[] = [];
      for (const [i, reply] of replies.entries()) {
        if (reply.ok) {
          const t = reply.data.ticket!;
          expect(t.state).toBe('called');
          expect(t.windowId).toBe(desks[i]!.windowId);
          expect(calledBy.get(t.id), `ticket ${t.number} called twice (round ${round})`).toBeUndefined();
          calledBy.set(t.id, desks[i]!.windowId);
          got.push(t.id);
        } else {
          expect(reply.error.code).toBe('NO_TICKET_WAITING');
          emptyReplies++;
        }
      }
      if (got.length === 2) expect(got[0]).not.toBe(got[1]);
    }
    const statsAfter = { ...hall.server.hall.commits.stats };
    // Every ticket was called exactly once, and the empty rounds at the end said so.
    expect(calledBy.size).toBe(TICKETS);
    expect([...calledBy.keys()].every((id) => issuedIds.has(id))).toBe(true);
    expect(emptyReplies).toBe(2 * (Math.ceil(TICKETS / 2) + 1) - TICKETS);
    // Both windows took part, and the pairs really met at the server: calls that arrived
    // together shared a commit batch (fewer batches than calls).
    expect(new Set(calledBy.values()).size).toBe(2);
    expect(statsAfter.writes - statsBefore.writes).toBeGreaterThanOrEqual(TICKETS);
    expect(statsAfter.batches - statsBefore.batches).toBeLessThan(TICKETS);

    // The disk agrees: one call event per ticket, no ticket current at two windows.
    const db = openReadOnly(dbFile());
    try {
      const calls = db.prepare("SELECT ticket_id AS id, COUNT(*) AS n, MIN(window_id) AS w FROM events WHERE type = 'ticket:called' GROUP BY ticket_id").all() as Array<{
        id: string;
        n: number;
        w: string;
      }>;
      expect(calls.length).toBe(TICKETS);
      for (const c of calls) {
        expect(c.n, `call events for ${c.id}`).toBe(1);
        expect(c.w).toBe(calledBy.get(c.id));
      }
      const states = db.prepare('SELECT state, COUNT(*) AS n FROM tickets GROUP BY state').all() as Array<{ state: string; n: number }>;
      // The last ticket of each window is still called; the rest finished.
      expect(Object.fromEntries(states.map((s) => [s.state, s.n]))).toEqual({ finished: TICKETS - 2, called: 2 });
    } finally {
      db.close();
    }
    expectGaplessLog();
  });
});

describe('1,000 concurrent issuances in one category', () => {
  it('yield 1,000 distinct consecutive numbers, respect the quota exactly, and are group-committed', async () => {
    // Raise the tax quota to exactly 1,000 through the admin API.
    const admin = await hall.login();
    const got = await hall.request<Category>('GET', '/api/admin/categories/tax', undefined, admin);
    expect(got.status).toBe(200);
    const put = await hall.request<Category>('PUT', '/api/admin/categories/tax', { ...got.body, dailyQuota: 1000 }, admin);
    expect(put.status).toBe(200);
    expect(put.body.dailyQuota).toBe(1000);
    const numberWidth = put.body.numberWidth;
    const prefix = put.body.prefix;

    const kiosks = await Promise.all(['kiosk-1', 'kiosk-2', 'kiosk-3', 'kiosk-1', 'kiosk-2', 'kiosk-3'].map((deviceId) => hall.connect('/kiosk', { deviceId })));
    const board = await hall.connect('/board');
    const snap = await board.waitForSnapshot();
    const before = { ...hall.server.hall.commits.stats };

    // 1,000 requests plus 20 beyond the quota, all in flight together.
    const EXTRA = 20;
    const replies = await issueMany(kiosks, 'tax', 1000 + EXTRA, 'burst');
    const after = { ...hall.server.hall.commits.stats };

    const ok = replies.flatMap((r) => (r.ok ? [r.data] : []));
    const refused = replies.flatMap((r) => (r.ok ? [] : [r.error.code]));
    expect(ok.length).toBe(1000);
    expect(refused).toEqual(Array.from({ length: EXTRA }, () => 'QUOTA_EXHAUSTED'));
    expect(new Set(ok.map((t) => t.ticket.id)).size).toBe(1000);
    expect(ok.every((t) => !t.reprint)).toBe(true);
    const numbers = ok.map((t) => t.ticket.number);
    const expected = Array.from({ length: 1000 }, (_, i) => prefix + String(i + 1).padStart(numberWidth, '0'));
    expect([...numbers].sort()).toEqual([...expected].sort());
    expect(numbers).toContain(`${prefix}1000`);

    // Group commit really batched: far fewer transactions than issuances.
    const writes = after.writes - before.writes;
    const batches = after.batches - before.batches;
    expect(writes).toBeGreaterThanOrEqual(1000);
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(1000);
    expect(after.largestBatch).toBeGreaterThan(1);

    // On disk: 1,000 rows with serials 1..1000, and a gapless log.
    const db = openReadOnly(dbFile());
    try {
      const rows = db.prepare("SELECT id, number, serial FROM tickets WHERE issue_category_id = 'tax' ORDER BY serial").all() as Array<{
        id: string;
        number: string;
        serial: number;
      }>;
      expect(rows.map((r) => r.serial)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.number)).size).toBe(1000);
      const byId = new Map(ok.map((t) => [t.ticket.id, t.ticket.number]));
      for (const r of rows) expect(byId.get(r.id)).toBe(r.number);
    } finally {
      db.close();
    }
    expectGaplessLog();

    // Every board hears all 1,000 issuances, in sequence, with no gap.
    await until('the board to hear every issuance', () => board.events.filter((e) => e.type === 'ticket:issued').length >= 1000, 15_000);
    const seqs = board.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + 1 + i));
    expect(new Set(board.events.filter((e) => e.type === 'ticket:issued').map((e) => e.ticket!.number)).size).toBe(1000);
  }, 40_000);
});

describe('the same request many times at once', () => {
  it('one idempotency key sent 50 times together from three kiosks yields one ticket', async () => {
    const kiosks = await Promise.all(['kiosk-1', 'kiosk-2', 'kiosk-3'].map((deviceId) => hall.connect('/kiosk', { deviceId })));
    const request = { idempotencyKey: 'same-key-everywhere', categoryId: 'employment' };
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => kiosks[i % 3]!.command<IssuedTicket>('ticket:issue', request, 15_000)));
    expect(replies.every((r) => r.ok)).toBe(true);
    const tickets = replies.flatMap((r) => (r.ok ? [r.data] : []));
    expect(new Set(tickets.map((t) => t.ticket.id)).size).toBe(1);
    expect(new Set(tickets.map((t) => t.ticket.number)).size).toBe(1);
    expect(tickets.filter((t) => !t.reprint).length).toBe(1);
    const db = openReadOnly(dbFile());
    try {
      expect((db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE issue_category_id = 'employment'").get() as { n: number }).n).toBe(1);
      expect((db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'").get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
    expectGaplessLog();
  });

  it('one person drawing 40 times at once in a one-per-person category gets one waiting ticket', async () => {
    const kiosks = await Promise.all(['kiosk-1', 'kiosk-2'].map((deviceId) => hall.connect('/kiosk', { deviceId })));
    const identity = { idNumber: idCardFixtures.residentA.idNumber, source: 'card' as const };
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        kiosks[i % 2]!.command<IssuedTicket>('ticket:issue', { idempotencyKey: `person-race-${String(i).padStart(3, '0')}`, categoryId: 'social-medical-insurance', identity }, 15_000),
      ),
    );
    const ok = replies.flatMap((r) => (r.ok ? [r.data] : []));
    const refused = replies.flatMap((r) => (r.ok ? [] : [r.error.code]));
    expect(ok.length).toBe(1);
    expect(refused).toEqual(Array.from({ length: 39 }, () => 'ALREADY_WAITING'));
    const db = openReadOnly(dbFile());
    try {
      expect((db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE issue_category_id = 'social-medical-insurance'").get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });
});
