// Use cases of self-service forms (自助填单): definitions (list, read, upload), submissions
// from kiosks (create idempotently, attach a ticket, print), and the clerk's side (look up by
// ticket or code, correct a field, accept or return, export). Ticket facts come through the
// hall service's public API; persistence is this module's own store. Personal data never
// reaches a log line or an audit entry: those carry paths, labels and codes only.
import { randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  formatValue,
  getPath,
  isShown,
  layoutFields,
  parseFormDefinition,
  printForm,
  provinceDigits,
  setPath,
  submissionCodeAlphabet,
  submissionCodeLength,
  formatSubmissionCode,
  type AcceptRequest,
  type AttachTicketRequest,
  type Correction,
  type CorrectionRequest,
  type CreateSubmissionRequest,
  type FormDefinition,
  type FormSummary,
  type PrintOptions,
  type ReturnRequest,
  type SubmissionActor,
  type SubmissionDetail,
  type SubmissionExport,
  type SubmissionField,
  type SubmissionAttached,
  type SubmissionReceipt,
} from '@hall/common/forms/index';
import { openTicketStates, type Actor, type Device, type Staff } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { HallService } from '../service/hall-service.ts';
import { formDocument, type Documents } from '../documents/index.ts';
import { FormCatalog, reparse } from './catalog.ts';
import type { Sealer } from './sealing.ts';
import { SubmissionStore, type StoredSubmission } from './submission-store.ts';
import { FormValidator, type DataProblem } from './validation.ts';

export type FormActor = { kind: 'device'; device: Device } | { kind: 'staff'; staff: Staff };

export interface RegionNames {
  /** Region code → full name, after `prepare` loaded what the codes need. */
  name(code: string): string | undefined;
  /** Loads street-level names for the provinces of these codes. */
  prepare(codes: string[]): Promise<void>;
}

export interface FormServiceOptions {
  hall: HallService;
  clock: () => number;
  logger: Logger;
  sealer: Sealer;
  /** Draws the PDFs (on the document thread). */
  documents: Documents;
  /** Days an undecided submission is kept before it is purged. */
  retentionDays: number;
  /** The shipped definitions (fixtures/forms). */
  shipped: FormDefinition[];
  regions: RegionNames;
}

const DAY = 86_400_000;

export class FormService {
  readonly catalog = new FormCatalog();
  readonly store: SubmissionStore;
  readonly validator = new FormValidator();
  private readonly hall: HallService;
  private readonly clock: () => number;
  private readonly logger: Logger;
  private readonly sealer: Sealer;
  private readonly documents: Documents;
  private readonly regions: RegionNames;
  readonly retentionDays: number;
  private readonly attachedListeners = new Set<(notice: SubmissionAttached) => void>();

  constructor(options: FormServiceOptions) {
    this.hall = options.hall;
    this.clock = options.clock;
    this.logger = options.logger;
    this.sealer = options.sealer;
    this.documents = options.documents;
    this.regions = options.regions;
    this.retentionDays = options.retentionDays;
    this.store = new SubmissionStore(this.hall.db, this.sealer);
    for (const def of options.shipped) this.catalog.add(def, 'shipped');
    for (const uploaded of this.store.uploadedDefinitions()) {
      try {
        this.catalog.add(reparse(uploaded.json), 'uploaded');
      } catch (error) {
        this.logger.error({ err: error }, 'a stored form definition no longer parses; it is not offered');
      }
    }
  }

  /**
   * Called once a submission's link to a ticket is stored (created with one, or attached
   * later): the clerk desk's cue to fetch that ticket's forms again. Ids only.
   */
  onAttached(listener: (notice: SubmissionAttached) => void): () => void {
    this.attachedListeners.add(listener);
    return () => this.attachedListeners.delete(listener);
  }

  private attached(submission: StoredSubmission): void {
    if (submission.ticketId === null) return;
    const notice: SubmissionAttached = { ticketId: submission.ticketId, submissionId: submission.id };
    for (const listener of this.attachedListeners) {
      try {
        listener(notice);
      } catch (error) {
        // The link is stored; a desk that missed the notice sees the form at the next call.
        this.logger.error({ err: error, submissionId: submission.id }, 'submission attached notice failed');
      }
    }
  }

  // ------------------------------------------------------------------ definitions

  listForms(): FormSummary[] {
    return this.catalog.list();
  }

