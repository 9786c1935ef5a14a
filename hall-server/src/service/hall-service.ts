// The hall's use cases. Route and socket handlers validate their input, call one method
// here, and reply with what it returns. Each method runs the pure engine, hands the
// resulting events to the commit queue, and resolves only once they are durable; then the
// events go to every listener (the Socket.IO hub) in sequence order.
import { randomUUID, createHash } from 'node:crypto';
import { randomToken } from './random.ts';
import type { Logger } from 'pino';
import { HallError } from '@hall/common/errors';
import type { Actor, Category, CategoryStats, Device, Staff, WindowState } from '@hall/common/domain';
import type { CallView, HallEvent, HallEventType, HallSnapshot, PublicSettings } from '@hall/common/events';
import { PROTOCOL_VERSION } from '@hall/common/events';
import type {
  ClerkDayStats,
  HelpRequest,
  IssueTicketCommand,
  IssuedTicket,
  KeypadActionRequest,
  TicketStatus,
  WindowActionResult,
} from '@hall/common/api';
import type { TicketSlip } from '@hall/common/ticket-slip';
import { formatLocalIso, hallDayOf } from '@hall/common/time';
import { QueueEngine } from '../queue/index.ts';
import type { CloseChoice, DomainEvent, HallConfig, Ticket, TransferTarget } from '../queue/types.ts';
import type { Db } from '../store/db.ts';
import type { WriteOp } from '../store/write-op.ts';
import { ConfigStore, type ConfigData } from '../store/config-store.ts';
import { TicketStore } from '../store/ticket-store.ts';
import { AuditStore } from '../store/audit-store.ts';
import { AccountStore } from '../store/account-store.ts';
import { HelpStore } from '../store/help-store.ts';
import { FiguresStore } from '../store/figures-store.ts';
import { Latencies } from './latency.ts';
import { CommitQueue } from './commit-queue.ts';
import { toHallEvent, toTicketView } from './views.ts';
import { checkIdentity, loadOrCreateSecret } from './identity.ts';
import { assertMaySignIn } from '../auth/window-assignment.ts';

export type EventListener = (events: HallEvent[]) => void;

export interface HallServiceOptions {
  db: Db;
  clock: () => number;
  logger: Logger;
  /** Defer commits to this scheduler (tests may flush by hand); default setImmediate. */
  schedule?: (fn: () => void) => void;
  /**
   * Demo only: every category may be drawn at any hour on any day, so that a newcomer
   * trying the demo at night is not turned away. The stored hours are left untouched.
   */
  alwaysOpen?: boolean;
  /** Runs broadcasts after replies; default setImmediate. */
  deferPublish?: (fn: () => void) => void;
  /**
   * Commit the queue's writes on a thread of their own (file databases); default on unless a
   * `schedule` is given (tests that step commits by hand want them on the main thread).
   */
  commitThread?: boolean;
}

const RECENT_CALLS = 20;
const IDEMPOTENCY_DAYS = 2;

/** Everything that may act on a window: a signed-in clerk, or the window's own device agent. */
export type WindowActor = { kind: 'staff'; staff: Staff } | { kind: 'device'; device: Device };

export type WindowAction =
  | { action: 'signIn' }
  | { action: 'signOut' }
  | { action: 'pause'; reason: string }
  | { action: 'resume' }
  | { action: 'callNext'; closeCurrent?: CloseChoice }
  | { action: 'call'; ticketId: string; reason: string; closeCurrent?: CloseChoice }
  | { action: 'recall' }
  | { action: 'start' }
  | { action: 'finish' }
  | { action: 'noShow' }
  | { action: 'hold' }
  | { action: 'callBack'; ticketId: string }
  | { action: 'transfer'; target: TransferTarget }
  | { action: 'reactivate'; ticketId: string }
  | { action: 'cancel'; ticketId: string; reason: string };

