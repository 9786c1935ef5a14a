// Use cases of floor plans (餐饮平面图) on the hall server: a kiosk saves a plan (idempotently,
// or replacing its earlier save), links it to a ticket and/or a form submission and prints
// it; a clerk looks plans up by ticket or code. The rule checks run here with the shared
// checkPlan, so kiosk and clerk see the same list. The title block (operator, address) never
// reaches a log line or an audit entry: those carry ids and codes only. The contract is
// common/src/floorplan/api.ts.
import { randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  checkPlan,
  floorPlanSchema,
  formatPlanCode,
  upgradePlan,
  type AttachPlanTicketRequest,
  type FloorPlan,
  type PlanAttached,
  type PlanDetail,
  type PlanReceipt,
  type RuleSet,
  type RuleSetList,
  type SavePlanRequest,
} from '@hall/common/floorplan/index';
import { submissionCodeAlphabet, submissionCodeLength } from '@hall/common/forms/index';
import { openTicketStates, type Device, type Staff } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { HallService } from '../service/hall-service.ts';
import { planDocument, type Documents } from '../documents/index.ts';

import { canonicalJson } from '../forms/form-service.ts';
import type { Sealer } from '../forms/sealing.ts';
import { PlanStore, type StoredPlan } from './plan-store.ts';

export type PlanActor = { kind: 'device'; device: Device } | { kind: 'staff'; staff: Staff };

export interface PlanServiceOptions {
  hall: HallService;
  clock: () => number;
  logger: Logger;
  sealer: Sealer;
  /** Draws the PDFs (on the document thread). */
  documents: Documents;
  /** Days a plan is kept after its last save (the same as undecided form submissions). */
  retentionDays: number;
  /** The shipped rule sets (fixtures/floorplan/rules), the national recommendation first. */
  ruleSets: RuleSet[];
  /** The shipped templates (fixtures/floorplan/templates): id, name and a fresh document each call. */
  templates: { list: Array<{ id: string; name: string }>; load: (id: string) => FloorPlan | undefined };
  /** Who saved a form submission: undefined when there is none (purged or never made). */
  submissionOwner: (id: string) => { deviceId: string | null } | undefined;
  /** The form submissions linked to a ticket: a plan linked to one of them belongs to the ticket too. */
  submissionsOfTicket: (ticketId: string) => string[];
}

const DAY = 86_400_000;

export class PlanService {
  readonly store: PlanStore;
  readonly retentionDays: number;
  private readonly hall: HallService;
  private readonly clock: () => number;
  private readonly logger: Logger;
  private readonly sealer: Sealer;
  private readonly documents: Documents;
  private readonly ruleSets: RuleSet[];
  private readonly submissionOwner: PlanServiceOptions['submissionOwner'];
  private readonly templates: PlanServiceOptions['templates'];
  private readonly submissionsOfTicket: PlanServiceOptions['submissionsOfTicket'];
  private readonly attachedListeners = new Set<(notice: PlanAttached) => void>();

  constructor(options: PlanServiceOptions) {
    this.hall = options.hall;
    this.clock = options.clock;
    this.logger = options.logger;
    this.sealer = options.sealer;
    this.documents = options.documents;
    this.ruleSets = options.ruleSets;
    this.retentionDays = options.retentionDays;
    this.submissionOwner = options.submissionOwner;
    this.templates = options.templates;
    this.submissionsOfTicket = options.submissionsOfTicket;
    this.store = new PlanStore(this.hall.db, this.sealer);
  }

  /** Called once a plan's link to a ticket is stored: the clerk desk's cue to fetch the ticket's plans again. */
  onAttached(listener: (notice: PlanAttached) => void): () => void {
    this.attachedListeners.add(listener);
    return () => this.attachedListeners.delete(listener);
  }

  listRuleSets(): RuleSetList {
    return {
      ruleSets: this.ruleSets.map((s) => ({ id: s.id, name: s.name, region: s.region, source: s.source, sizeClasses: s.sizeClasses, ruleCount: s.rules.length })),
      defaultId: this.ruleSets[0]!.id,
    };
  }

