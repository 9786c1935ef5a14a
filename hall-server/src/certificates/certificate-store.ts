// Persistence of 证照打印 on the hall's SQLite handle: documents, who may print them (person
// keys), print jobs and mail requests. Each write is its own short transaction; personal
// parts are sealed blobs (the forms' Sealer) bound to their row id.
import type { Holder } from '@hall/common/certificates';
import type { Db } from '../store/db.ts';
import type { Sealer } from '../forms/sealing.ts';

/** What is sealed: the holder with names and numbers, and the document's lines. */
export interface CertificateContent {
  holder: Holder;
  documentNumber: string;
  fields: Array<{ label: string; value: string }>;
}

export type StoredStatus = 'valid' | 'revoked' | 'replaced';

/** Printed from the type's template, or from a PDF the department uploaded. */
export type CertificateSource = 'template' | 'pdf';

export interface StoredCertificate {
  id: string;
  code: string;
  idempotencyKey: string;
  requestDigest: string;
  typeId: string;
  holderKind: 'person' | 'business';
  issuer: string;
  validFrom: string;
  validUntil: string | null;
  status: StoredStatus;
  printLimit: number;
  printCount: number;
  /** SHA-256 (hex) of the uploaded PDF, or of the template content's canonical JSON. */
  contentHash: string;
  source: CertificateSource;
  /** Pages of an uploaded PDF; null for a template document. */
  pageCount: number | null;
  publishedAt: number;
  publishedBy: string;
  revokedAt: number | null;
  revokedReason: string | null;
  replacedBy: string | null;
  firstPrintedAt: number | null;
  purgedAt: number | null;
  /** Null once purged. */
  content: CertificateContent | null;
}

export interface Entitlement {
  personKey: string;
  /** 'holder' (a person's own document), 'legalRep' or 'agent'. */
  role: string;
}

export interface StoredPrint {
  id: string;
  certificateId: string;
  idempotencyKey: string;
  deviceId: string;
  personKey: string;
  reprint: boolean;
  reason: string | null;
  startedAt: number;
  finishedAt: number | null;
  outcome: 'pending' | 'printed' | 'failed';
  faultCode: string | null;
}

export interface MailContent {
  recipientName: string;
  address: string;
  regionCode: string | null;
  phone: string;
}

export interface StoredMailRequest {
  id: string;
  certificateId: string;
  idempotencyKey: string;
  deviceId: string;
  createdAt: number;
  status: 'open' | 'sent';
  sentAt: number | null;
  content: MailContent | null;
}

interface CertificateRow {
  id: string;
  code: string;
  idempotency_key: string;
  request_digest: string;
  type_id: string;
  holder_kind: 'person' | 'business';
  issuer: string;
  valid_from: string;
  valid_until: string | null;
  status: StoredStatus;
  print_limit: number;
  print_count: number;
  content_hash: string;
  source: CertificateSource;
  page_count: number | null;
  published_at: number;
  published_by: string;
  revoked_at: number | null;
  revoked_reason: string | null;
  replaced_by: string | null;
  first_printed_at: number | null;
  purged_at: number | null;
  sealed: Buffer | null;
}

interface PrintRow {
  id: string;
  certificate_id: string;
  idempotency_key: string;
  device_id: string;
  person_key: string;
  reprint: number;
  reason: string | null;
  started_at: number;
  finished_at: number | null;
  outcome: StoredPrint['outcome'];
  fault_code: string | null;
}

interface MailRow {
  id: string;
  certificate_id: string;
  idempotency_key: string;
  device_id: string;
  created_at: number;
  status: 'open' | 'sent';
  sent_at: number | null;
  sealed: Buffer | null;
}