export class HallService {
  readonly db: Db;
  readonly config: ConfigStore;
  readonly tickets: TicketStore;
  readonly audit: AuditStore;
  readonly accounts: AccountStore;
  readonly help: HelpStore;
  readonly figures: FiguresStore;
  readonly commits: CommitQueue;
  /** Server-side times of commands and commits, for the health page. */
  readonly latencies = new Latencies();
  private readonly clock: () => number;
  private readonly logger: Logger;
  private readonly alwaysOpen: boolean;
  private readonly deferPublish: (fn: () => void) => void;
  private readonly secret: Buffer;
  private data!: ConfigData;
  private engine!: QueueEngine;
  private seq = 0;
  private recentCalls: CallView[] = [];
  private helpRequests: HelpRequest[] = [];
  private readonly listeners = new Set<EventListener>();
  /** Issuances whose batch has not committed yet, by idempotency key. */
  private readonly inFlight = new Map<string, { hash: string; result: Promise<IssuedTicket> }>();

  constructor(options: HallServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.logger = options.logger;
    this.alwaysOpen = options.alwaysOpen ?? false;
    this.deferPublish = options.deferPublish ?? setImmediate;
    this.config = new ConfigStore(this.db);
    this.tickets = new TicketStore(this.db);
    this.audit = new AuditStore(this.db);
    this.accounts = new AccountStore(this.db);
    this.help = new HelpStore(this.db);
    this.figures = new FiguresStore(this.db);
    this.secret = loadOrCreateSecret(this.db, 'person-key');
    this.commits = new CommitQueue(this.db, (error) => this.recover(error), {
      thread: options.commitThread ?? options.schedule === undefined,
      latencies: this.latencies,
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    this.load();
  }

  // ---------------------------------------------------------------- lifecycle

  /** (Re)builds the in-memory state from the database: at start, and after a failed commit. */
  private load(): void {
    this.data = this.config.load();
    const now = this.clock();
    const today = hallDayOf(now, this.data.settings.timeZone);
    this.engine = new QueueEngine(this.engineConfig(), this.tickets.loadEngineSnapshot(today));
    this.seq = this.tickets.lastSeq();
    this.recentCalls = this.tickets
      .recentCallEvents(today, RECENT_CALLS)
      .map((e) => this.callView(e))
      .filter((c): c is CallView => c !== null);
    this.helpRequests = this.help.open();
    this.inFlight.clear();
  }

  private recover(error: unknown): void {
    this.logger.error({ err: error }, 'a commit failed; reloading the hall state from the database');
    this.load();
    // Clients may have seen nothing of the lost batch, but their next events would skip
    // the sequence numbers it had taken: tell them to start again from a snapshot.
    for (const listener of this.resyncListeners) listener();
  }

  private readonly resyncListeners = new Set<() => void>();

  /** Called when every client must drop its state and take a fresh snapshot. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastSeq(): number {
    return this.seq;
  }

  get hallDay(): string {
    return this.engine.hallDay;
  }

  get settings() {
    return this.data.settings;
  }

  get configData(): ConfigData {
    return this.data;
  }

  now(): number {
    return this.clock();
  }

  /** Turns the hall day when local midnight has passed; called by a timer and before commands. */
  async tick(): Promise<void> {
    await this.turnDay(this.clock());
  }

  /**
   * Turns the day before a command reads the engine, so that it sees today's queue. The turn
   * is committed in the same batch as the command that follows, whatever becomes of that.
   * A failed batch is handled by `recover`, so callers need not wait for this.
   */
  private turnDay(now: number): Promise<unknown> {
    const turned = this.engine.rollover(now);
    return turned.length ? this.commit(turned).catch(() => undefined) : Promise.resolve();
  }

  // ---------------------------------------------------------------- reads

  /** A snapshot consistent with the last committed event. */
  async snapshot(device: Device | null = null): Promise<HallSnapshot> {
    await this.commits.settled();
    // The device's record as it is now: an admin may have changed a board's settings since it connected.
    return this.buildSnapshot(device ? (this.accounts.device(device.id)?.device ?? device) : null);
  }

  private buildSnapshot(device: Device | null): HallSnapshot {
    const now = this.clock();
    const s = this.data.settings;
    const settings: PublicSettings = {
      name: s.name,
      timeZone: s.timeZone,
      weekdayHours: s.weekdayHours,
      weekendHours: s.weekendHours,
      publicBaseUrl: s.publicBaseUrl,
      hotline: s.hotline,
      recallLimit: s.recallLimit,
    };
    const categories = this.data.categories.filter((c) => c.enabled);
    // Kiosks show figures only: no ticket list (thousands of rows by midday) and no calls.
    const figuresOnly = device?.kind === 'kiosk';
    const availability: HallSnapshot['availability'] = {};
    for (const c of categories) availability[c.id] = this.engine.availability(c.id, now);
    return {
      protocol: PROTOCOL_VERSION,
      seq: this.seq,
      now,
      hallDay: this.engine.hallDay,
      settings,
      categories,
      windows: this.data.windows.filter((w) => w.enabled),
      windowStates: this.engine.windowStates(),
      stats: this.engine.allStats(now),
      availability,
      tickets: figuresOnly ? [] : this.engine.openTickets().map(toTicketView),
      recentCalls: figuresOnly ? [] : this.recentCalls,
      helpRequests: this.helpRequests,
      notices: this.data.notices.filter((n) => n.enabled && (n.startsAt === null || n.startsAt <= now) && (n.endsAt === null || n.endsAt > now)),
      device: device ? { id: device.id, kind: device.kind, name: device.name, windowId: device.windowId, board: device.board } : null,
    };
  }

  categoriesWithStats() {
    const now = this.clock();
    return this.data.categories
      .filter((c) => c.enabled)
      .map((category) => ({ category, stats: this.engine.stats(category.id, now), availability: this.engine.availability(category.id, now) }));
  }

  /** A ticket's status by id (staff, devices) or by the token in its QR (anyone holding it). */
  ticketStatus(by: { id: string } | { token: string }): TicketStatus {
    const now = this.clock();
    const live = 'id' in by ? this.engine.ticket(by.id) : undefined;
    const ticket = live ?? ('id' in by ? this.tickets.ticketById(by.id) : this.liveOrStoredByToken(by.token));
    if (!ticket) throw new HallError('TICKET_NOT_FOUND');
    const category = this.data.categories.find((c) => c.id === ticket.categoryId);
    const estimate = ticket.state === 'waiting' && this.engine.ticket(ticket.id) ? this.engine.estimate(ticket.id, now) : null;
    return {
      ticket: toTicketView(ticket),
      categoryName: category?.name ?? ticket.categoryId,
      peopleAhead: estimate?.peopleAhead ?? null,
      estimatedWaitMinutes: estimate?.estimatedWaitMinutes ?? null,
      windowNumber: ticket.windowId ? (this.windowNumber(ticket.windowId) ?? null) : null,
    };
  }

  private liveOrStoredByToken(token: string): Ticket | undefined {
    const stored = this.tickets.ticketByToken(token);
    return stored ? (this.engine.ticket(stored.id) ?? stored) : undefined;
  }

  windowState(windowId: string): WindowState | undefined {
    return this.engine.windowState(windowId);
  }

  /** Open tickets (any state but final) currently in a category. */
  openTicketsIn(categoryId: string): number {
    return this.engine.openTickets().filter((t) => t.categoryId === categoryId).length;
  }

  // ---------------------------------------------------------------- presence

  private readonly presence = new Map<string, number>();

  /** Counts a device's open connections; touching its last-seen time on each change. */
  markPresence(deviceId: string, delta: 1 | -1): void {
    const left = (this.presence.get(deviceId) ?? 0) + delta;
    if (left <= 0) this.presence.delete(deviceId);
    else this.presence.set(deviceId, left);
    // Through the commit queue: a hall of kiosks reconnecting at once must not cost one fsync each.
    const at = this.clock();
    this.commits.enqueueOps([this.accounts.touchDeviceOp(deviceId, at)]).catch(() => undefined);
  }

  onlineDevices(): string[] {
    return [...this.presence.keys()];
  }

  // ---------------------------------------------------------------- issuing

  issueTicket(cmd: IssueTicketCommand, issuer: Actor): Promise<IssuedTicket> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([cmd.categoryId, cmd.identity?.idNumber ?? null, cmd.priority, cmd.reprintExisting]))
      .digest('base64url');
    const pending = this.inFlight.get(cmd.idempotencyKey);
    if (pending) {
      if (pending.hash !== requestHash) return Promise.reject(new HallError('IDEMPOTENCY_CONFLICT'));
      return pending.result.then((r) => ({ ...r, reprint: true }));
    }
    const seen = this.tickets.findIdempotency(cmd.idempotencyKey);
    if (seen) {
      if (seen.requestHash !== requestHash) return Promise.reject(new HallError('IDEMPOTENCY_CONFLICT'));
      const ticket = this.engine.ticket(seen.ticketId) ?? this.tickets.ticketById(seen.ticketId);
      if (!ticket) return Promise.reject(new HallError('TICKET_NOT_FOUND'));
      return this.commits.settled().then(() => this.issued(ticket, true));
    }

    const result = this.issueNew(cmd, issuer, requestHash);
    this.inFlight.set(cmd.idempotencyKey, { hash: requestHash, result });
    const forget = () => this.inFlight.delete(cmd.idempotencyKey);
    result.then(forget, forget);
    return result;
  }

