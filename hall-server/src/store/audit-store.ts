// Who did what, when: every admin change and every staff action. Append-only.
import type { Actor } from '@hall/common/domain';
import type { Db } from './db.ts';
import { writeOp, type WriteOp } from './write-op.ts';

const INSERT_AUDIT = 'INSERT INTO audit (at, actor_kind, actor_id, action, target, detail_json) VALUES (?, ?, ?, ?, ?, ?)';

export interface AuditEntry {
  id: number;
  at: number;
  actor: Actor;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export class AuditStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(INSERT_AUDIT);
  }

  record(at: number, actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}): void {
    this.insert.run(at, actor.kind, actor.id, action, target, JSON.stringify(detail));
  }

  /** The same entry as a write for the commit thread. */
  recordOp(at: number, actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}): WriteOp {
    return writeOp(INSERT_AUDIT, [at, actor.kind, actor.id, action, target, JSON.stringify(detail)]);
  }

  list(options: { before?: number; limit: number }): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT id, at, actor_kind, actor_id, action, target, detail_json FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as Array<{
      id: number;
      at: number;
      actor_kind: Actor['kind'];
      actor_id: string;
      action: string;
      target: string;
      detail_json: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { kind: r.actor_kind, id: r.actor_id },
      action: r.action,
      target: r.target,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
    }));
  }

  recordRating(at: number, ticketId: string | null, windowId: string, level: string, source: string): void {
    this.db.prepare('INSERT INTO ratings (at, ticket_id, window_id, level, source) VALUES (?, ?, ?, ?, ?)').run(at, ticketId, windowId, level, source);
  }
}