  definition(id: string, version?: number): FormDefinition {
    const def = this.catalog.get(id, version);
    if (!def) {
      const known = this.catalog.newestVersion(id);
      throw new HallError('NOT_FOUND', {
        field: known === undefined ? 'formId' : 'version',
        message: known === undefined ? `没有这张表单：${id}` : `表单 ${id} 没有第${String(version)}版（最新为第${known}版）`,
      });
    }
    return def;
  }

  /** An admin's new version: checked completely, compiled by Ajv, newer than what is served. */
  uploadDefinition(json: unknown, staff: Staff): FormSummary {
    let parsed: ReturnType<typeof parseFormDefinition>;
    try {
      parsed = parseFormDefinition(json);
    } catch (error) {
      // The checker compiles patterns with RegExp; a broken one throws.
      throw new HallError('VALIDATION_FAILED', { message: `表单定义有误：${error instanceof Error ? error.message : String(error)}` });
    }
    if (!parsed.ok) {
      throw new HallError('VALIDATION_FAILED', { message: `表单定义有误：${parsed.problems.slice(0, 5).join('；')}${parsed.problems.length > 5 ? `（共${parsed.problems.length}处）` : ''}`, details: { problems: parsed.problems } });
    }
    const def = parsed.definition;
    const compileProblem = this.validator.compileProblem(def);
    if (compileProblem) {
      throw new HallError('VALIDATION_FAILED', { field: 'schema', message: `表单 ${def.id} v${def.version}：JSON Schema 无法编译：${compileProblem}`, details: { problems: [compileProblem] } });
    }
    const newest = this.catalog.newestVersion(def.id);
    if (newest !== undefined && def.version <= newest) {
      throw new HallError('CONFLICT', { field: 'version', message: `表单 ${def.id} 的版本号应高于当前的第${newest}版（上传的是第${def.version}版）` });
    }
    const now = this.clock();
    const actor: Actor = { kind: staff.role === 'admin' ? 'admin' : 'clerk', id: staff.id };
    this.store.putDefinition(def.id, def.version, json, now, staff.id, () => {
      this.hall.audit.record(now, actor, 'form.upload', `form:${def.id}`, { version: def.version, title: def.title, previousVersion: newest ?? null });
    });
    this.catalog.add(def, 'uploaded');
    this.logger.info({ formId: def.id, version: def.version }, 'form definition uploaded');
    return this.catalog.summary(def.id, def.version)!;
  }

  // ------------------------------------------------------------------ kiosk side