  private async issueNew(cmd: IssueTicketCommand, issuer: Actor, requestHash: string): Promise<IssuedTicket> {
    const now = this.clock();
    void this.turnDay(now);
    const category = this.data.categories.find((c) => c.id === cmd.categoryId && c.enabled);
    if (!category) throw new HallError('CATEGORY_NOT_FOUND', { field: 'categoryId' });
    const checked = cmd.identity ? checkIdentity(cmd.identity, this.secret, this.engine.hallDay) : null;
    if (checked && category.onePerPerson) {
      const existing = this.engine.findWaiting(category.id, checked.personKey);
      if (existing) {
        if (cmd.reprintExisting) return this.commits.settled().then(() => this.issued(existing, true));
        throw new HallError('ALREADY_WAITING', { details: { ticketId: existing.id, number: existing.number } });
      }
    }
    const byAge = checked?.age != null && category.priorityAge !== null && checked.age >= category.priorityAge;
    const events = this.engine.issue(
      {
        categoryId: category.id,
        personKey: checked?.personKey ?? null,
        priority: cmd.priority || byAge,
        appointment: null,
        source: issuer.kind === 'device' ? 'kiosk' : 'staff',
        issuedBy: issuer.id,
        ticketId: newTicketId(now),
        publicToken: randomToken(16),
      },
      now,
    );
    const ticket = events[events.length - 1]!.ticket!;
    await this.commit(events, [this.tickets.idempotencyOp(cmd.idempotencyKey, ticket.id, requestHash, now)]);
    return this.issued(ticket, false);
  }

