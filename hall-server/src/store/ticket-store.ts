// Tickets, the append-only event log, window states and idempotency keys. Start-up reads
// only open work through partial indexes, so a million historic tickets cost nothing.
import type { WindowState } from '@hall/common/domain';
import type { HallEvent } from '@hall/common/events';
import type { HallDay } from '@hall/common/time';
import type { EngineSnapshot, Ticket } from '../queue/types.ts';
import type { Db } from './db.ts';
import { OpRunner, writeOp, type WriteOp } from './write-op.ts';

type TicketRow = { json: string; public_token: string; person_key: string | null };

const RECENT_DURATIONS = 20;

export interface IdempotencyRecord {
  ticketId: string;
  requestHash: string;
}

const INSERT_EVENT = 'INSERT INTO events (seq, at, hall_day, type, ticket_id, window_id, actor_kind, actor_id, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const UPSERT_TICKET = `
  INSERT INTO tickets (id, hall_day, number, issue_category_id, serial, category_id, state, issued_at, finished_at, service_minutes, public_token, person_key, json)
  VALUES (@id, @hallDay, @number, @issueCategoryId, @serial, @categoryId, @state, @issuedAt, @finishedAt, @serviceMinutes, @publicToken, @personKey, @json)
  ON CONFLICT(id) DO UPDATE SET
    category_id = excluded.category_id, state = excluded.state, finished_at = excluded.finished_at,
    service_minutes = excluded.service_minutes, json = excluded.json`;
const UPSERT_WINDOW = 'INSERT INTO window_states (window_id, json) VALUES (?, ?) ON CONFLICT(window_id) DO UPDATE SET json = excluded.json';
const INSERT_IDEMPOTENCY = 'INSERT INTO idempotency (key, ticket_id, request_hash, created_at) VALUES (?, ?, ?, ?)';

export class TicketStore {
  private readonly ops: OpRunner;
  private readonly findIdempotencyStmt;
  private readonly ticketByIdStmt;
  private readonly ticketByTokenStmt;

  constructor(private readonly db: Db) {
    this.ops = new OpRunner(db);
    this.findIdempotencyStmt = db.prepare('SELECT ticket_id AS ticketId, request_hash AS requestHash FROM idempotency WHERE key = ?');
    this.ticketByIdStmt = db.prepare('SELECT json, public_token, person_key FROM tickets WHERE id = ?');
    this.ticketByTokenStmt = db.prepare('SELECT json, public_token, person_key FROM tickets WHERE public_token = ?');
  }

  /** The engine's starting state: open tickets, today's no-shows, counters, windows, durations. */
  loadEngineSnapshot(today: HallDay): EngineSnapshot {
    // Two index searches rather than one OR, which SQLite may answer by scanning history.
    const open = this.db
      .prepare(
        `SELECT json, public_token, person_key FROM tickets INDEXED BY tickets_state
         WHERE state IN ('waiting', 'called', 'serving', 'held')`,
      )
      .all() as TicketRow[];
    const noShows = this.db
      .prepare(`SELECT json, public_token, person_key FROM tickets INDEXED BY tickets_state WHERE state = 'no_show' AND hall_day = ?`)
      .all(today) as TicketRow[];
    const rows = [...open, ...noShows];
    const counters: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT issue_category_id AS id, MAX(serial) AS last FROM tickets WHERE hall_day = ? GROUP BY issue_category_id')
      .all(today) as Array<{ id: string; last: number }>) {
      counters[r.id] = r.last;
    }
    const windows = (this.db.prepare('SELECT json FROM window_states').all() as Array<{ json: string }>).map(
      (r) => JSON.parse(r.json) as WindowState,
    );
    const recentServiceMinutes: Record<string, number[]> = {};
    const categories = this.db.prepare('SELECT DISTINCT id FROM categories').all() as Array<{ id: string }>;
    const recentStmt = this.db.prepare(
      `SELECT service_minutes AS m FROM tickets INDEXED BY tickets_recent_finished
       WHERE state = 'finished' AND category_id = ? AND service_minutes IS NOT NULL
       ORDER BY finished_at DESC LIMIT ${RECENT_DURATIONS}`,
    );
    for (const { id } of categories) {
      const minutes = (recentStmt.all(id) as Array<{ m: number }>).map((r) => r.m).reverse();
      if (minutes.length) recentServiceMinutes[id] = minutes;
    }
    return { hallDay: today, tickets: rows.map(rowToTicket), counters, windows, recentServiceMinutes };
  }

  lastSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  // Writes, as data (see write-op.ts) and, for callers on the main connection, run at once.

  eventOp(event: HallEvent, ticketId: string | null, windowId: string | null): WriteOp {
    // Stats are derived figures, recomputed on demand; the log keeps facts only.
    const { stats: _stats, ...facts } = event;
    return writeOp(INSERT_EVENT, [event.seq, event.at, event.hallDay, event.type, ticketId, windowId, event.actor.kind, event.actor.id, JSON.stringify(facts)]);
  }

  ticketOp(t: Ticket): WriteOp {
    const { personKey, publicToken, ...rest } = t;
    const serviceMinutes =
      t.state === 'finished' && t.finishedAt !== null ? (t.finishedAt - (t.startedAt ?? t.calledAt ?? t.finishedAt)) / 60_000 : null;
    return writeOp(UPSERT_TICKET, {
      id: t.id,
      hallDay: t.hallDay,
      number: t.number,
      issueCategoryId: t.issueCategoryId,
      serial: t.serial,
      categoryId: t.categoryId,
      state: t.state,
      issuedAt: t.issuedAt,
      finishedAt: t.finishedAt,
      serviceMinutes,
      publicToken,
      personKey,
      json: JSON.stringify(rest),
    });
  }

  windowOp(w: WindowState): WriteOp {
    return writeOp(UPSERT_WINDOW, [w.windowId, JSON.stringify(w)]);
  }

  idempotencyOp(key: string, ticketId: string, requestHash: string, at: number): WriteOp {
    return writeOp(INSERT_IDEMPOTENCY, [key, ticketId, requestHash, at]);
  }

  appendEvent(event: HallEvent, ticketId: string | null, windowId: string | null): void {
    this.ops.run(this.eventOp(event, ticketId, windowId));
  }

  upsertTicket(t: Ticket): void {
    this.ops.run(this.ticketOp(t));
  }

  upsertWindow(w: WindowState): void {
    this.ops.run(this.windowOp(w));
  }

  rememberIdempotency(key: string, ticketId: string, requestHash: string, at: number): void {
    this.ops.run(this.idempotencyOp(key, ticketId, requestHash, at));
  }

  findIdempotency(key: string): IdempotencyRecord | undefined {
    return this.findIdempotencyStmt.get(key) as IdempotencyRecord | undefined;
  }

  ticketById(id: string): Ticket | undefined {
    const row = this.ticketByIdStmt.get(id) as TicketRow | undefined;
    return row ? rowToTicket(row) : undefined;
  }

  ticketByToken(token: string): Ticket | undefined {
    const row = this.ticketByTokenStmt.get(token) as TicketRow | undefined;
    return row ? rowToTicket(row) : undefined;
  }

  /** Today's most recent calls, newest first, for boards after a restart. */
  recentCallEvents(hallDay: HallDay, limit: number): HallEvent[] {
    return (
      this.db
        .prepare(
          `SELECT json FROM events INDEXED BY events_calls
           WHERE hall_day = ? AND type IN ('ticket:called', 'ticket:recalled') ORDER BY seq DESC LIMIT ?`,
        )
        .all(hallDay, limit) as Array<{ json: string }>
    ).map((r) => ({ ...(JSON.parse(r.json) as Omit<HallEvent, 'stats'>), stats: [] }));
  }

  ticketHistory(ticketId: string): HallEvent[] {
    return (this.db.prepare('SELECT json FROM events WHERE ticket_id = ? ORDER BY seq').all(ticketId) as Array<{ json: string }>).map(
      (r) => ({ ...(JSON.parse(r.json) as Omit<HallEvent, 'stats'>), stats: [] }),
    );
  }

  /**
   * Forgets personal keys older than the retention period, and idempotency keys older than
   * two days (a kiosk retries within seconds). Returns how many tickets were cleared.
   */
  purge(personalBefore: number, idempotencyBefore: number): number {
    const cleared = this.db
      .prepare('UPDATE tickets INDEXED BY tickets_person SET person_key = NULL WHERE person_key IS NOT NULL AND issued_at < ?')
      .run(personalBefore).changes;
    this.db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(idempotencyBefore);
    return cleared;
  }
}

function rowToTicket(row: TicketRow): Ticket {
  return { ...(JSON.parse(row.json) as Omit<Ticket, 'personKey' | 'publicToken'>), publicToken: row.public_token, personKey: row.person_key };
}
