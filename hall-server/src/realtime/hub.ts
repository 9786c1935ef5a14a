// The Socket.IO hub: one namespace per role, a snapshot on connect, then every committed
// event in sequence. Handlers are thin: validate, call one use case, acknowledge.
import type { Namespace, Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { HallError, type Reply } from '@hall/common/errors';
import { PROTOCOL_VERSION, digestedEventTypes, namespaces, type EventDigest, type HallEvent, type Role } from '@hall/common/events';
import type { CategoryStats } from '@hall/common/domain';
import type { HallService } from '../service/hall-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { toErrorBody, validationError } from '../service/error-body.ts';
import { isLoopback, sessionCookie } from '../service/net.ts';
import { registerCommands, type CommandSpec, type Principal } from './commands.ts';

export interface HubOptions {
  /** Demo mode: a kiosk, board or agent connecting from this machine without a token is pre-paired. */
  demoAutoPair: boolean;
  logger: Logger;
  /** How long figure-only events gather before kiosks get them as one digest (ms). */
  kioskDigestMs?: number;
}

/** Kiosks redraw waiting counts four times a second at most, however busy the hall. */
export const KIOSK_DIGEST_MS = 250;

/** Broadcast order: citizens watching boards are waiting; kiosks, which only show counts, last. */
const urgency: Role[] = ['board', 'agent', 'counter', 'admin', 'kiosk'];

export class Hub {
  private readonly spaces: Namespace[] = [];
  /** Every namespace but the kiosks', which gets digests. */
  private readonly eventSpaces: Namespace[] = [];
  private kioskSpace: Namespace | undefined;

  constructor(
    private readonly io: Server,
    private readonly hall: HallService,
    private readonly auth: AuthService,
    private readonly options: HubOptions,
  ) {
    for (const role of urgency) this.setUp(role);
    hall.onEvents((events) => this.broadcast(events));
    hall.onResync(() => this.resyncAll());
  }

  private resyncAll(): void {
    // Whatever was gathering for kiosks may describe events the failed batch took back.
    clearTimeout(this.digestTimer);
    this.digest = null;
    for (const space of this.spaces) {
      for (const socket of space.sockets.values()) {
        const principal = socket.data.principal as Principal;
        void this.hall.snapshot(principal.device).then((s) => socket.emit('hall:snapshot', s));
      }
    }
  }

  private outbox: HallEvent[] = [];

  /**
   * Events published in one turn of the event loop (a whole commit batch) leave as one frame
   * per socket: a write per socket is what a broadcast costs, not its size.
   */
  private broadcast(events: HallEvent[]): void {
    if (this.outbox.length === 0) setImmediate(() => this.flushOutbox());
    this.outbox.push(...events);
  }

  private flushOutbox(): void {
    const batch = this.outbox;
    this.outbox = [];
    // Socket.IO encodes a broadcast before it looks for receivers: skip empty namespaces.
    for (const space of this.eventSpaces) if (space.sockets.size > 0) space.emit('hall:events', batch);
    this.toKiosks(batch);
  }

  // Kiosks: figure-only events are folded into the pending digest, which leaves when its time
  // is up or just before an event that must arrive whole (the sequence stays in order).
  private digest: { fromSeq: number; seq: number; hallDay: string; stats: Map<string, CategoryStats> } | null = null;
  private digestTimer: ReturnType<typeof setTimeout> | undefined;

  private toKiosks(events: HallEvent[]): void {
    let whole: HallEvent[] = [];
    for (const event of events) {
      if (!digestedEventTypes.has(event.type)) {
        whole.push(event);
        continue;
      }
      if (whole.length > 0) {
        this.flushDigest();
        this.kioskSpace?.emit('hall:events', whole);
        whole = [];
      }
      if (!this.digest) {
        this.digest = { fromSeq: event.seq, seq: event.seq, hallDay: event.hallDay, stats: new Map() };
        this.digestTimer = setTimeout(() => this.flushDigest(), this.options.kioskDigestMs ?? KIOSK_DIGEST_MS);
      }
      this.digest.seq = event.seq;
      for (const stats of event.stats) this.digest.stats.set(stats.categoryId, stats);
    }
    if (whole.length > 0) {
      this.flushDigest();
      this.kioskSpace?.emit('hall:events', whole);
    }
  }

  private flushDigest(): void {
    clearTimeout(this.digestTimer);
    const d = this.digest;
    if (!d) return;
    this.digest = null;
    const digest: EventDigest = { fromSeq: d.fromSeq, seq: d.seq, hallDay: d.hallDay, stats: [...d.stats.values()] };
    this.kioskSpace?.emit('hall:digest', digest);
  }

  private setUp(role: Role): void {
    const space = this.io.of(namespaces[role]);
    this.spaces.push(space);
    if (role === 'kiosk') this.kioskSpace = space;
    else this.eventSpaces.push(space);
    space.use((socket, next) => {
      try {
        socket.data.principal = this.authenticate(role, socket);
        next();
      } catch (error) {
        const body = toErrorBody(error, this.options.logger);
        const err = new Error(body.message) as Error & { data: unknown };
        err.data = body;
        next(err);
      }
    });
    space.on('connection', (socket) => this.connected(role, socket));
  }

  private authenticate(role: Role, socket: Socket): Principal {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    if (auth.protocol !== PROTOCOL_VERSION) {
      throw new HallError('PROTOCOL_MISMATCH', {
        message: `程序版本与服务器不一致（客户端协议 ${shown(auth.protocol)}，服务器协议 ${PROTOCOL_VERSION}），请刷新页面或升级设备程序`,
        details: { server: PROTOCOL_VERSION },
      });
    }
    // The session cookie is a staff credential: it never stands in for a device token (a
    // kiosk page opened in a browser where someone signed in at /staff stays a kiosk).
    const staffRole = role === 'counter' || role === 'admin';
    const token = typeof auth.token === 'string' ? auth.token : staffRole ? sessionCookie(socket.handshake.headers.cookie) : undefined;
    if (role === 'counter' || role === 'admin') {
      const staff = this.auth.staffFor(token);
      if (!staff) throw new HallError('UNAUTHENTICATED');
      if (role === 'admin' && staff.role !== 'admin') throw new HallError('FORBIDDEN');
      return { staff, device: null };
    }
    const kind = role === 'agent' ? 'agent' : role;
    let device = this.auth.deviceFor(token);
    if (!device && !token && this.options.demoAutoPair && isLoopback(socket.handshake.address)) {
      const wanted = typeof auth.deviceId === 'string' ? auth.deviceId : undefined;
      device = this.hall.accounts
        .listDevices()
        .map((r) => r.device)
        .find((d) => d.enabled && d.kind === kind && (wanted === undefined || d.id === wanted));
    }
    if (!device || device.kind !== kind) throw new HallError('DEVICE_NOT_PAIRED');
    return { staff: null, device };
  }

  private connected(role: Role, socket: Socket): void {
    const principal = socket.data.principal as Principal;
    const deviceId = principal.device?.id;
    if (deviceId) {
      this.hall.markPresence(deviceId, 1);
      socket.on('disconnect', () => this.hall.markPresence(deviceId, -1));
    }
    const commands = registerCommands(role, principal, this.hall);
    for (const [name, { schema, handler }] of Object.entries(commands)) {
      this.listen(socket, name, schema, handler);
    }
    const known = new Set(Object.keys(commands));
    socket.onAny((name: unknown, ...args: unknown[]) => {
      if (typeof name === 'string' && known.has(name)) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') {
        ack({ ok: false, error: new HallError('NOT_FOUND', { message: `未知的命令：${String(name).slice(0, 40)}` }).toBody() } satisfies Reply<never>);
      }
    });
    this.hall.snapshot(principal.device).then(
      (snapshot) => socket.emit('hall:snapshot', snapshot),
      (error: unknown) => this.options.logger.error({ err: error }, 'snapshot on connect failed'),
    );
  }

  private listen(socket: Socket, name: string, schema: z.ZodType, handler: CommandSpec['handler']): void {
    socket.on(name, (...args: unknown[]) => {
      const received = performance.now();
      const ack = args.at(-1);
      if (typeof ack !== 'function') return; // a command without a callback cannot be answered
      const reply = ack as (r: Reply<unknown>) => void;
      const payload = args.length > 1 ? args[0] : {};
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) {
        reply({ ok: false, error: validationError(parsed.error).toBody() });
        return;
      }
      let result: Promise<unknown>;
      try {
        result = Promise.resolve((handler as (payload: unknown) => unknown)(parsed.data));
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (data) => {
          reply({ ok: true, data });
          this.hall.latencies.record(name, performance.now() - received);
        },
        (error: unknown) => reply({ ok: false, error: toErrorBody(error, this.options.logger, { command: name }) }),
      );
    });
  }
}


/** A handshake value fit to quote in a message: numbers and short strings only. */
function shown(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value).slice(0, 20) : '未知';
}
