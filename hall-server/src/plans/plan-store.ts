// Persistence of floor plans (餐饮平面图) on the hall's SQLite handle. Each write is its own
// short transaction. The document (its title block names the operator and the address) and
// the rule-check report are one sealed blob, with the same sealing as form submissions; the
// columns in clear hold only what the server sorts and looks up by.
import type { CheckReport, FloorPlan } from '@hall/common/floorplan/index';
import type { Db } from '../store/db.ts';
import type { Sealer } from '../forms/sealing.ts';

/** What is sealed. */
export interface SealedPlan {
  plan: FloorPlan;
  check: CheckReport;
}

export interface StoredPlan extends SealedPlan {
  id: string;
  code: string;
  idempotencyKey: string;
  requestDigest: string;
  revision: number;
  ruleSetId: string;
  deviceId: string | null;
  /** 'device:kiosk-1' or 'staff:<id>'. */
  createdBy: string;
  ticketId: string | null;
  ticketNumber: string | null;
  submissionId: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  code: string;
  idempotency_key: string;
  request_digest: string;
  revision: number;
  rule_set_id: string;
  device_id: string | null;
  created_by: string;
  ticket_id: string | null;
  ticket_number: string | null;
  submission_id: string | null;
  created_at: number;
  updated_at: number;
  sealed: Buffer;
}

export class PlanStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  insert(p: StoredPlan): void {
    this.db
      .prepare(
        `INSERT INTO floor_plans (id, code, idempotency_key, request_digest, revision, rule_set_id, device_id, created_by, ticket_id, ticket_number, submission_id, created_at, updated_at, sealed)
         VALUES (@id, @code, @idempotency_key, @request_digest, @revision, @rule_set_id, @device_id, @created_by, @ticket_id, @ticket_number, @submission_id, @created_at, @updated_at, @sealed)`,
      )
      .run(this.toRow(p));
  }

  /** Writes the plan back (document, report, rule set, links, revision). */
  update(p: StoredPlan): void {
    const changed = this.db
      .prepare(
        `UPDATE floor_plans SET request_digest = @request_digest, revision = @revision, rule_set_id = @rule_set_id, ticket_id = @ticket_id, ticket_number = @ticket_number,
           submission_id = @submission_id, updated_at = @updated_at, sealed = @sealed
         WHERE id = @id`,
      )
      .run(this.toRow(p)).changes;
    if (changed !== 1) throw new Error('plan vanished while being updated');
  }

  byId(id: string): StoredPlan | undefined {
    return this.read(this.db.prepare('SELECT * FROM floor_plans WHERE id = ?').get(id) as Row | undefined);
  }

  byCode(code: string): StoredPlan | undefined {
    return this.read(this.db.prepare('SELECT * FROM floor_plans WHERE code = ?').get(code) as Row | undefined);
  }

  byIdempotencyKey(key: string): StoredPlan | undefined {
    return this.read(this.db.prepare('SELECT * FROM floor_plans WHERE idempotency_key = ?').get(key) as Row | undefined);
  }

  /** Plans linked to the ticket, or to one of these form submissions (themselves linked to it). */
  byTicket(ticketId: string, submissionIds: readonly string[] = []): StoredPlan[] {
    const marks = submissionIds.map(() => '?').join(', ');
    const sql = `SELECT * FROM floor_plans WHERE ticket_id = ?${marks ? ` OR submission_id IN (${marks})` : ''} ORDER BY updated_at DESC, id DESC`;
    const rows = this.db.prepare(sql).all(ticketId, ...submissionIds) as Row[];
    return rows.map((r) => this.read(r)!);
  }

  codeTaken(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM floor_plans WHERE code = ?').get(code) !== undefined;
  }

  /** Deletes plans last saved before `before`; `then` runs in the same transaction with the count. */
  purge(before: number, then?: (count: number) => void): number {
    let count = 0;
    this.db.transaction(() => {
      count = this.db.prepare('DELETE FROM floor_plans WHERE updated_at < ?').run(before).changes;
      then?.(count);
    })();
    return count;
  }

  private toRow(p: StoredPlan): Row {
    return {
      id: p.id,
      code: p.code,
      idempotency_key: p.idempotencyKey,
      request_digest: p.requestDigest,
      revision: p.revision,
      rule_set_id: p.ruleSetId,
      device_id: p.deviceId,
      created_by: p.createdBy,
      ticket_id: p.ticketId,
      ticket_number: p.ticketNumber,
      submission_id: p.submissionId,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      sealed: this.sealer.seal({ plan: p.plan, check: p.check } satisfies SealedPlan, `plan:${p.id}`),
    };
  }

  private read(row: Row | undefined): StoredPlan | undefined {
    if (!row) return undefined;
    const sealed = this.sealer.open<SealedPlan>(row.sealed, `plan:${row.id}`);
    return {
      id: row.id,
      code: row.code,
      idempotencyKey: row.idempotency_key,
      requestDigest: row.request_digest,
      revision: row.revision,
      ruleSetId: row.rule_set_id,
      deviceId: row.device_id,
      createdBy: row.created_by,
      ticketId: row.ticket_id,
      ticketNumber: row.ticket_number,
      submissionId: row.submission_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      plan: sealed.plan,
      check: sealed.check,
    };
  }
}