  private issued(ticket: Ticket, reprint: boolean): IssuedTicket {
    const now = this.clock();
    const live = this.engine.ticket(ticket.id) ?? ticket;
    const estimate = live.state === 'waiting' && this.engine.ticket(live.id) ? this.engine.estimate(live.id, now) : { peopleAhead: 0, estimatedWaitMinutes: null };
    return {
      ticket: toTicketView(live),
      publicToken: live.publicToken,
      slip: this.slip(live, estimate.peopleAhead, estimate.estimatedWaitMinutes),
      peopleAhead: estimate.peopleAhead,
      estimatedWaitMinutes: estimate.estimatedWaitMinutes,
      reprint,
    };
  }

  private slip(ticket: Ticket, peopleAhead: number, estimatedWaitMinutes: number | null): TicketSlip {
    const s = this.data.settings;
    const category = this.data.categories.find((c) => c.id === ticket.categoryId);
    const target = ticket.targetWindowId ? this.windowNumber(ticket.targetWindowId) : undefined;
    const notices = ['请留意叫号屏和语音提示，过号请到服务台。'];
    if (s.hotline) notices.push(`咨询电话：${s.hotline}`);
    const slip: TicketSlip = {
      hallName: s.name,
      categoryName: category?.name ?? ticket.categoryId,
      number: ticket.number,
      peopleAhead,
      estimatedWaitMinutes: estimatedWaitMinutes === null ? null : Math.round(estimatedWaitMinutes),
      issuedAt: formatLocalIso(ticket.issuedAt, s.timeZone),
      qrUrl: `${s.publicBaseUrl.replace(/\/$/, '')}/t/${ticket.publicToken}`,
      notices,
    };
    if (target !== undefined) slip.windowHint = `请到${target}号窗口`;
    return slip;
  }

