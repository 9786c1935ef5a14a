// Use cases of 证照打印: clerks and admins publish, replace and revoke documents; a kiosk,
// after an ID card read, lists what that person may print (their own documents and those of
// businesses they represent), prints one (a job started, the PDF fetched, the outcome
// reported: only a finished print counts) or asks for the original to be mailed; anyone
// checks a printed copy by its code. Names and numbers are sealed at rest, people are found
// by the hall's HMAC person key, and logs and audit entries carry ids, codes and keys only.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  certificateStatusNames,
  certificateType,
  effectiveStatus,
  entitledRoleNames,
  formatVerificationCode,
  maxCertificatePdfBytes,
  maxCertificatePdfPages,
  maskBusinessName,
  maskName,
  maskNumber,
  publishCertificateRequestSchema,
  verificationCodeAlphabet,
  verificationCodeLength,
  type CardIdentity,
  type CertificateSummary,
  type KioskCertificate,
  type MailReceipt,
  type MailRequest,
  type MailRequestView,
  type PrintJob,
  type PrintOutcome,
  type PrintOutcomeRequest,
  type PreviewRequest,
  type PublishCertificateRequest,
  type StartPrintRequest,
  type Verification,
} from '@hall/common/certificates';
import type { Actor, Device, Staff } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import { hallDayOf } from '@hall/common/time';
import { isValidCreditCode } from '@hall/common/validators';
import type { HallService } from '../service/hall-service.ts';
import { checkIdentity, loadOrCreateSecret } from '../service/identity.ts';
import { DocumentJobAbandoned, type Documents } from '../documents/index.ts';
import { canonicalJson } from '../forms/form-service.ts';
import type { Sealer } from '../forms/sealing.ts';
import { CertificateStore, type CertificateContent, type Entitlement, type StoredCertificate } from './certificate-store.ts';
import { certificateDocument } from './document.ts';

const DAY = 86_400_000;

export interface CertificateServiceOptions {
  hall: HallService;
  clock: () => number;
  logger: Logger;
  sealer: Sealer;
  /** Draws and stamps the PDFs (on the document thread). */
  documents: Documents;
  /** GB/T 2260 code → full name, for a mail address picked by region at the kiosk. */
  regionName?: (code: string) => string | undefined;
}

type Published = ReturnType<typeof publishCertificateRequestSchema.parse>;

/** An uploaded PDF, decoded and checked. */
interface Upload {
  bytes: Uint8Array;
  pageCount: number;
  sha256: string;
}

export class CertificateService {
  readonly store: CertificateStore;
  private readonly hall: HallService;
  private readonly clock: () => number;
  private readonly logger: Logger;
  private readonly sealer: Sealer;
  private readonly documents: Documents;
  private readonly personSecret: Buffer;
  private readonly regionName: (code: string) => string | undefined;

  constructor(options: CertificateServiceOptions) {
    this.hall = options.hall;
    this.clock = options.clock;
    this.logger = options.logger;
    this.sealer = options.sealer;
    this.documents = options.documents;
    this.regionName = options.regionName ?? (() => undefined);
    this.store = new CertificateStore(this.hall.db, this.sealer);
    // The same key the queue uses for "one waiting ticket per person".
    this.personSecret = loadOrCreateSecret(this.hall.db, 'person-key');
  }

  // ------------------------------------------------------------------ staff side

  /** A document from the type's template, or from the department's uploaded PDF. */
  async publish(input: PublishCertificateRequest, staff: Staff): Promise<CertificateSummary> {
    const request = publishCertificateRequestSchema.parse(input);
    return this.summary(this.insert(request, await this.upload(request), staff, null));
  }

  /** A new document in place of `id` (corrected or renewed); the old one stops printing. */
  async replace(id: string, input: PublishCertificateRequest, staff: Staff): Promise<CertificateSummary> {
    const request = publishCertificateRequestSchema.parse(input);
    const pdf = await this.upload(request);
    const old = this.get(id);
    if (old.status !== 'valid') throw new HallError('CONFLICT', { message: `该证照${certificateStatusNames[old.status]}，不能再换发` });
    return this.summary(this.insert(request, pdf, staff, old));
  }