  ruleSetById(id: string): RuleSet {
    const set = this.ruleSets.find((s) => s.id === id);
    if (!set) throw new HallError('NOT_FOUND', { field: 'id', message: `没有这个规则集：${id}` });
    return set;
  }

  listTemplates(): { templates: Array<{ id: string; name: string }> } {
    return { templates: this.templates.list };
  }

  template(id: string): FloorPlan {
    const plan = this.templates.load(id);
    if (!plan) throw new HallError('NOT_FOUND', { field: 'id', message: `没有这个模板：${id}` });
    return plan;
  }

  // ------------------------------------------------------------------ kiosk side

  save(request: SavePlanRequest, actor: PlanActor): PlanReceipt & { created: boolean } {
    const plan = parseDocument(request.plan);
    const ruleSet = this.ruleSet(request.ruleSetId);
    const digest = this.sealer.digest(canonicalJson({ plan, ruleSetId: ruleSet.id }));
    const now = this.clock();

    if (request.planId !== undefined) {
      const existing = this.forActor(request.planId, actor, 'planId');
      if (existing.idempotencyKey !== request.idempotencyKey) {
        throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: '修改已保存的平面图时，请使用第一次保存时的幂等键' });
      }
      const links = this.links(request, actor);
      const contentSame = existing.requestDigest === digest;
      const linksSame = (links.ticket === undefined || links.ticket.id === existing.ticketId) && (links.submissionId === undefined || links.submissionId === existing.submissionId);
      if (contentSame && linksSame) return { ...this.receipt(existing, true, false), created: false };
      const updated: StoredPlan = {
        ...existing,
        requestDigest: digest,
        revision: contentSame ? existing.revision : existing.revision + 1,
        ruleSetId: ruleSet.id,
        plan,
        check: contentSame ? existing.check : checkPlan(plan, ruleSet),
        ticketId: links.ticket?.id ?? existing.ticketId,
        ticketNumber: links.ticket?.number ?? existing.ticketNumber,
        submissionId: links.submissionId ?? existing.submissionId,
        updatedAt: now,
      };
      this.store.update(updated);
      this.logger.info({ planId: updated.id, revision: updated.revision, ruleSetId: ruleSet.id, ticketId: updated.ticketId }, 'floor plan replaced');
      if (updated.ticketId !== existing.ticketId) this.attached(updated);
      return { ...this.receipt(updated, false, true), created: false };
    }

    const earlier = this.store.byIdempotencyKey(request.idempotencyKey);
    if (earlier) {
      if (earlier.createdBy !== creator(actor)) {
        throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: '该幂等键已被其他设备使用：请为新的平面图使用新的幂等键' });
      }
      if (earlier.requestDigest !== digest) {
        throw new HallError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', message: `同一幂等键的平面图内容不一致：修改已保存的平面图请带上 planId（${earlier.id}）` });
      }
      return { ...this.receipt(earlier, true, false), created: false };
    }

    const links = this.links(request, actor);
    const stored: StoredPlan = {
      id: newPlanId(now),
      code: this.newCode(),
      idempotencyKey: request.idempotencyKey,
      requestDigest: digest,
      revision: 1,
      ruleSetId: ruleSet.id,
      deviceId: actor.kind === 'device' ? actor.device.id : null,
      createdBy: creator(actor),
      ticketId: links.ticket?.id ?? null,
      ticketNumber: links.ticket?.number ?? null,
      submissionId: links.submissionId ?? null,
      createdAt: now,
      updatedAt: now,
      plan,
      check: checkPlan(plan, ruleSet),
    };
    this.store.insert(stored);
    this.logger.info({ planId: stored.id, ruleSetId: ruleSet.id, ticketId: stored.ticketId, failed: stored.check.failed }, 'floor plan saved');
    this.attached(stored);
    return { ...this.receipt(stored, false, false), created: true };
  }

  attachTicket(id: string, request: AttachPlanTicketRequest, actor: PlanActor): PlanReceipt {
    const plan = this.forActor(id, actor, 'id');
    const ticket = request.ticketId ? this.openTicket({ id: request.ticketId }, 'ticketId') : this.openTicket({ token: request.ticketToken! }, 'ticketToken');
    if (plan.ticketId === ticket.id) return this.receipt(plan, false, false);
    const updated: StoredPlan = { ...plan, ticketId: ticket.id, ticketNumber: ticket.number, updatedAt: this.clock() };
    this.store.update(updated);
    this.logger.info({ planId: id, ticketId: ticket.id }, 'floor plan attached to a ticket');
    this.attached(updated);
    return this.receipt(updated, false, false);
  }

  detailFor(id: string, actor: PlanActor): PlanDetail {
    return this.detailOf(this.forActor(id, actor, 'id'));
  }

  /** The A4 PDF with the code and its QR. */
  async pdf(id: string, actor: PlanActor): Promise<{ bytes: Uint8Array; filename: string }> {
    const stored = this.forActor(id, actor, 'id');
    const rendered = await this.documents.render(
      planDocument(stored.plan, stored.check, {
        code: formatPlanCode(stored.code),
        qrPayload: stored.code,
        createdAt: new Date(stored.updatedAt).toISOString(),
        hallName: this.hall.settings.name,
      }),
    );
    return { bytes: rendered.bytes, filename: `plan-${stored.code}.pdf` };
  }

  // ------------------------------------------------------------------ clerk side

  /** The ticket's plans: linked to it, or to a form submission linked to it. */
  byTicket(ticketId: string): PlanDetail[] {
    return this.store.byTicket(ticketId, this.submissionsOfTicket(ticketId)).map((p) => this.detailOf(p));
  }

  byCode(code: string): PlanDetail {
    const plan = this.store.byCode(code);
    if (!plan) throw new HallError('NOT_FOUND', { field: 'code', message: '没有这个编码的平面图：请核对编码；超过保存期限的平面图已被清除' });
    return this.detailOf(plan);
  }

  /** Deletes plans not saved again within the retention period; returns how many went. */
  purge(): number {
    const now = this.clock();
    const count = this.store.purge(now - this.retentionDays * DAY, (n) => {
      if (n > 0) this.hall.audit.record(now, { kind: 'system', id: 'purge' }, 'floorplan.purge', 'floor-plans', { count: n, retentionDays: this.retentionDays });
    });
    if (count > 0) this.logger.info({ count, retentionDays: this.retentionDays }, 'floor plans past their retention period purged');
    return count;
  }

  // ------------------------------------------------------------------ helpers

  private ruleSet(id: string): RuleSet {
    const set = this.ruleSets.find((s) => s.id === id);
    if (!set) throw new HallError('NOT_FOUND', { field: 'ruleSetId', message: `没有这个规则集：${id}（可选：${this.ruleSets.map((s) => s.id).join('、')}）` });
    return set;
  }

  private links(request: SavePlanRequest, actor: PlanActor): { ticket?: { id: string; number: string }; submissionId?: string } {
    const ticket =
      request.ticketId !== undefined
        ? this.openTicket({ id: request.ticketId }, 'ticketId')
        : request.ticketToken !== undefined
          ? this.openTicket({ token: request.ticketToken }, 'ticketToken')
          : undefined;
    if (request.submissionId !== undefined) {
      const owner = this.submissionOwner(request.submissionId);
      if (!owner) throw new HallError('NOT_FOUND', { field: 'submissionId', message: '没有这份表单：可能已超过保存期限被清除' });
      if (actor.kind === 'device' && owner.deviceId !== actor.device.id) throw new HallError('FORBIDDEN', { field: 'submissionId', message: '只能关联本机提交的表单' });
    }
    return { ...(ticket ? { ticket } : {}), ...(request.submissionId !== undefined ? { submissionId: request.submissionId } : {}) };
  }

  private attached(plan: StoredPlan): void {
    if (plan.ticketId === null) return;
    const notice: PlanAttached = { ticketId: plan.ticketId, planId: plan.id };
    for (const listener of this.attachedListeners) {
      try {
        listener(notice);
      } catch (error) {
        // The link is stored; a desk that missed the notice sees the plan at the next call.
        this.logger.error({ err: error, planId: plan.id }, 'plan attached notice failed');
      }
    }
  }

  /** A kiosk reaches only what it saved itself; staff reach everything. */
  private forActor(id: string, actor: PlanActor, field: string): StoredPlan {
    const plan = this.store.byId(id);
    if (!plan) throw new HallError('NOT_FOUND', { field, message: '没有这份平面图：可能已超过保存期限被清除' });
    if (actor.kind === 'device' && plan.deviceId !== actor.device.id) throw new HallError('FORBIDDEN', { field, message: '只能查看本机保存的平面图' });
    return plan;
  }

  private openTicket(by: { id: string } | { token: string }, field: string): { id: string; number: string } {
    let status;
    try {
      status = this.hall.ticketStatus(by);
    } catch (error) {
      if (error instanceof HallError && error.code === 'TICKET_NOT_FOUND') throw new HallError('TICKET_NOT_FOUND', { field });
      throw error;
    }
    if (!openTicketStates.includes(status.ticket.state)) throw new HallError('INVALID_TRANSITION', { field, message: '该号已办结、过号或取消，不能关联平面图，请重新取号' });
    return { id: status.ticket.id, number: status.ticket.number };
  }

  private newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < submissionCodeLength; i++) code += submissionCodeAlphabet[randomInt(submissionCodeAlphabet.length)];
      if (!this.store.codeTaken(code)) return code;
    }
  }

  private receipt(p: StoredPlan, repeated: boolean, replaced: boolean): PlanReceipt {
    return {
      id: p.id,
      code: p.code,
      revision: p.revision,
      ruleSetId: p.ruleSetId,
      ticketId: p.ticketId,
      ticketNumber: p.ticketNumber,
      submissionId: p.submissionId,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      check: p.check,
      repeated,
      replaced,
    };
  }

  private detailOf(p: StoredPlan): PlanDetail {
    return {
      id: p.id,
      code: p.code,
      revision: p.revision,
      ruleSetId: p.ruleSetId,
      deviceId: p.deviceId,
      ticketId: p.ticketId,
      ticketNumber: p.ticketNumber,
      submissionId: p.submissionId,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      purgeAt: p.updatedAt + this.retentionDays * DAY,
      plan: p.plan,
      check: p.check,
    };
  }
}