  // ---------------------------------------------------------------- windows

  async windowAction(windowId: string, request: WindowAction, actor: WindowActor): Promise<WindowActionResult> {
    const now = this.clock();
    void this.turnDay(now);
    const who = this.authorizeWindow(windowId, request, actor);
    const events = this.runWindowAction(windowId, request, actor, who, now);
    // Keypad presses are staff actions too: the device and the clerk signed in are both recorded.
    const clerkId = this.engine.windowState(windowId)?.clerkId ?? null;
    const published = await this.commit(events, [
      this.audit.recordOp(now, who, `window.${request.action}`, windowId, who.kind === 'device' ? { ...auditDetail(request), clerkId } : auditDetail(request)),
    ]);
    const window = this.engine.windowState(windowId)!;
    const current = this.engine.currentTicket(windowId);
    return { window, ticket: current ? toTicketView(current) : null, seq: published.at(-1)?.seq ?? this.seq };
  }

  /** Keypad keys at a window act for the clerk signed in there. */
  async keypadAction(device: Device, request: KeypadActionRequest): Promise<WindowActionResult> {
    const windowId = device.windowId;
    if (!windowId) throw new HallError('FORBIDDEN', { message: '该设备未绑定窗口' });
    const actor: WindowActor = { kind: 'device', device };
    switch (request.action) {
      case 'pause':
        return this.windowAction(windowId, { action: 'pause', reason: request.reason ?? '暂停服务' }, actor);
      case 'callBack': {
        // A keypad cannot choose: it calls back the ticket this window held most recently.
        const held = this.engine
          .openTickets()
          .filter((t) => t.state === 'held' && t.windowId === windowId)
          .sort((a, b) => b.issuedAt - a.issuedAt)[0];
        if (!held) throw new HallError('TICKET_NOT_FOUND', { message: '本窗口没有挂起的号' });
        return this.windowAction(windowId, { action: 'callBack', ticketId: held.id }, actor);
      }
      case 'askRating': {
        const state = this.engine.windowState(windowId);
        const clerk = state?.clerkId ? this.accounts.staff(state.clerkId) : undefined;
        if (!state || !clerk) throw new HallError('WINDOW_NOT_OPEN');
        await this.requestRating(windowId, clerk, undefined);
        const current = this.engine.currentTicket(windowId);
        return { window: state, ticket: current ? toTicketView(current) : null, seq: this.seq };
      }
      default:
        return this.windowAction(windowId, { action: request.action }, actor);
    }
  }

  private authorizeWindow(windowId: string, request: WindowAction, actor: WindowActor): Actor {
    const window = this.data.windows.find((w) => w.id === windowId && w.enabled);
    if (!window) throw new HallError('WINDOW_NOT_FOUND', { field: 'windowId' });
    const state = this.engine.windowState(windowId);
    if (actor.kind === 'device') {
      if (actor.device.kind !== 'agent' || actor.device.windowId !== windowId) throw new HallError('WINDOW_NOT_YOURS');
      if (request.action === 'signIn' || request.action === 'signOut') throw new HallError('FORBIDDEN');
      if (!state || state.status === 'closed' || !state.clerkId) throw new HallError('WINDOW_NOT_OPEN');
      return { kind: 'device', id: actor.device.id };
    }
    const staff = actor.staff;
    if (request.action !== 'signIn' && state?.clerkId !== staff.id) throw new HallError('WINDOW_NOT_YOURS');
    // The account as it is now: a socket's staff record dates from its connection.
    if (request.action === 'signIn') assertMaySignIn(this.accounts.staff(staff.id) ?? staff, windowId, this.data.windows);
    return { kind: staff.role === 'admin' ? 'admin' : 'clerk', id: staff.id };
  }