  revoke(id: string, reason: string, staff: Staff): CertificateSummary {
    const c = this.get(id);
    if (c.status !== 'valid') throw new HallError('CONFLICT', { message: `该证照${certificateStatusNames[c.status]}，不能再撤销` });
    const now = this.clock();
    this.store.setStatus(id, 'revoked', now, reason, null, () => {
      this.hall.audit.record(now, staffActor(staff), 'certificate.revoke', `certificate:${c.code}`, { typeId: c.typeId });
    });
    this.logger.info({ certificateId: id }, 'certificate revoked');
    return this.summary(this.get(id));
  }

  list(limit = 200): CertificateSummary[] {
    return this.store.list(limit).map((c) => this.summary(c));
  }

  detail(id: string): CertificateSummary {
    return this.summary(this.get(id));
  }

  mailRequests(): MailRequestView[] {
    return this.store.mailRequests(500).flatMap((m) => {
      const c = this.store.byId(m.certificateId);
      if (!m.content) return [];
      return [
        {
          id: m.id,
          certificateId: m.certificateId,
          typeName: c ? (certificateType(c.typeId)?.name ?? c.typeId) : '',
          documentNumber: c?.content?.documentNumber ?? null,
          recipientName: m.content.recipientName,
          address: m.content.regionCode ? `${this.regionName(m.content.regionCode) ?? m.content.regionCode}${m.content.address}` : m.content.address,
          phone: m.content.phone,
          deviceId: m.deviceId,
          createdAt: m.createdAt,
          status: m.status,
          sentAt: m.sentAt,
        },
      ];
    });
  }

  markMailSent(id: string, staff: Staff): MailRequestView[] {
    const m = this.store.mailById(id);
    if (!m) throw new HallError('NOT_FOUND', { message: '没有这条邮寄申请' });
    const now = this.clock();
    this.store.markMailSent(id, now, () => this.hall.audit.record(now, staffActor(staff), 'certificate.mail.sent', `mail:${id}`, { certificateId: m.certificateId }));
    return this.mailRequests();
  }

  // ------------------------------------------------------------------ kiosk side

  lookup(identity: CardIdentity, device: Device): KioskCertificate[] {
    const personKey = this.personKey(identity);
    const today = this.hall.hallDay;
    const found = this.store.forPerson(personKey).map(({ certificate: c, role }) => this.kioskView(c, role, today));
    this.logger.info({ deviceId: device.id, found: found.length }, 'certificates looked up at a kiosk');
    return found;
  }