/** Any plan version the kiosk may send → the current document, or 400 naming the first bad field under `plan.`. */
export function parseDocument(json: Record<string, unknown>): FloorPlan {
  const up = upgradePlan(json);
  if (!up.ok) {
    const first = up.problems[0]!;
    const field = first.slice(0, first.indexOf('：'));
    throw new HallError('VALIDATION_FAILED', { field: field.startsWith('（') ? 'plan' : `plan.${field}`, message: `平面图有误：${first}`, details: { problems: up.problems } });
  }
  const parsed = floorPlanSchema.safeParse(up.doc);
  if (parsed.success) {
    const far = farNumber(parsed.data, ['plan']);
    if (far) throw new HallError('VALIDATION_FAILED', { field: far, message: `平面图有误：${far.slice(5)}：长度超出范围（不超过 ${maxMetres} 米）` });
    return parsed.data;
  }
  const issues = parsed.error.issues.map((i) => ({ path: ['plan', ...i.path.map(String)].join('.'), message: i.message }));
  const first = issues[0]!;
  throw new HallError('VALIDATION_FAILED', {
    field: first.path,
    message: `平面图有误：${first.path.slice(5) || '（文档）'}：${first.message}${issues.length > 1 ? `（共${issues.length}处）` : ''}`,
    details: { problems: issues.slice(0, 50) },
  });
}

/** Coordinates and sizes beyond this many metres are not a restaurant (and would not print). */
const maxMetres = 10_000;

/** The path of the first drawn number (title block aside) farther than maxMetres from zero. */
function farNumber(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'number') return Math.abs(value) > maxMetres ? path.join('.') : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (path.length === 1 && k === 'title') continue;
    const found = farNumber(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

function creator(actor: PlanActor): string {
  return actor.kind === 'device' ? `device:${actor.device.id}` : `staff:${actor.staff.id}`;
}

/** Time-ordered and unique, like submission ids. */
function newPlanId(now: number): string {
  return `p${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
}