  private runWindowAction(windowId: string, r: WindowAction, actor: WindowActor, who: Actor, now: number): DomainEvent[] {
    const e = this.engine;
    switch (r.action) {
      case 'signIn': {
        const staff = (actor as { kind: 'staff'; staff: Staff }).staff;
        return e.signIn(windowId, { id: staff.id, name: staff.displayName }, now);
      }
      case 'signOut':
        return e.signOut(windowId, who, now);
      case 'pause':
        return e.pause(windowId, r.reason, who, now);
      case 'resume':
        return e.resume(windowId, who, now);
      case 'callNext':
        return e.callNext(windowId, who, now, r.closeCurrent);
      case 'call':
        return e.callTicket(windowId, r.ticketId, r.reason, who, now, r.closeCurrent);
      case 'recall':
        return e.recall(windowId, who, now);
      case 'start':
        return e.start(windowId, who, now);
      case 'finish':
        return e.finish(windowId, who, now);
      case 'noShow':
        return e.noShow(windowId, who, now);
      case 'hold':
        return e.hold(windowId, who, now);
      case 'callBack':
        return e.callBack(windowId, r.ticketId, who, now);
      case 'transfer':
        if (r.target.toCategoryId && !this.data.categories.some((c) => c.id === r.target.toCategoryId && c.enabled)) {
          throw new HallError('CATEGORY_NOT_FOUND', { field: 'toCategoryId' });
        }
        if (r.target.toWindowId && !this.data.windows.some((w) => w.id === r.target.toWindowId && w.enabled)) {
          throw new HallError('WINDOW_NOT_FOUND', { field: 'toWindowId' });
        }
        return e.transfer(windowId, r.target, who, now);
      case 'reactivate':
        return e.reactivate(r.ticketId, who, now);
      case 'cancel':
        return e.cancel(r.ticketId, r.reason, who, now);
    }
  }

  /** A citizen or staff member cancels a waiting ticket outside any window. */
  async cancelTicket(ticketId: string, reason: string, actor: Actor): Promise<TicketStatus> {
    const now = this.clock();
    void this.turnDay(now);
    await this.commit(this.engine.cancel(ticketId, reason, actor, now));
    return this.ticketStatus({ id: ticketId });
  }

  // ---------------------------------------------------------------- devices and ratings

  async reportDeviceFaults(device: Device, faults: Array<{ device: string; code: string; message: string }>): Promise<void> {
    const now = this.clock();
    const before = this.accounts.device(device.id)?.faults ?? [];
    const merged = faults.map((f) => ({ ...f, since: before.find((b) => b.device === f.device && b.code === f.code)?.since ?? now }));
    const changed = JSON.stringify(before.map(({ since: _s, ...f }) => f)) !== JSON.stringify(faults);
    if (!changed) return;
    await this.commitCustom('device:statusChanged', { kind: 'device', id: device.id }, { deviceId: device.id, faults: merged }, () => {
      this.accounts.setFaults(device.id, merged);
    });
  }

  async recordRating(device: Device, level: string, ticketId: string | undefined): Promise<void> {
    if (!device.windowId) throw new HallError('FORBIDDEN', { message: '该设备未绑定窗口' });
    const now = this.clock();
    const windowId = device.windowId;
    await this.commitCustom('rating:received', { kind: 'device', id: device.id }, { windowId, level, ticketId: ticketId ?? null }, () => {
      this.audit.recordRating(now, ticketId ?? null, windowId, level, device.id);
    });
  }

  /** A kiosk asks for staff (请工作人员帮助). */
  async requestHelp(device: Device, note: string, ticketId: string | null): Promise<HelpRequest> {
    const request: HelpRequest = {
      id: randomUUID(),
      deviceId: device.id,
      deviceName: device.name,
      at: this.clock(),
      note,
      ticketId,
      resolvedAt: null,
      resolvedBy: null,
    };
    await this.commitCustom('help:requested', { kind: 'device', id: device.id }, { request }, () => this.help.put(request));
    return request;
  }