  startPrint(id: string, request: StartPrintRequest, device: Device): PrintJob {
    const personKey = this.personKey(request.identity);
    const earlier = this.store.printByIdempotencyKey(request.idempotencyKey);
    if (earlier) {
      if (earlier.certificateId !== id || earlier.deviceId !== device.id || earlier.personKey !== personKey) {
        throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: '同一幂等键的打印请求不一致，请重新操作' });
      }
      const c = this.get(id);
      return { jobId: earlier.id, certificateId: id, code: c.code, reprint: earlier.reprint, pageCount: c.pageCount };
    }
    const c = this.printable(id, personKey);
    const reprint = c.printCount > 0;
    if (reprint && !request.reason) throw new HallError('VALIDATION_FAILED', { field: 'reason', message: '该证照已打印过，补打请选择原因' });
    const now = this.clock();
    const job = {
      id: `p${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`,
      certificateId: id,
      idempotencyKey: request.idempotencyKey,
      deviceId: device.id,
      personKey,
      reprint,
      reason: reprint ? (request.reason ?? null) : null,
      startedAt: now,
      finishedAt: null,
      outcome: 'pending' as const,
      faultCode: null,
    };
    this.store.insertPrint(job);
    return { jobId: job.id, certificateId: id, code: c.code, reprint, pageCount: c.pageCount };
  }

  /** The job's PDF: the document with its verification QR and code on every page. */
  async pdf(jobId: string, device: Device): Promise<{ bytes: Uint8Array; filename: string }> {
    const job = this.store.printById(jobId);
    if (!job || job.deviceId !== device.id) throw new HallError('NOT_FOUND', { message: '没有这个打印任务' });
    if (job.outcome !== 'pending') throw new HallError('CONFLICT', { message: '该打印任务已结束，请重新选择打印' });
    return this.document(this.printable(job.certificateId, job.personKey));
  }

  /**
   * The document as it would print now, for the kiosk's on-screen preview after the card was
   * read; not a print (nothing counted). Documents that can no longer print do not preview.
   */
  async preview(id: string, request: PreviewRequest, device: Device): Promise<{ bytes: Uint8Array; filename: string }> {
    const c = this.entitled(id, this.personKey(request.identity));
    const status = effectiveStatus(c.status, c.validUntil, this.hall.hallDay);
    if (status !== 'valid') throw new HallError('CONFLICT', { message: `该证照${certificateStatusNames[status]}，不能预览` });
    this.logger.info({ deviceId: device.id, certificateId: id }, 'certificate previewed at a kiosk');
    return this.document(c);
  }

  /** The printable PDF: the template drawn, or the uploaded PDF stamped; a QR and code on every page. */
  private async document(c: StoredCertificate): Promise<{ bytes: Uint8Array; filename: string }> {
    const type = certificateType(c.typeId);
    const gone = () => new HallError('NOT_FOUND', { message: '该证照的内容已不在本大厅服务器上，请到窗口咨询' });
    if (!type || !c.content) throw gone();
    const filename = `${type.id}-${c.code}.pdf`;
    const printedAt = new Date(this.clock());
    if (c.source === 'pdf') {
      const file = this.store.file(c.id);
      if (!file) throw gone();
      const stamp = {
        qrPayload: this.verifyUrl(c.code),
        code: formatVerificationCode(c.code),
        label: '扫码验真',
        note: `${this.hall.settings.name}自助终端打印 ${hallDayOf(printedAt.getTime(), this.hall.settings.timeZone)}`,
      };
      return { bytes: await this.documents.stampPdf(file, stamp, { title: type.name, subject: `${type.id} ${c.code}` }), filename };
    }
    const rendered = await this.documents.render(
      certificateDocument({
        type,
        content: c.content,
        issuer: c.issuer,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        code: c.code,
        verifyUrl: this.verifyUrl(c.code),
        hallName: this.hall.settings.name,
        printedAt: printedAt.toISOString(),
      }),
    );
    return { bytes: rendered.bytes, filename };
  }

  /**
   * What the printer did. A finished print counts and is audited; a failed one (paper out,
   * jam) is audited, not counted, and reaches staff as a help request from that kiosk.
   */
  async finishPrint(jobId: string, outcome: PrintOutcomeRequest, device: Device): Promise<PrintOutcome> {
    const job = this.store.printById(jobId);
    if (!job || job.deviceId !== device.id) throw new HallError('NOT_FOUND', { message: '没有这个打印任务' });
    const c = this.get(job.certificateId);
    if (job.outcome !== 'pending') {
      return { jobId, outcome: job.outcome, printCount: c.printCount, printLimit: c.printLimit };
    }
    const now = this.clock();
    const audit = (result: 'printed' | 'failed', fault: string | null) =>
      this.hall.audit.record(now, { kind: 'device', id: device.id }, 'certificate.print', `certificate:${c.code}`, {
        jobId,
        deviceId: device.id,
        card: job.personKey.slice(0, 16),
        reprint: job.reprint,
        reason: job.reason,
        outcome: result,
        fault,
      });
    if (outcome.ok) {
      const counted = this.store.finishPrint(jobId, c.id, 'printed', now, null, () => audit('printed', null));
      if (!counted) this.logger.warn({ jobId, certificateId: c.id }, 'a print finished after the limit was reached; not counted');
    } else {
      this.store.finishPrint(jobId, c.id, 'failed', now, outcome.code, () => audit('failed', outcome.code));
      this.logger.warn({ jobId, deviceId: device.id, code: outcome.code }, 'certificate print failed at the printer');
      try {
        await this.hall.requestHelp(device, `证照打印失败（${outcome.message.slice(0, 60)}），请检查A4打印机`, null);
      } catch (error) {
        this.logger.error({ err: error, jobId }, 'could not tell staff about a failed certificate print');
      }
    }
    const after = this.get(c.id);
    const finished = this.store.printById(jobId)!;
    return { jobId, outcome: finished.outcome === 'printed' ? 'printed' : 'failed', printCount: after.printCount, printLimit: after.printLimit };
  }

  mail(id: string, request: MailRequest, device: Device): MailReceipt {
    const personKey = this.personKey(request.identity);
    const earlier = this.store.mailByIdempotencyKey(request.idempotencyKey);
    if (earlier) {
      if (earlier.certificateId !== id || earlier.deviceId !== device.id) throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey' });
      return { id: earlier.id, certificateId: id, createdAt: earlier.createdAt, repeated: true };
    }
    const c = this.entitled(id, personKey);
    const status = effectiveStatus(c.status, c.validUntil, this.hall.hallDay);
    if (status !== 'valid') throw new HallError('CONFLICT', { message: `该证照${certificateStatusNames[status]}，不能邮寄` });
    const now = this.clock();
    const mailId = `m${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
    this.store.insertMail(
      {
        id: mailId,
        certificateId: id,
        idempotencyKey: request.idempotencyKey,
        deviceId: device.id,
        createdAt: now,
        status: 'open',
        sentAt: null,
        content: { recipientName: request.recipientName, address: request.address, regionCode: request.regionCode ?? null, phone: request.phone },
      },
      () => this.hall.audit.record(now, { kind: 'device', id: device.id }, 'certificate.mail.request', `certificate:${c.code}`, { mailId, card: personKey.slice(0, 16) }),
    );
    return { id: mailId, certificateId: id, createdAt: now, repeated: false };
  }

  // ------------------------------------------------------------------ anyone

  verify(code: string): Verification | undefined {
    const c = this.store.byCode(code);
    if (!c) return undefined;
    const status = effectiveStatus(c.status, c.validUntil, this.hall.hallDay);
    return {
      code: c.code,
      typeName: certificateType(c.typeId)?.name ?? c.typeId,
      documentNumber: c.content ? maskNumber(c.content.documentNumber) : null,
      holderMasked: c.content ? holderMasked(c.content) : null,
      issuer: c.issuer,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status,
      statusName: certificateStatusNames[status],
    };
  }

  verifyUrl(code: string): string {
    return `${this.hall.settings.publicBaseUrl.replace(/\/$/, '')}/v/${code}`;
  }

  /**
   * Forgets names, numbers and lines of documents printed, revoked or expired longer than
   * the hall's personal-data retention ago (what a verification needs stays), and sent mail
   * requests as long ago.
   */
  purge(): { certificates: number; mailRequests: number } {
    const now = this.clock();
    const days = this.hall.settings.personalDataRetentionDays;
    const before = now - days * DAY;
    const expiredBefore = new Date(before + 8 * 3_600_000).toISOString().slice(0, 10);
    const counts = this.store.purge(before, expiredBefore, (c) => {
      if (c.certificates + c.mailRequests > 0) this.hall.audit.record(now, { kind: 'system', id: 'purge' }, 'certificate.purge', 'certificates', { ...c, retentionDays: days });
    });
    if (counts.certificates + counts.mailRequests > 0) this.logger.info({ ...counts, retentionDays: days }, 'certificate personal data past its retention period purged');
    return counts;
  }

  // ------------------------------------------------------------------ helpers

  private insert(request: Published, pdf: Upload | null, staff: Staff, replacing: StoredCertificate | null): StoredCertificate {
    const type = certificateType(request.typeId);
    if (!type) throw new HallError('VALIDATION_FAILED', { field: 'typeId', message: `没有这种证照类型：${request.typeId}` });
    if (!type.holderKinds.includes(request.holder.kind)) {
      throw new HallError('VALIDATION_FAILED', { field: 'holder.kind', message: `${type.name}的持有人应为${type.holderKinds.map((k) => (k === 'person' ? '个人' : '企业')).join('或')}` });
    }
    if (request.holder.kind === 'business' && !isValidCreditCode(request.holder.creditCode)) {
      throw new HallError('VALIDATION_FAILED', { field: 'holder.creditCode', message: '统一社会信用代码校验位不正确，请核对' });
    }
    if (request.validUntil !== null && request.validUntil < request.validFrom) throw new HallError('VALIDATION_FAILED', { field: 'validUntil', message: '有效期截止日期早于起始日期' });
    const content: CertificateContent = { holder: request.holder, documentNumber: request.documentNumber, fields: request.fields };
    const entitlements = this.entitlements(request.holder);
    // An upload enters the digest by its hash: a retry with the same file matches.
    const { pdf: uploaded, ...lines } = request;
    const digest = this.sealer.digest(canonicalJson({ ...lines, ...(uploaded && pdf ? { pdf: { filename: uploaded.filename ?? null, sha256: pdf.sha256 } } : {}), replacing: replacing?.id ?? null }));
    const earlier = this.store.byIdempotencyKey(request.idempotencyKey);
    if (earlier) {
      if (earlier.requestDigest !== digest) throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: '同一幂等键的发布内容不一致，请刷新后重新发布' });
      return earlier;
    }
    const now = this.clock();
    const c: StoredCertificate = {
      id: `c${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`,
      code: this.newCode(),
      idempotencyKey: request.idempotencyKey,
      requestDigest: digest,
      typeId: type.id,
      holderKind: request.holder.kind,
      issuer: request.issuer,
      validFrom: request.validFrom,
      validUntil: request.validUntil,
      status: 'valid',
      printLimit: request.printLimit ?? type.defaultPrintLimit,
      printCount: 0,
      contentHash: pdf ? pdf.sha256 : createHash('sha256').update(canonicalJson(content)).digest('hex'),
      source: pdf ? 'pdf' : 'template',
      pageCount: pdf ? pdf.pageCount : null,
      publishedAt: now,
      publishedBy: staff.id,
      revokedAt: null,
      revokedReason: null,
      replacedBy: null,
      firstPrintedAt: null,
      purgedAt: null,
      content,
    };
    this.store.insert(c, entitlements, pdf?.bytes ?? null, () => {
      if (replacing) {
        this.store.setStatus(replacing.id, 'replaced', now, null, c.id);
        this.hall.audit.record(now, staffActor(staff), 'certificate.replace', `certificate:${replacing.code}`, { replacedBy: c.code });
      }
      this.hall.audit.record(now, staffActor(staff), 'certificate.publish', `certificate:${c.code}`, {
        typeId: type.id,
        holderKind: c.holderKind,
        printLimit: c.printLimit,
        entitled: entitlements.length,
        source: c.source,
        ...(pdf ? { pages: pdf.pageCount, bytes: pdf.bytes.byteLength, sha256: pdf.sha256, filename: uploaded?.filename ?? null } : {}),
      });
    });
    this.logger.info({ certificateId: c.id, typeId: type.id }, replacing ? 'certificate replaced' : 'certificate published');
    return c;
  }

  private entitlements(holder: Published['holder']): Entitlement[] {
    const people = holder.kind === 'person' ? [{ ...holder.person, role: 'holder' }] : holder.entitled;
    return people.map((p) => ({ personKey: this.personKey({ idNumber: p.idNumber, cardKind: p.cardKind, source: 'card' }, 'holder'), role: p.role }));
  }

  private personKey(identity: CardIdentity, field = 'identity'): string {
    try {
      return checkIdentity({ idNumber: identity.idNumber, source: identity.source, cardKind: identity.cardKind ?? 'resident', ...(identity.birthDate ? { birthDate: identity.birthDate } : {}) }, this.personSecret, this.hall.hallDay).personKey;
    } catch (error) {
      if (error instanceof HallError && error.code === 'VALIDATION_FAILED' && field !== 'identity') throw new HallError('VALIDATION_FAILED', { field: `${field}.idNumber`, message: error.message });
      throw error;
    }
  }

  private get(id: string): StoredCertificate {
    const c = this.store.byId(id);
    if (!c) throw new HallError('NOT_FOUND', { message: '没有这份证照' });
    return c;
  }

  /** The document, if this person may print or mail it; the same answer whether it exists or not. */
  private entitled(id: string, personKey: string): StoredCertificate {
    const c = this.store.byId(id);
    if (!c || c.purgedAt !== null || this.store.roleOf(id, personKey) === undefined) throw new HallError('FORBIDDEN', { message: '您无权打印这份证照' });
    return c;
  }

  private printable(id: string, personKey: string): StoredCertificate {
    const c = this.entitled(id, personKey);
    const blocked = blockedReason(c, this.hall.hallDay);
    if (blocked) throw new HallError('CONFLICT', { message: blocked });
    return c;
  }

  private kioskView(c: StoredCertificate, role: string, today: string): KioskCertificate {
    const type = certificateType(c.typeId);
    return {
      id: c.id,
      typeName: type?.name ?? c.typeId,
      kind: type?.kind ?? 'proof',
      holderKind: c.holderKind,
      holderMasked: c.content ? holderMasked(c.content) : '',
      documentNumber: c.content?.documentNumber ?? '',
      lines: c.content?.fields.map((f) => ({ label: f.label, value: f.value || '／' })) ?? [],
      relation: role === 'holder' ? '本人' : (entitledRoleNames[role as keyof typeof entitledRoleNames] ?? role),
      issuer: c.issuer,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: effectiveStatus(c.status, c.validUntil, today),
      printCount: c.printCount,
      printLimit: c.printLimit,
      source: c.source,
      pageCount: c.pageCount,
      blocked: blockedReason(c, today),
    };
  }

  private summary(c: StoredCertificate): CertificateSummary {
    return {
      id: c.id,
      code: c.code,
      typeId: c.typeId,
      typeName: certificateType(c.typeId)?.name ?? c.typeId,
      documentNumber: c.content?.documentNumber ?? null,
      issuer: c.issuer,
      holderKind: c.holderKind,
      holderMasked: c.content ? holderMasked(c.content) : null,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: effectiveStatus(c.status, c.validUntil, this.hall.hallDay),
      printLimit: c.printLimit,
      printCount: c.printCount,
      source: c.source,
      pageCount: c.pageCount,
      publishedAt: c.publishedAt,
      publishedBy: c.publishedBy,
      revokedReason: c.revokedReason,
      replacedBy: c.replacedBy,
      purged: c.purgedAt !== null,
    };
  }

  /** The upload in a publish request, decoded and checked; null for a template document. */
  private async upload(request: Published): Promise<Upload | null> {
    if (!request.pdf) return null;
    const bytes = Buffer.from(request.pdf.data, 'base64');
    if (bytes.byteLength > maxCertificatePdfBytes) throw new HallError('VALIDATION_FAILED', { field: 'pdf.data', message: `PDF文件不能超过${maxCertificatePdfBytes / 1024 / 1024}MB` });
    try {
      return { bytes, ...(await this.documents.inspectPdf(bytes, { maxPages: maxCertificatePdfPages })) };
    } catch (error) {
      // A file that takes the document thread too long or too much memory is refused like a broken one.
      if (error instanceof DocumentJobAbandoned && error.exhausted) throw new HallError('VALIDATION_FAILED', { field: 'pdf.data', message: '上传的PDF过于复杂，无法处理，请重新导出（如降低图片分辨率）后上传' });
      throw error;
    }
  }

  private newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < verificationCodeLength; i++) code += verificationCodeAlphabet[randomInt(verificationCodeAlphabet.length)];
      if (!this.store.codeTaken(code)) return code;
    }
  }
}

/** Why a document cannot be printed now, in Chinese; null when it can. */
export function blockedReason(c: Pick<StoredCertificate, 'status' | 'validUntil' | 'printCount' | 'printLimit'>, today: string): string | null {
  const status = effectiveStatus(c.status, c.validUntil, today);
  if (status === 'revoked') return '该证照已撤销，不能打印';
  if (status === 'replaced') return '该证照已换发，请打印新证';
  if (status === 'expired') return '该证照已过期，不能打印';
  if (c.printCount >= c.printLimit) return `打印次数已用完（共${c.printLimit}次），如需再打印请到窗口办理`;
  return null;
}

function holderMasked(content: CertificateContent): string {
  const h = content.holder;
  return h.kind === 'person' ? `${maskName(h.person.name)}（${maskNumber(h.person.idNumber)}）` : `${maskBusinessName(h.name)}（${maskNumber(h.creditCode)}）`;
}

function staffActor(staff: Staff): Actor {
  return { kind: staff.role === 'admin' ? 'admin' : 'clerk', id: staff.id };
}
