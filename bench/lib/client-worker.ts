// The client process: real socket.io-client sockets (websocket transport), driven by the
// benchmark over IPC. It never shares a process with the server. Every time is taken with
// performance.now() in this one process, so a reply and the broadcasts it causes are
// compared on the same clock.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type HallEvent } from '@hall/common/events';
import type { Reply } from '@hall/common/errors';
import type { IssuedTicket, WindowActionResult } from '@hall/common/api';
import { serveWorker } from './ipc.ts';
import { summarize, type Summary } from './stats.ts';

interface Group {
  sockets: Socket[];
  disconnects: number;
}
/** Why sockets dropped: 'ping timeout' (this side heard nothing in time), 'transport close' (the server closed), … */
const disconnectReasons: Record<string, number> = {};

/**
 * How late this process's event loop ran during a load run: everything measured here (send
 * times, arrivals) can be late by about this much. Large values mean the client process,
 * not only the server, was short of CPU.
 */
const loopResolutionMs = 5;
const loopDelay = monitorEventLoopDelay({ resolution: loopResolutionMs });
loopDelay.enable();
/** This process's garbage collections meanwhile: each stops the loop, so a reply can be read late. */
let gc = { count: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  gcCount: number;
  gcMaxMs: number;
}
function takeLoopDelay(): LoopDelay {
  // Each value includes the sampling interval itself.
  const late = (ns: number) => Math.max(0, ns / 1e6 - loopResolutionMs);
  const d = { p50: late(loopDelay.percentile(50)), p99: late(loopDelay.percentile(99)), max: late(loopDelay.max), gcCount: gc.count, gcMaxMs: gc.maxMs };
  loopDelay.reset();
  gc = { count: 0, maxMs: 0 };
  return d;
}
const groups = new Map<string, Group>();
/** ticket id → arrival times of its `ticket:called` at recording sockets (boards). */
const callArrivals = new Map<string, number[]>();
let keySeq = 0;
const keyPrefix = randomBytes(6).toString('base64url');
const nextKey = () => `${keyPrefix}-${(keySeq++).toString(36)}`;

function group(name: string): Group {
  const g = groups.get(name);
  if (!g) throw new Error(`no socket group ${name}`);
  return g;
}

export interface ConnectRequest {
  group: string;
  url: string;
  ns: string;
  /** One handshake `auth` per socket (the protocol version is added). */
  auths: Array<Record<string, unknown>>;
  /** Record when each `ticket:called` arrives (boards). */
  recordCalls?: boolean;
  concurrency?: number;
}

function connectOne(url: string, auth: Record<string, unknown>, recordCalls: boolean, g: Group): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { protocol: PROTOCOL_VERSION, ...auth }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error('no snapshot within 20 s'));
    }, 20_000);
    if (recordCalls) {
      const record = (e: HallEvent, t: number) => {
        const id = e.ticket?.id;
        if (!id) return;
        let list = callArrivals.get(id);
        if (!list) callArrivals.set(id, (list = []));
        list.push(t);
      };
      socket.on('hall:events', (batch: HallEvent[]) => {
        const t = performance.now();
        for (const e of batch) if (e.type === 'ticket:called') record(e, t);
      });
    }
    socket.once('hall:snapshot', () => {
      clearTimeout(timer);
      socket.on('disconnect', (reason: string) => {
        g.disconnects++;
        disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
      });
      resolve(socket);
    });
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`connect_error: ${err.message} ${JSON.stringify(err.data ?? '')}`));
    });
  });
}

async function connect(r: ConnectRequest): Promise<{ connected: number; ms: number }> {
  const t0 = performance.now();
  const g: Group = groups.get(r.group) ?? { sockets: [], disconnects: 0 };
  groups.set(r.group, g);
  const concurrency = r.concurrency ?? 25;
  let next = 0;
  const url = r.url + r.ns;
  const slots = Array.from({ length: Math.min(concurrency, r.auths.length) }, async () => {
    while (next < r.auths.length) {
      const i = next++;
      g.sockets[i] = await connectOne(url, r.auths[i]!, r.recordCalls ?? false, g);
    }
  });
  await Promise.all(slots);
  return { connected: g.sockets.length, ms: performance.now() - t0 };
}

function emit<T>(socket: Socket, name: string, payload: unknown, timeoutMs = 15_000): Promise<Reply<T>> {
  return socket.timeout(timeoutMs).emitWithAck(name, payload) as Promise<Reply<T>>;
}