  createSubmission(request: CreateSubmissionRequest, actor: FormActor): SubmissionReceipt {
    const digest = this.sealer.digest(canonicalJson({ formId: request.formId, formVersion: request.formVersion, data: request.data, ticketId: request.ticketId ?? null }));
    const earlier = this.store.byIdempotencyKey(request.idempotencyKey);
    if (earlier) {
      if (earlier.requestDigest !== digest || earlier.createdBy !== creator(actor)) {
        throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: '同一幂等键的表单内容不一致：请为新填写的表单使用新的幂等键' });
      }
      return this.receipt(earlier, true);
    }
    const def = this.catalog.get(request.formId, request.formVersion);
    if (!def) {
      const known = this.catalog.newestVersion(request.formId);
      throw new HallError('NOT_FOUND', {
        field: known === undefined ? 'formId' : 'formVersion',
        message: known === undefined ? `没有这张表单：${request.formId}` : `表单 ${request.formId} 没有第${request.formVersion}版，请重新打开表单填写`,
      });
    }
    this.assertValid(def, request.data, 'data');
    const ticket = request.ticketId ? this.openTicket({ id: request.ticketId }, 'ticketId') : null;
    const now = this.clock();
    const submission: StoredSubmission = {
      id: newSubmissionId(now),
      code: this.newCode(),
      idempotencyKey: request.idempotencyKey,
      requestDigest: digest,
      formId: def.id,
      formVersion: def.version,
      deviceId: actor.kind === 'device' ? actor.device.id : null,
      createdBy: creator(actor),
      ticketId: ticket?.id ?? null,
      ticketNumber: ticket?.number ?? null,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
      decidedAt: null,
      data: request.data,
      corrections: [],
      decision: null,
    };
    this.store.insert(submission);
    this.logger.info({ submissionId: submission.id, formId: def.id, version: def.version, ticketId: submission.ticketId }, 'form submitted');
    this.attached(submission);
    return this.receipt(submission, false);
  }

  attachTicket(id: string, request: AttachTicketRequest, actor: FormActor): SubmissionReceipt {
    const submission = this.forActor(id, actor);
    const ticket = request.ticketId ? this.openTicket({ id: request.ticketId }, 'ticketId') : this.openTicket({ token: request.ticketToken! }, 'ticketToken');
    if (submission.ticketId === ticket.id) return this.receipt(submission, false);
    if (submission.status !== 'submitted') throw new HallError('CONFLICT', { message: '该表单已被窗口处理，不能再关联其他号' });
    const updated: StoredSubmission = { ...submission, ticketId: ticket.id, ticketNumber: ticket.number, updatedAt: this.clock() };
    this.store.update(updated);
    this.logger.info({ submissionId: id, ticketId: ticket.id }, 'form submission attached to a ticket');
    this.attached(updated);
    return this.receipt(updated, false);
  }

  /** The A4 PDF with the code and its QR on every page. */
  async pdf(id: string, actor: FormActor): Promise<{ bytes: Uint8Array; filename: string }> {
    const submission = this.forActor(id, actor);
    const def = this.definition(submission.formId, submission.formVersion);
    const options = await this.printOptions(def, submission.data);
    const printed = printForm(def, submission.data, options);
    const rendered = await this.documents.render(
      formDocument(printed, {
        code: formatSubmissionCode(submission.code),
        qrPayload: submission.code,
        createdAt: new Date(submission.createdAt).toISOString(),
        hallName: this.hall.settings.name,
      }),
    );
    return { bytes: rendered.bytes, filename: `${def.id}-${submission.code}.pdf` };
  }

  // ------------------------------------------------------------------ clerk side

  async byTicket(ticketId: string): Promise<SubmissionDetail[]> {
    return Promise.all(this.store.byTicket(ticketId).map((s) => this.detailOf(s)));
  }

  async byCode(code: string): Promise<SubmissionDetail> {
    const submission = this.store.byCode(code);
    if (!submission) throw new HallError('NOT_FOUND', { field: 'code', message: '没有这个受理码的表单：请核对受理码；超过保存期限未受理的表单已被清除' });
    return this.detailOf(submission);
  }

  async detail(id: string): Promise<SubmissionDetail> {
    return this.detailOf(this.get(id));
  }

  async correct(id: string, request: CorrectionRequest, staff: Staff): Promise<SubmissionDetail> {
    const submission = this.get(id);
    this.assertUndecided(submission, '更正');
    const def = this.definition(submission.formId, submission.formVersion);
    const placed = layoutFields(def).find((p) => p.field.path === request.path);
    if (!placed) throw new HallError('VALIDATION_FAILED', { field: 'path', message: `表单中没有字段 ${request.path}` });
    const oldValue = getPath(submission.data, request.path);
    const data = request.value === null ? removePath(submission.data, request.path) : setPath(submission.data, request.path, request.value);
    this.assertValid(def, data, 'value', request.path);
    const now = this.clock();
    const correction: Correction = {
      at: now,
      by: actorOf(staff),
      path: request.path,
      label: placed.field.label,
      oldValue: oldValue ?? null,
      newValue: request.value,
      reason: request.reason,
    };
    const updated: StoredSubmission = { ...submission, data, corrections: [...submission.corrections, correction], updatedAt: now };
    this.store.update(updated, () => {
      // The values stay in the sealed history; the audit trail names the field only.
      this.hall.audit.record(now, staffActor(staff), 'form.submission.correct', `submission:${submission.code}`, { formId: def.id, path: request.path, label: placed.field.label });
    });
    return this.detailOf(updated);
  }

  async accept(id: string, request: AcceptRequest, staff: Staff): Promise<SubmissionDetail> {
    return this.decide(id, 'accepted', request.note ? [request.note] : [], staff);
  }

  async returnSubmission(id: string, request: ReturnRequest, staff: Staff): Promise<SubmissionDetail> {
    return this.decide(id, 'returned', request.reasons, staff);
  }

  async exportJson(id: string, staff: Staff): Promise<SubmissionExport> {
    const submission = this.get(id);
    const def = this.definition(submission.formId, submission.formVersion);
    const options = await this.printOptions(def, submission.data);
    const now = this.clock();
    this.hall.audit.record(now, staffActor(staff), 'form.submission.export', `submission:${submission.code}`, { formId: def.id, format: 'json' });
    return {
      kind: 'hall-form-submission',
      exportVersion: 1,
      id: submission.id,
      code: submission.code,
      formId: def.id,
      formVersion: def.version,
      formTitle: def.title,
      status: submission.status,
      createdAt: new Date(submission.createdAt).toISOString(),
      ticketNumber: submission.ticketNumber,
      data: submission.data,
      printed: layoutFields(def).map((p) => ({
        path: p.field.path,
        label: p.field.label,
        text: isShown(p, submission.data) ? formatValue(p.field, getPath(submission.data, p.field.path), options) : '／',
      })),
      corrections: submission.corrections,
      decision: submission.decision,
      exportedAt: new Date(now).toISOString(),
    };
  }

  /**
   * Deletes submissions no clerk decided on within the configured days, and decided ones
   * once the hall's personal-data retention period has passed since the decision (the
   * department keeps its own copy through the export). Returns how many went.
   */
  purge(): { undecided: number; decided: number } {
    const now = this.clock();
    const decidedDays = this.hall.settings.personalDataRetentionDays;
    const counts = this.store.purge(now - this.retentionDays * DAY, now - decidedDays * DAY, (c) => {
      if (c.undecided + c.decided > 0) {
        this.hall.audit.record(now, { kind: 'system', id: 'purge' }, 'form.submission.purge', 'submissions', { ...c, retentionDays: this.retentionDays, decidedRetentionDays: decidedDays });
      }
    });
    if (counts.undecided + counts.decided > 0) this.logger.info({ ...counts, retentionDays: this.retentionDays, decidedRetentionDays: decidedDays }, 'form submissions past their retention period purged');
    return counts;
  }

  // ------------------------------------------------------------------ helpers

  private async decide(id: string, status: 'accepted' | 'returned', reasons: string[], staff: Staff): Promise<SubmissionDetail> {
    const submission = this.get(id);
    this.assertUndecided(submission, status === 'accepted' ? '受理' : '退回');
    const now = this.clock();
    const updated: StoredSubmission = { ...submission, status, decidedAt: now, updatedAt: now, decision: { status, at: now, by: actorOf(staff), reasons } };
    this.store.update(updated, () => {
      this.hall.audit.record(now, staffActor(staff), status === 'accepted' ? 'form.submission.accept' : 'form.submission.return', `submission:${submission.code}`, {
        formId: submission.formId,
        ticketId: submission.ticketId,
        reasonCount: reasons.length,
      });
    });
    this.logger.info({ submissionId: id, status }, 'form submission decided');
    return this.detailOf(updated);
  }

  private get(id: string): StoredSubmission {
    const submission = this.store.byId(id);
    if (!submission) throw new HallError('NOT_FOUND', { message: '没有这份表单：可能已超过保存期限被清除' });
    return submission;
  }

  /** A kiosk reaches only what it submitted itself; staff reach everything. */
  private forActor(id: string, actor: FormActor): StoredSubmission {
    const submission = this.get(id);
    if (actor.kind === 'device' && submission.deviceId !== actor.device.id) throw new HallError('FORBIDDEN', { message: '只能查看本机提交的表单' });
    return submission;
  }

  private assertUndecided(submission: StoredSubmission, what: string): void {
    if (submission.status !== 'submitted') {
      throw new HallError('CONFLICT', { message: `该表单已${submission.status === 'accepted' ? '受理' : '退回'}，不能再${what}` });
    }
  }

  private openTicket(by: { id: string } | { token: string }, field: string): { id: string; number: string } {
    let status;
    try {
      status = this.hall.ticketStatus(by);
    } catch (error) {
      if (error instanceof HallError && error.code === 'TICKET_NOT_FOUND') throw new HallError('TICKET_NOT_FOUND', { field });
      throw error;
    }
    if (!openTicketStates.includes(status.ticket.state)) throw new HallError('INVALID_TRANSITION', { field, message: '该号已办结、过号或取消，不能关联表单，请重新取号' });
    return { id: status.ticket.id, number: status.ticket.number };
  }

  private assertValid(def: FormDefinition, data: unknown, field: string, onlyPath?: string): void {
    const problems = this.validator.problems(def, data, this.hall.hallDay);
    if (problems.length === 0) return;
    const first = (onlyPath && problems.find((p) => p.path === onlyPath)) || problems[0]!;
    throw new HallError('VALIDATION_FAILED', {
      field: field === 'data' ? `data.${problemPath(first)}` : field,
      message: problems.length > 1 ? `${first.message}（共${problems.length}处需要修改）` : first.message,
      details: { problems },
    });
  }

  private newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < submissionCodeLength; i++) code += submissionCodeAlphabet[randomInt(submissionCodeAlphabet.length)];
      if (!this.store.codeTaken(code)) return code;
    }
  }

  private receipt(s: StoredSubmission, repeated: boolean): SubmissionReceipt {
    const def = this.catalog.get(s.formId, s.formVersion);
    return {
      id: s.id,
      code: s.code,
      status: s.status,
      formId: s.formId,
      formVersion: s.formVersion,
      ticketId: s.ticketId,
      ticketNumber: s.ticketNumber,
      createdAt: s.createdAt,
      warnings: def ? this.validator.warnings(def, s.data) : [],
      repeated,
    };
  }

  private async printOptions(def: FormDefinition, data: unknown): Promise<PrintOptions> {
    const codes = layoutFields(def)
      .filter((p) => p.field.widget === 'region')
      .map((p) => getPath(data, p.field.path))
      .filter((v): v is string => typeof v === 'string');
    await this.regions.prepare(codes);
    return { regionName: (code) => this.regions.name(code) };
  }

  private async detailOf(s: StoredSubmission): Promise<SubmissionDetail> {
    const def = this.definition(s.formId, s.formVersion);
    const options = await this.printOptions(def, s.data);
    const warnings = this.validator.warnings(def, s.data);
    const corrected = new Set(s.corrections.map((c) => c.path));
    const fields: SubmissionField[] = layoutFields(def).map((p) => {
      const value = getPath(s.data, p.field.path);
      const shown = isShown(p, s.data);
      const field: SubmissionField = {
        path: p.field.path,
        label: p.field.label,
        pageTitle: def.layout.pages.find((page) => page.id === p.pageId)?.title ?? '',
        groupTitle: def.layout.pages.flatMap((page) => page.groups).find((g) => g.id === p.groupId)?.title ?? '',
        widget: p.field.widget,
        value: value ?? null,
        text: shown ? formatValue(p.field, value, options) : '／',
        shown,
        warnings: warnings.filter((w) => w.path === p.field.path || w.path.startsWith(`${p.field.path}.`)),
        corrected: corrected.has(p.field.path),
      };
      if (p.field.options) field.options = p.field.options;
      if (p.field.widget === 'table') {
        const columns = p.field.columns ?? [];
        const rows = shown && Array.isArray(value) ? value : [];
        field.table = { columns: columns.map((c) => c.label), rows: rows.map((row) => columns.map((c) => formatValue(c, getPath(row, c.path), options))) };
      }
      return field;
    });
    const summary = this.catalog.summary(def.id, def.version)!;
    return {
      id: s.id,
      code: s.code,
      status: s.status,
      form: summary,
      createdAt: s.createdAt,
      deviceId: s.deviceId,
      ticketId: s.ticketId,
      ticketNumber: s.ticketNumber,
      data: s.data,
      fields,
      warnings,
      corrections: s.corrections,
      decision: s.decision,
      purgeAt: s.decidedAt === null ? s.createdAt + this.retentionDays * DAY : s.decidedAt + this.hall.settings.personalDataRetentionDays * DAY,
    };
  }
}