export class CertificateStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  // ---- documents

  /**
   * A new document, who may print it and, for an uploaded one, its PDF (sealed); `then` (the
   * audit entry) in the same transaction.
   */
  insert(c: StoredCertificate, entitlements: Entitlement[], pdf: Uint8Array | null, then?: () => void): void {
    if ((c.source === 'pdf') !== (pdf !== null)) throw new Error('an uploaded document needs its PDF, a template one none');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO certificates (id, code, idempotency_key, request_digest, type_id, holder_kind, issuer, valid_from, valid_until, status, print_limit, print_count, content_hash, source, page_count, published_at, published_by, revoked_at, revoked_reason, replaced_by, first_printed_at, purged_at, sealed)
           VALUES (@id, @code, @idempotency_key, @request_digest, @type_id, @holder_kind, @issuer, @valid_from, @valid_until, @status, @print_limit, @print_count, @content_hash, @source, @page_count, @published_at, @published_by, @revoked_at, @revoked_reason, @replaced_by, @first_printed_at, @purged_at, @sealed)`,
        )
        .run(this.toRow(c));
      if (pdf) this.db.prepare('INSERT INTO certificate_files (certificate_id, byte_length, sealed) VALUES (?, ?, ?)').run(c.id, pdf.byteLength, this.sealer.sealBytes(pdf, `${c.id}/pdf`));
      const entitle = this.db.prepare('INSERT OR IGNORE INTO certificate_entitlements (certificate_id, person_key, role) VALUES (?, ?, ?)');
      for (const e of entitlements) entitle.run(c.id, e.personKey, e.role);
      then?.();
    })();
  }

  /** Marks a document revoked or replaced; `then` in the same transaction. */
  setStatus(id: string, status: Exclude<StoredStatus, 'valid'>, at: number, reason: string | null, replacedBy: string | null, then?: () => void): void {
    this.db.transaction(() => {
      const changed = this.db
        .prepare("UPDATE certificates SET status = ?, revoked_at = ?, revoked_reason = ?, replaced_by = ? WHERE id = ? AND status = 'valid'")
        .run(status, at, reason, replacedBy, id).changes;
      if (changed !== 1) throw new Error('certificate is no longer valid');
      then?.();
    })();
  }

  byId(id: string): StoredCertificate | undefined {
    return this.read(this.db.prepare('SELECT * FROM certificates WHERE id = ?').get(id) as CertificateRow | undefined);
  }

  byCode(code: string): StoredCertificate | undefined {
    return this.read(this.db.prepare('SELECT * FROM certificates WHERE code = ?').get(code) as CertificateRow | undefined);
  }

  byIdempotencyKey(key: string): StoredCertificate | undefined {
    return this.read(this.db.prepare('SELECT * FROM certificates WHERE idempotency_key = ?').get(key) as CertificateRow | undefined);
  }

  /** An uploaded document's PDF; undefined for a template document or once purged. */
  file(id: string): Buffer | undefined {
    const row = this.db.prepare('SELECT sealed FROM certificate_files WHERE certificate_id = ?').get(id) as { sealed: Buffer } | undefined;
    return row ? this.sealer.openBytes(row.sealed, `${id}/pdf`) : undefined;
  }

  codeTaken(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM certificates WHERE code = ?').get(code) !== undefined;
  }

  /** Newest first. */
  list(limit: number): StoredCertificate[] {
    const rows = this.db.prepare('SELECT * FROM certificates ORDER BY published_at DESC, id DESC LIMIT ?').all(limit) as CertificateRow[];
    return rows.map((r) => this.read(r)!);
  }

  /** Documents this person may print, with the role they hold on each. */
  forPerson(personKey: string): Array<{ certificate: StoredCertificate; role: string }> {
    const rows = this.db
      .prepare(
        `SELECT c.*, e.role AS entitled_role FROM certificate_entitlements e JOIN certificates c ON c.id = e.certificate_id
         WHERE e.person_key = ? AND c.purged_at IS NULL ORDER BY c.published_at DESC, c.id DESC`,
      )
      .all(personKey) as Array<CertificateRow & { entitled_role: string }>;
    return rows.map((r) => ({ certificate: this.read(r)!, role: r.entitled_role }));
  }

  roleOf(certificateId: string, personKey: string): string | undefined {
    const row = this.db.prepare('SELECT role FROM certificate_entitlements WHERE certificate_id = ? AND person_key = ?').get(certificateId, personKey) as { role: string } | undefined;
    return row?.role;
  }

  // ---- prints

  insertPrint(p: StoredPrint, then?: () => void): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO certificate_prints (id, certificate_id, idempotency_key, device_id, person_key, reprint, reason, started_at, finished_at, outcome, fault_code)
           VALUES (@id, @certificate_id, @idempotency_key, @device_id, @person_key, @reprint, @reason, @started_at, @finished_at, @outcome, @fault_code)`,
        )
        .run(printRow(p));
      then?.();
    })();
  }

  printById(id: string): StoredPrint | undefined {
    const row = this.db.prepare('SELECT * FROM certificate_prints WHERE id = ?').get(id) as PrintRow | undefined;
    return row ? readPrint(row) : undefined;
  }

  printByIdempotencyKey(key: string): StoredPrint | undefined {
    const row = this.db.prepare('SELECT * FROM certificate_prints WHERE idempotency_key = ?').get(key) as PrintRow | undefined;
    return row ? readPrint(row) : undefined;
  }

  prints(certificateId: string): StoredPrint[] {
    const rows = this.db.prepare('SELECT * FROM certificate_prints WHERE certificate_id = ? ORDER BY started_at, id').all(certificateId) as PrintRow[];
    return rows.map(readPrint);
  }

  /**
   * A job's outcome. Printed: the document's count goes up, but only while it is below the
   * limit (checked in the UPDATE, so two kiosks cannot both print the last copy). Returns
   * false when the count was already full.
   */
  finishPrint(jobId: string, certificateId: string, outcome: 'printed' | 'failed', at: number, faultCode: string | null, then?: () => void): boolean {
    let counted = true;
    this.db.transaction(() => {
      if (outcome === 'printed') {
        counted =
          this.db
            .prepare('UPDATE certificates SET print_count = print_count + 1, first_printed_at = COALESCE(first_printed_at, ?) WHERE id = ? AND print_count < print_limit')
            .run(at, certificateId).changes === 1;
      }
      this.db.prepare("UPDATE certificate_prints SET outcome = ?, finished_at = ?, fault_code = ? WHERE id = ? AND outcome = 'pending'").run(counted ? outcome : 'failed', at, counted ? faultCode : 'LIMIT', jobId);
      then?.();
    })();
    return counted;
  }

  // ---- mail requests

  insertMail(m: StoredMailRequest, then?: () => void): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO certificate_mail_requests (id, certificate_id, idempotency_key, device_id, created_at, status, sent_at, sealed)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(m.id, m.certificateId, m.idempotencyKey, m.deviceId, m.createdAt, m.status, m.sentAt, m.content ? this.sealer.seal(m.content, m.id) : null);
      then?.();
    })();
  }

  mailByIdempotencyKey(key: string): StoredMailRequest | undefined {
    const row = this.db.prepare('SELECT * FROM certificate_mail_requests WHERE idempotency_key = ?').get(key) as MailRow | undefined;
    return row ? this.readMail(row) : undefined;
  }

  mailById(id: string): StoredMailRequest | undefined {
    const row = this.db.prepare('SELECT * FROM certificate_mail_requests WHERE id = ?').get(id) as MailRow | undefined;
    return row ? this.readMail(row) : undefined;
  }

  mailRequests(limit: number): StoredMailRequest[] {
    const rows = this.db.prepare("SELECT * FROM certificate_mail_requests ORDER BY status = 'sent', created_at DESC LIMIT ?").all(limit) as MailRow[];
    return rows.map((r) => this.readMail(r));
  }

  markMailSent(id: string, at: number, then?: () => void): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE certificate_mail_requests SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'open'").run(at, id);
      then?.();
    })();
  }

  // ---- purge

  /**
   * Forgets the personal part of documents printed, expired or revoked before `before`
   * (their verification facts stay), their entitlements and uploaded PDFs, and sent mail
   * requests; returns counts.
   */
  purge(before: number, expiredBefore: string, then?: (counts: { certificates: number; mailRequests: number }) => void): { certificates: number; mailRequests: number } {
    let counts = { certificates: 0, mailRequests: 0 };
    this.db.transaction(() => {
      const ids = (
        this.db
          .prepare(
            `SELECT id FROM certificates WHERE purged_at IS NULL AND (first_printed_at < ? OR revoked_at < ? OR (valid_until IS NOT NULL AND valid_until < ?))`,
          )
          .all(before, before, expiredBefore) as Array<{ id: string }>
      ).map((r) => r.id);
      const forget = this.db.prepare('UPDATE certificates SET sealed = NULL, purged_at = ? WHERE id = ?');
      const unentitle = this.db.prepare('DELETE FROM certificate_entitlements WHERE certificate_id = ?');
      const unfile = this.db.prepare('DELETE FROM certificate_files WHERE certificate_id = ?');
      for (const id of ids) {
        forget.run(before, id);
        unentitle.run(id);
        unfile.run(id);
      }
      const mail = this.db.prepare("DELETE FROM certificate_mail_requests WHERE status = 'sent' AND sent_at < ?").run(before).changes;
      counts = { certificates: ids.length, mailRequests: mail };
      then?.(counts);
    })();
    return counts;
  }

  private toRow(c: StoredCertificate): CertificateRow {
    return {
      id: c.id,
      code: c.code,
      idempotency_key: c.idempotencyKey,
      request_digest: c.requestDigest,
      type_id: c.typeId,
      holder_kind: c.holderKind,
      issuer: c.issuer,
      valid_from: c.validFrom,
      valid_until: c.validUntil,
      status: c.status,
      print_limit: c.printLimit,
      print_count: c.printCount,
      content_hash: c.contentHash,
      source: c.source,
      page_count: c.pageCount,
      published_at: c.publishedAt,
      published_by: c.publishedBy,
      revoked_at: c.revokedAt,
      revoked_reason: c.revokedReason,
      replaced_by: c.replacedBy,
      first_printed_at: c.firstPrintedAt,
      purged_at: c.purgedAt,
      sealed: c.content ? this.sealer.seal(c.content, c.id) : null,
    };
  }

  private read(row: CertificateRow | undefined): StoredCertificate | undefined {
    if (!row) return undefined;
    return {
      id: row.id,
      code: row.code,
      idempotencyKey: row.idempotency_key,
      requestDigest: row.request_digest,
      typeId: row.type_id,
      holderKind: row.holder_kind,
      issuer: row.issuer,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      status: row.status,
      printLimit: row.print_limit,
      printCount: row.print_count,
      contentHash: row.content_hash,
      source: row.source,
      pageCount: row.page_count,
      publishedAt: row.published_at,
      publishedBy: row.published_by,
      revokedAt: row.revoked_at,
      revokedReason: row.revoked_reason,
      replacedBy: row.replaced_by,
      firstPrintedAt: row.first_printed_at,
      purgedAt: row.purged_at,
      content: row.sealed ? this.sealer.open<CertificateContent>(row.sealed, row.id) : null,
    };
  }

  private readMail(row: MailRow): StoredMailRequest {
    return {
      id: row.id,
      certificateId: row.certificate_id,
      idempotencyKey: row.idempotency_key,
      deviceId: row.device_id,
      createdAt: row.created_at,
      status: row.status,
      sentAt: row.sent_at,
      content: row.sealed ? this.sealer.open<MailContent>(row.sealed, row.id) : null,
    };
  }
}

function printRow(p: StoredPrint): PrintRow {
  return {
    id: p.id,
    certificate_id: p.certificateId,
    idempotency_key: p.idempotencyKey,
    device_id: p.deviceId,
    person_key: p.personKey,
    reprint: p.reprint ? 1 : 0,
    reason: p.reason,
    started_at: p.startedAt,
    finished_at: p.finishedAt,
    outcome: p.outcome,
    fault_code: p.faultCode,
  };
}

function readPrint(row: PrintRow): StoredPrint {
  return {
    id: row.id,
    certificateId: row.certificate_id,
    idempotencyKey: row.idempotency_key,
    deviceId: row.device_id,
    personKey: row.person_key,
    reprint: row.reprint === 1,
    reason: row.reason,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    faultCode: row.fault_code,
  };
}