  async resolveHelp(requestId: string, actor: Actor): Promise<HelpRequest> {
    const open = this.helpRequests.find((r) => r.id === requestId);
    if (!open) throw new HallError('NOT_FOUND', { field: 'requestId', message: '该求助已处理或不存在' });
    const resolved: HelpRequest = { ...open, resolvedAt: this.clock(), resolvedBy: actor.id };
    await this.commitCustom('help:resolved', actor, { request: resolved }, () => this.help.put(resolved));
    return resolved;
  }

  /** The clerk asks the citizen to rate; the window's evaluator (through its agent) lights up. */
  async requestRating(windowId: string, staff: Staff, ticketId: string | undefined): Promise<void> {
    const state = this.engine.windowState(windowId);
    if (!state || state.clerkId !== staff.id) throw new HallError('WINDOW_NOT_YOURS');
    const windowNumber = this.windowNumber(windowId);
    await this.commitCustom('rating:requested', { kind: 'clerk', id: staff.id }, { windowId, windowNumber, ticketId: ticketId ?? null }, () => {});
  }

  clerkDayStats(staffId: string): ClerkDayStats {
    return this.figures.clerkDay(staffId, this.engine.hallDay);
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Applies an admin change: `write` updates the database inside the batch, then the engine
   * takes the new configuration and every client hears `config:changed`.
   */
  async changeConfig(actor: Actor, action: string, target: string, write: () => void, detail: Record<string, unknown> = {}): Promise<number> {
    const now = this.clock();
    let published: HallEvent[];
    try {
      published = await this.commitCustom('config:changed', actor, { action, target }, () => {
        write();
        this.audit.record(now, actor, action, target, detail);
        // Read back inside the transaction, so memory follows exactly what was written.
        this.data = this.config.load();
        this.engine.setConfig(this.engineConfig());
      });
    } catch (error) {
      throw translateConstraint(error);
    }
    return published[0]!.seq;
  }

  /** Writes audited outside the queue (logins, pairing). */
  async recordAudit(actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
    const now = this.clock();
    await this.commits.enqueue(() => this.audit.record(now, actor, action, target, detail));
  }

  private engineConfig(): HallConfig {
    const { settings, categories, windows, calendar } = this.data;
    if (!this.alwaysOpen) return { settings, categories, windows, calendar };
    const allDay = [{ start: '00:00', end: '23:59' }];
    return {
      settings: { ...settings, weekdayHours: allDay, weekendHours: allDay },
      categories: categories.map((c) => ({ ...c, hours: null, weekendService: true })),
      windows,
      calendar: [],
    };
  }

  // ---------------------------------------------------------------- commit and publish

  private commit(domainEvents: DomainEvent[], extra: WriteOp[] = []): Promise<HallEvent[]> {
    const now = this.clock();
    const touched = new Set<string>();
    const events = domainEvents.map((d) => {
      if (d.ticket) {
        touched.add(d.ticket.categoryId);
        const last = d.ticket.transfers.at(-1);
        if (d.type === 'ticket:transferred' && last) touched.add(last.fromCategoryId);
      }
      const windowId = d.window?.windowId ?? d.ticket?.windowId ?? null;
      if (d.window) for (const c of this.windowCategories(d.window.windowId)) touched.add(c);
      const callish = d.type === 'ticket:called' || d.type === 'ticket:recalled';
      return { domain: d, hall: toHallEvent(d, ++this.seq, windowId && (callish || d.window) ? this.windowNumber(windowId) : undefined) };
    });
    const stats: CategoryStats[] = [...touched].filter((c) => this.data.categories.some((x) => x.id === c)).map((c) => this.engine.stats(c, now));
    for (const e of events) e.hall.stats = stats;
    const ops: WriteOp[] = [];
    for (const { domain, hall } of events) {
      ops.push(this.tickets.eventOp(hall, domain.ticket?.id ?? null, domain.window?.windowId ?? domain.ticket?.windowId ?? null));
      if (domain.ticket) ops.push(this.tickets.ticketOp(domain.ticket));
      if (domain.window) ops.push(this.tickets.windowOp(domain.window));
    }
    ops.push(...extra);
    return this.commits.enqueueOps(ops).then(() => this.published(events.map((e) => e.hall)));
  }

  private commitCustom(type: HallEventType, actor: Actor, detail: Record<string, unknown>, write: () => void): Promise<HallEvent[]> {
    const now = this.clock();
    const event: HallEvent = { seq: ++this.seq, type, at: now, hallDay: this.engine.hallDay, actor, detail, stats: [] };
    return this.commits
      .enqueue(() => {
        write();
        this.tickets.appendEvent(event, null, null);
      })
      .then(() => {
        if (type === 'config:changed') event.stats = this.engine.allStats(this.clock());
        return this.published([event]);
      });
  }

  /**
   * Committed events go out after the command's own reply: the caller's continuation runs
   * in this turn's microtasks, the broadcast in the next macrotask, in commit order.
   */
  private published(events: HallEvent[]): HallEvent[] {
    this.deferPublish(() => this.publish(events));
    return events;
  }

  private publish(events: HallEvent[]): HallEvent[] {
    for (const e of events) {
      if (e.type === 'help:requested' || e.type === 'help:resolved') {
        const request = e.detail?.request as HelpRequest;
        this.helpRequests = e.type === 'help:requested' ? [...this.helpRequests, request] : this.helpRequests.filter((r) => r.id !== request.id);
      }
      const call = this.callView(e);
      if (call) {
        this.recentCalls = [call, ...this.recentCalls].slice(0, RECENT_CALLS);
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error({ err: error }, 'an event listener failed');
      }
    }
    return events;
  }

  private callView(e: HallEvent): CallView | null {
    if ((e.type !== 'ticket:called' && e.type !== 'ticket:recalled') || !e.ticket?.windowId) return null;
    const windowNumber = e.windowNumber ?? this.windowNumber(e.ticket.windowId);
    if (windowNumber === undefined) return null;
    return {
      ticketId: e.ticket.id,
      number: e.ticket.number,
      categoryId: e.ticket.categoryId,
      windowId: e.ticket.windowId,
      windowNumber,
      at: e.at,
      recall: e.type === 'ticket:recalled',
    };
  }

  private windowNumber(windowId: string): number | undefined {
    return this.data.windows.find((w) => w.id === windowId)?.number;
  }

  private windowCategories(windowId: string): string[] {
    return this.data.windows.find((w) => w.id === windowId)?.categories.map((c) => c.categoryId) ?? [];
  }

  // ---------------------------------------------------------------- housekeeping

  /** Forgets personal data past the retention period. */
  async purgePersonalData(): Promise<void> {
    const now = this.clock();
    const day = 86_400_000;
    let cleared = 0;
    await this.commits.enqueue(() => {
      cleared = this.tickets.purge(now - this.data.settings.personalDataRetentionDays * day, now - IDEMPOTENCY_DAYS * day);
      this.accounts.purgeSessions(now);
    });
    if (cleared) this.logger.info({ cleared }, 'personal data past its retention period purged');
  }

  categoryById(id: string): Category | undefined {
    return this.data.categories.find((c) => c.id === id);
  }
}

/** Time-ordered and unique: sorts by issue time in the database and in logs. */
function newTicketId(now: number): string {
  return `${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
}

function auditDetail(request: WindowAction): Record<string, unknown> {
  const { action: _action, ...rest } = request;
  return rest;
}

function translateConstraint(error: unknown): unknown {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_CONSTRAINT')) {
    const field = /categories\.prefix/.test(error.message)
      ? 'prefix'
      : /windows\.number/.test(error.message)
        ? 'number'
        : /staff\.username/.test(error.message)
          ? 'username'
          : undefined;
    return new HallError('CONFLICT', field ? { field } : {});
  }
  return error;
}