function problemPath(p: DataProblem): string {
  return p.row !== undefined ? `${p.path}.${p.row}${p.column ? `.${p.column}` : ''}` : p.path;
}

function creator(actor: FormActor): string {
  return actor.kind === 'device' ? `device:${actor.device.id}` : `staff:${actor.staff.id}`;
}

function actorOf(staff: Staff): SubmissionActor {
  return { id: staff.id, name: staff.displayName };
}

function staffActor(staff: Staff): Actor {
  return { kind: staff.role === 'admin' ? 'admin' : 'clerk', id: staff.id };
}

/** Time-ordered and unique, like ticket ids. */
function newSubmissionId(now: number): string {
  return `f${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
}

/** A copy without the value at `path` (a clerk clearing an optional field). */
function removePath(data: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    const { [head]: _removed, ...others } = data;
    return others;
  }
  const inner = data[head];
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return data;
  return { ...data, [head]: removePath(inner as Record<string, unknown>, rest.join('.')) };
}

/** JSON with object keys sorted, so equal requests digest equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Region names from the GB/T 2260 data in fixtures, streets loaded per province on demand. */
export function fixtureRegionNames(index: { fullName(code: string): string | undefined }, loadStreets: (province: string) => Promise<unknown>): RegionNames {
  const loaded = new Set<string>();
  return {
    name: (code) => index.fullName(code),
    prepare: async (codes) => {
      for (const code of codes) {
        if (code.length <= 6) continue;
        const province = provinceDigits(code);
        if (loaded.has(province)) continue;
        try {
          await loadStreets(province);
        } catch {
          // No street data for that province: the code is printed instead of the name.
        }
        loaded.add(province);
      }
    },
  };
}