function countError(codes: Record<string, number>, error: unknown): void {
  const code =
    error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : error instanceof Error ? error.message.slice(0, 40) : String(error);
  codes[code] = (codes[code] ?? 0) + 1;
}

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** Acknowledged issuances whose reply arrived inside the measured window. */
  okInWindow: number;
  windowMs: number;
  latency: Summary;
  /** Open-loop only: worst lateness of a send against its schedule (client-side timer lag). */
  maxSendLagMs?: number;
  clientLoopDelay: LoopDelay;
}

export interface ClosedLoopRequest {
  group: string;
  categories: string[];
  warmupMs: number;
  durationMs: number;
  /** Stop after this many acknowledged issuances (preloading), instead of a duration. */
  count?: number;
}

/** Each socket issues, waits for its acknowledgement, issues again: as fast as the server allows. */
async function issueClosedLoop(r: ClosedLoopRequest): Promise<LoadResult> {
  const g = group(r.group);
  takeLoopDelay();
  const start = performance.now();
  const from = start + r.warmupMs;
  const until = r.count !== undefined ? Number.POSITIVE_INFINITY : from + r.durationMs;
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let errors = 0;
  let okInWindow = 0;
  let c = 0;
  let lastReply = from;
  const done = () => (r.count !== undefined ? ok + errors >= r.count || sent >= r.count : performance.now() >= until);
  await Promise.all(
    g.sockets.map(async (socket) => {
      while (!done()) {
        const categoryId = r.categories[c++ % r.categories.length]!;
        const t0 = performance.now();
        sent++;
        try {
          const reply = await emit<IssuedTicket>(socket, 'ticket:issue', { idempotencyKey: nextKey(), categoryId });
          const t1 = performance.now();
          if (reply.ok) {
            ok++;
            if (t0 >= from && t1 <= until) {
              okInWindow++;
              latencies.push(t1 - t0);
            }
            lastReply = t1;
          } else {
            errors++;
            countError(errorCodes, reply.error);
          }
        } catch (error) {
          errors++;
          countError(errorCodes, error);
        }
      }
    }),
  );
  const windowMs = r.count !== undefined ? lastReply - start : until - from;
  return { sent, ok, errors, errorCodes, okInWindow: r.count !== undefined ? ok : okInWindow, windowMs, latency: summarize(latencies), clientLoopDelay: takeLoopDelay() };
}

export interface SteadyRequest {
  group: string;
  categories: string[];
  ratePerSec: number;
  warmupMs: number;
  durationMs: number;
}

/** Open loop: issuances leave on a fixed schedule whatever the replies do; round-robin over sockets. */
async function issueSteady(r: SteadyRequest): Promise<LoadResult> {
  const g = group(r.group);
  takeLoopDelay();
  const interval = 1000 / r.ratePerSec;
  const total = Math.round(((r.warmupMs + r.durationMs) / 1000) * r.ratePerSec);
  const warmupCount = Math.round((r.warmupMs / 1000) * r.ratePerSec);
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let okInWindow = 0;
  let maxLag = 0;
  const inflight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    const lag = performance.now() - due;
    if (i >= warmupCount && lag > maxLag) maxLag = lag;
    const socket = g.sockets[i % g.sockets.length]!;
    const categoryId = r.categories[i % r.categories.length]!;
    const measured = i >= warmupCount;
    const t0 = performance.now();
    inflight.push(
      emit<IssuedTicket>(socket, 'ticket:issue', { idempotencyKey: nextKey(), categoryId }).then(
        (reply) => {
          const t1 = performance.now();
          if (reply.ok) {
            ok++;
            if (measured) {
              okInWindow++;
              latencies.push(t1 - t0);
            }
          } else {
            errors++;
            countError(errorCodes, reply.error);
          }
        },
        (error: unknown) => {
          errors++;
          countError(errorCodes, error);
        },
      ),
    );
  }
  await Promise.all(inflight);
  return { sent: total, ok, errors, errorCodes, okInWindow, windowMs: r.durationMs, latency: summarize(latencies), maxSendLagMs: maxLag, clientLoopDelay: takeLoopDelay() };
}

export interface SignInRequest {
  group: string;
  windowIds: string[];
}

async function signIn(r: SignInRequest): Promise<{ ok: number; errors: Record<string, number> }> {
  const g = group(r.group);
  const errors: Record<string, number> = {};
  let ok = 0;
  await Promise.all(
    g.sockets.map(async (socket, i) => {
      const windowId = r.windowIds[i];
      if (!windowId) return;
      const reply = await emit<WindowActionResult>(socket, 'window:signIn', { windowId });
      if (reply.ok) ok++;
      else countError(errors, reply.error);
    }),
  );
  return { ok, errors };
}

