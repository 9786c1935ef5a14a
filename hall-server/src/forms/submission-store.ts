// Persistence of self-service forms on the hall's SQLite handle: uploaded definitions and
// submissions. Each write is its own short transaction (better-sqlite3 is synchronous, so it
// never interleaves with the queue's batches). The personal part of a submission is one
// sealed blob; the columns in clear hold only what the server sorts and looks up by.
import type { Correction, SubmissionDecision, SubmissionStatus } from '@hall/common/forms/index';
import type { Db } from '../store/db.ts';
import type { Sealer } from './sealing.ts';

/** What is sealed: the data and everything a clerk wrote about it. */
export interface SealedPart {
  data: Record<string, unknown>;
  corrections: Correction[];
  decision: SubmissionDecision | null;
}

export interface StoredSubmission extends SealedPart {
  id: string;
  code: string;
  idempotencyKey: string;
  requestDigest: string;
  formId: string;
  formVersion: number;
  deviceId: string | null;
  /** 'device:kiosk-1' or 'staff:<id>'. */
  createdBy: string;
  ticketId: string | null;
  ticketNumber: string | null;
  status: SubmissionStatus;
  createdAt: number;
  updatedAt: number;
  decidedAt: number | null;
}

interface Row {
  id: string;
  code: string;
  idempotency_key: string;
  request_digest: string;
  form_id: string;
  form_version: number;
  device_id: string | null;
  created_by: string;
  ticket_id: string | null;
  ticket_number: string | null;
  status: SubmissionStatus;
  created_at: number;
  updated_at: number;
  decided_at: number | null;
  sealed: Buffer;
}

export interface UploadedDefinition {
  json: unknown;
  uploadedAt: number;
  uploadedBy: string;
}

export class SubmissionStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  // ---- definitions

  uploadedDefinitions(): UploadedDefinition[] {
    const rows = this.db.prepare('SELECT json, uploaded_at, uploaded_by FROM form_definitions ORDER BY form_id, version').all() as Array<{ json: string; uploaded_at: number; uploaded_by: string }>;
    return rows.map((r) => ({ json: JSON.parse(r.json) as unknown, uploadedAt: r.uploaded_at, uploadedBy: r.uploaded_by }));
  }

  /** Inside `then` (same transaction): the audit entry. */
  putDefinition(formId: string, version: number, json: unknown, at: number, by: string, then: () => void): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO form_definitions (form_id, version, json, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?)').run(formId, version, JSON.stringify(json), at, by);
      then();
    })();
  }

  // ---- submissions

  insert(s: StoredSubmission, then?: () => void): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO form_submissions (id, code, idempotency_key, request_digest, form_id, form_version, device_id, created_by, ticket_id, ticket_number, status, created_at, updated_at, decided_at, sealed)
           VALUES (@id, @code, @idempotency_key, @request_digest, @form_id, @form_version, @device_id, @created_by, @ticket_id, @ticket_number, @status, @created_at, @updated_at, @decided_at, @sealed)`,
        )
        .run(this.toRow(s));
      then?.();
    })();
  }

  /** Writes the whole submission back (status, ticket, sealed part); `then` runs in the same transaction. */
  update(s: StoredSubmission, then?: () => void): void {
    this.db.transaction(() => {
      const row = this.toRow(s);
      const changed = this.db
        .prepare(
          `UPDATE form_submissions SET ticket_id = @ticket_id, ticket_number = @ticket_number, status = @status, updated_at = @updated_at, decided_at = @decided_at, sealed = @sealed
           WHERE id = @id`,
        )
        .run(row).changes;
      if (changed !== 1) throw new Error('submission vanished while being updated');
      then?.();
    })();
  }

  byId(id: string): StoredSubmission | undefined {
    return this.read(this.db.prepare('SELECT * FROM form_submissions WHERE id = ?').get(id) as Row | undefined);
  }

  byCode(code: string): StoredSubmission | undefined {
    return this.read(this.db.prepare('SELECT * FROM form_submissions WHERE code = ?').get(code) as Row | undefined);
  }

  byIdempotencyKey(key: string): StoredSubmission | undefined {
    return this.read(this.db.prepare('SELECT * FROM form_submissions WHERE idempotency_key = ?').get(key) as Row | undefined);
  }

  byTicket(ticketId: string): StoredSubmission[] {
    const rows = this.db.prepare('SELECT * FROM form_submissions WHERE ticket_id = ? ORDER BY created_at DESC, id DESC').all(ticketId) as Row[];
    return rows.map((r) => this.read(r)!);
  }

  codeTaken(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM form_submissions WHERE code = ?').get(code) !== undefined;
  }

  /**
   * Deletes submissions no clerk decided on, created before `undecidedBefore`, and decided
   * ones whose decision is older than `decidedBefore`; returns how many of each.
   */
  purge(undecidedBefore: number, decidedBefore: number, then?: (counts: { undecided: number; decided: number }) => void): { undecided: number; decided: number } {
    let counts = { undecided: 0, decided: 0 };
    this.db.transaction(() => {
      counts = {
        undecided: this.db.prepare("DELETE FROM form_submissions WHERE status = 'submitted' AND created_at < ?").run(undecidedBefore).changes,
        decided: this.db.prepare("DELETE FROM form_submissions WHERE status != 'submitted' AND decided_at < ?").run(decidedBefore).changes,
      };
      then?.(counts);
    })();
    return counts;
  }

  private toRow(s: StoredSubmission): Row {
    return {
      id: s.id,
      code: s.code,
      idempotency_key: s.idempotencyKey,
      request_digest: s.requestDigest,
      form_id: s.formId,
      form_version: s.formVersion,
      device_id: s.deviceId,
      created_by: s.createdBy,
      ticket_id: s.ticketId,
      ticket_number: s.ticketNumber,
      status: s.status,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      decided_at: s.decidedAt,
      sealed: this.sealer.seal({ data: s.data, corrections: s.corrections, decision: s.decision } satisfies SealedPart, s.id),
    };
  }

  private read(row: Row | undefined): StoredSubmission | undefined {
    if (!row) return undefined;
    const sealed = this.sealer.open<SealedPart>(row.sealed, row.id);
    return {
      id: row.id,
      code: row.code,
      idempotencyKey: row.idempotency_key,
      requestDigest: row.request_digest,
      formId: row.form_id,
      formVersion: row.form_version,
      deviceId: row.device_id,
      createdBy: row.created_by,
      ticketId: row.ticket_id,
      ticketNumber: row.ticket_number,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      decidedAt: row.decided_at,
      data: sealed.data,
      corrections: sealed.corrections,
      decision: sealed.decision,
    };
  }
}