export interface CallsRequest {
  /** Counter sockets; socket i acts at windowIds[i]. */
  group: string;
  windowIds: string[];
  count: number;
  ratePerSec: number;
  warmup: number;
  /** How many recording sockets (boards) must see each call; 0 = no fan-out measurement. */
  boards: number;
  closeCurrent?: 'finish' | 'no_show';
}

export interface CallsResult {
  ok: number;
  errors: number;
  errorCodes: Record<string, number>;
  rtt: Summary;
  fanout: Summary;
  /** Calls for which some board never got the event (within 15 s after the last reply). */
  incomplete: number;
  maxSendLagMs: number;
  clientLoopDelay: LoopDelay;
}

/**
 * Call-next on a fixed schedule, round-robin over windows (a window with a call still in
 * flight is skipped). For each acknowledged call: round trip, and — when boards record —
 * the time from the reply until the last board had `ticket:called` for that ticket.
 */
async function calls(r: CallsRequest): Promise<CallsResult> {
  const g = group(r.group);
  takeLoopDelay();
  const interval = 1000 / r.ratePerSec;
  const busy = new Set<number>();
  const rtts: number[] = [];
  const replies: Array<{ ticketId: string; at: number }> = [];
  const errorCodes: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let maxLag = 0;
  let w = 0;
  const inflight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < r.count + r.warmup; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    maxLag = Math.max(maxLag, performance.now() - due);
    let tries = 0;
    while (busy.has(w % g.sockets.length) && tries++ < g.sockets.length) w++;
    const k = w++ % g.sockets.length;
    if (busy.has(k)) continue;
    busy.add(k);
    const socket = g.sockets[k]!;
    const measured = i >= r.warmup;
    const t0 = performance.now();
    inflight.push(
      emit<WindowActionResult>(socket, 'ticket:callNext', { windowId: r.windowIds[k], closeCurrent: r.closeCurrent ?? 'finish' }).then(
        (reply) => {
          const t1 = performance.now();
          busy.delete(k);
          if (reply.ok) {
            ok++;
            if (measured) {
              rtts.push(t1 - t0);
              if (reply.data.ticket) replies.push({ ticketId: reply.data.ticket.id, at: t1 });
            }
          } else {
            errors++;
            countError(errorCodes, reply.error);
          }
        },
        (error: unknown) => {
          busy.delete(k);
          errors++;
          countError(errorCodes, error);
        },
      ),
    );
  }
  await Promise.all(inflight);
  const clientLoopDelay = takeLoopDelay();
  const fanouts: number[] = [];
  let incomplete = 0;
  if (r.boards > 0) {
    const deadline = performance.now() + 15_000;
    const complete = (id: string) => (callArrivals.get(id)?.length ?? 0) >= r.boards;
    while (performance.now() < deadline && !replies.every((x) => complete(x.ticketId))) await new Promise((res) => setTimeout(res, 20));
    for (const x of replies) {
      const arrivals = callArrivals.get(x.ticketId) ?? [];
      if (arrivals.length < r.boards) {
        incomplete++;
        continue;
      }
      fanouts.push(Math.max(0, Math.max(...arrivals) - x.at));
    }
    callArrivals.clear();
  }
  return { ok, errors, errorCodes, rtt: summarize(rtts), fanout: summarize(fanouts), incomplete, maxSendLagMs: maxLag, clientLoopDelay };
}

function disconnect(r: { group?: string }): { closed: number; disconnects: number } {
  let closed = 0;
  let disconnects = 0;
  for (const [name, g] of groups) {
    if (r.group && r.group !== name) continue;
    disconnects += g.disconnects;
    for (const s of g.sockets) {
      s.removeAllListeners('disconnect');
      s.disconnect();
      closed++;
    }
    groups.delete(name);
  }
  return { closed, disconnects };
}

function health(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, g] of groups) {
    out[name] = g.sockets.filter((s) => s.connected).length;
    out[`${name}:disconnects`] = g.disconnects;
  }
  for (const [reason, n] of Object.entries(disconnectReasons)) out[`reason:${reason}`] = n;
  return out;
}

serveWorker({
  connect: (r: ConnectRequest) => connect(r),
  issueClosedLoop: (r: ClosedLoopRequest) => issueClosedLoop(r),
  issueSteady: (r: SteadyRequest) => issueSteady(r),
  signIn: (r: SignInRequest) => signIn(r),
  calls: (r: CallsRequest) => calls(r),
  disconnect: (r: { group?: string }) => disconnect(r),
  health: () => health(),
  exit: () => disconnect({}),
});
