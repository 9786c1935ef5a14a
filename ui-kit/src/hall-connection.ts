// An app's one line to the hall server: a Socket.IO connection to its namespace that keeps
// a live HallState (snapshot + sequenced events, resynced after any gap or reconnect) in
// signals, and sends commands that always come back with a Reply, even when the network
// does not answer. Components never touch the socket; tests hand in a fake one.
import { signal, type ReadonlySignal } from '@preact/signals';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type EventDigest, type HallEvent, type HallSnapshot, type NoticeName, type Notices } from '@hall/common/events';
import { applyItem, isDigest, resumeFromSnapshot, type HallState, type SequencedItem } from '@hall/common/hall-state';
import { errorMessages, type ErrorBody, type ErrorCode, type Reply } from '@hall/common/errors';
import { netMessages } from './messages.ts';

export type ConnectionStatus =
  /** Before the first connection, and while a refused connection is retried by hand. */
  | 'connecting'
  | 'online'
  /** The network or the server is away; Socket.IO keeps retrying by itself. */
  | 'offline'
  /** The server turned the handshake down (see `problem`); only `reconnect()` tries again. */
  | 'refused';

/** Failures that happen on this side of the wire: the command may or may not have arrived. */
export interface ClientFailure {
  code: 'TIMEOUT' | 'OFFLINE';
  message: string;
}
export type CommandResult<T> = Reply<T> | { ok: false; error: ClientFailure };

export interface ConnectionProblem {
  code: string;
  message: string;
}

type AnyCommand = (request: never, ack: never) => void;
type RequestOf<F> = F extends (request: infer R, ack: (reply: Reply<infer _T>) => void) => void ? R : never;
type DataOf<F> = F extends (request: never, ack: (reply: Reply<infer T>) => void) => void ? T : never;

/** The part of a Socket.IO client socket this adapter uses; a test fake implements just this. */
export interface WireSocket {
  readonly connected: boolean;
  on(event: string, listener: (arg: never) => void): unknown;
  timeout(ms: number): { emit(event: string, request: unknown, ack: (err: Error | null, reply: unknown) => void): unknown };
  connect(): unknown;
  disconnect(): unknown;
}

export interface HandshakeData {
  protocol: number;
  token?: string;
  /** Demo devices on localhost name themselves with `?device=`. */
  deviceId?: string;
}

export interface HallConnectionOptions {
  namespace: string;
  /** Read at every (re)connection, so a token stored after pairing or login is used. */
  auth: () => HandshakeData;
  openSocket?: (namespace: string, auth: (cb: (data: object) => void) => void) => WireSocket;
  now?: () => number;
  commandTimeoutMs?: number;
}

export interface HallConnection<C> {
  /** Null until the first snapshot arrives. */
  readonly state: ReadonlySignal<HallState | null>;
  readonly status: ReadonlySignal<ConnectionStatus>;
  readonly problem: ReadonlySignal<ConnectionProblem | null>;
  /** Server clock minus this machine's clock, from the last snapshot (ms). */
  readonly clockOffsetMs: ReadonlySignal<number>;
  send<K extends keyof C & string>(command: K, request: RequestOf<C[K]>, timeoutMs?: number): Promise<CommandResult<DataOf<C[K]>>>;
  /** Events applied live, in order (not those replayed after a snapshot). */
  onEvent(listener: (event: HallEvent, state: HallState) => void): () => void;
  /**
   * Unsequenced notices (events.ts `Notices`), as they arrive. Not replayed: one sent while
   * this client was offline is lost, so a listener also refreshes when `status` is online again.
   */
  onNotice<K extends NoticeName>(name: K, listener: Notices[K]): () => void;
  /** Try again after a refusal, e.g. once a pairing token or a login is stored. */
  reconnect(): void;
  close(): void;
}

/** Events arriving while a snapshot is on its way are kept, up to this many. */
const MAX_BUFFERED_EVENTS = 2000;
/** Events already applied that a late snapshot may not include yet. */
const RECENT_EVENTS_KEPT = 200;
/** The server pushes a snapshot on connect; ask for one if it has not come by then. */
const SNAPSHOT_GRACE_MS = 3000;
const SNAPSHOT_RETRY_MS = 2000;

export function createHallConnection<C extends { [K in keyof C]: AnyCommand }>(options: HallConnectionOptions): HallConnection<C> {
  const now = options.now ?? (() => Date.now());
  const defaultTimeout = options.commandTimeoutMs ?? 8000;
  const state = signal<HallState | null>(null);
  const status = signal<ConnectionStatus>('connecting');
  const problem = signal<ConnectionProblem | null>(null);
  const clockOffsetMs = signal(0);
  const listeners = new Set<(event: HallEvent, state: HallState) => void>();
  const noticeListeners = new Map<NoticeName, Set<(payload: never) => void>>();

  // While `awaitingSnapshot`, events are buffered instead of applied: they are replayed on
  // top of the snapshot, which may be older or newer than each of them.
  let awaitingSnapshot = true;
  let snapshotInFlight = false;
  let buffer: SequencedItem[] = [];
  let recent: SequencedItem[] = [];
  let connections = 0;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  const socket = (options.openSocket ?? openSocketIo)(options.namespace, (cb) => cb(options.auth()));

  function send<K extends keyof C & string>(command: K, request: RequestOf<C[K]>, timeoutMs = defaultTimeout): Promise<CommandResult<DataOf<C[K]>>> {
    // Socket.IO would buffer an emit made while offline and deliver it after reconnecting,
    // long after the caller gave up on it: a clerk's "call next" must never arrive late.
    if (!socket.connected) return Promise.resolve(failure('OFFLINE'));
    return new Promise((resolve) => {
      socket.timeout(timeoutMs).emit(command, request, (err, reply) => {
        resolve(err ? failure('TIMEOUT') : asReply<DataOf<C[K]>>(reply));
      });
    });
  }

  function requestSnapshot(): void {
    awaitingSnapshot = true;
    if (snapshotInFlight || !socket.connected) return;
    snapshotInFlight = true;
    void send('snapshot:get' as keyof C & string, {} as never).then((reply) => {
      snapshotInFlight = false;
      if (reply.ok) receiveSnapshot(reply.data as HallSnapshot);
      else if (socket.connected) setTimeout(() => awaitingSnapshot && requestSnapshot(), SNAPSHOT_RETRY_MS);
    });
  }

  function receiveSnapshot(snapshot: HallSnapshot): void {
    clearTimeout(graceTimer);
    if (snapshot.protocol !== PROTOCOL_VERSION) {
      problem.value = { code: 'PROTOCOL_MISMATCH', message: errorMessages.PROTOCOL_MISMATCH };
      status.value = 'refused';
      socket.disconnect();
      return;
    }
    // A snapshot the server pushes on its own (on connect, after a resync) may have been taken
    // before events we already applied: replay those too, when they follow it without a hole.
    // Applied events that do not follow it belong to another history (a restored database).
    let replay = recent.filter((e) => e.seq > snapshot.seq);
    if (replay[0] && firstSeq(replay[0]) > snapshot.seq + 1) replay = [];
    const result = resumeFromSnapshot(snapshot, [...replay, ...buffer]);
    buffer = [];
    recent = replay;
    awaitingSnapshot = false;
    clockOffsetMs.value = snapshot.now - now();
    state.value = result.state;
    if (result.needsSnapshot) requestSnapshot();
  }

  function receive(item: SequencedItem): void {
    const current = state.value;
    if (awaitingSnapshot || current === null) {
      buffer.push(item);
      if (buffer.length > MAX_BUFFERED_EVENTS) buffer.shift(); // the replay then sees a gap and asks again
      return;
    }
    const result = applyItem(current, item);
    if (result.outcome === 'gap') {
      buffer.push(item);
      requestSnapshot();
      return;
    }
    if (result.outcome === 'duplicate') return;
    state.value = result.state;
    recent.push(item);
    if (recent.length > RECENT_EVENTS_KEPT) recent.shift();
    if (!isDigest(item)) for (const listener of listeners) listener(item, result.state);
    if (result.needsSnapshot) requestSnapshot();
  }

  socket.on('hall:snapshot', (snapshot: HallSnapshot) => receiveSnapshot(snapshot));
  socket.on('hall:events', (events: HallEvent[]) => {
    for (const event of events) receive(event);
  });
  // Kiosks: figure-only events arrive folded (see EventDigest).
  socket.on('hall:digest', (digest: EventDigest) => receive(digest));

  socket.on('connect', () => {
    connections += 1;
    status.value = 'online';
    problem.value = null;
    awaitingSnapshot = true;
    if (connections > 1) {
      requestSnapshot();
    } else {
      clearTimeout(graceTimer);
      graceTimer = setTimeout(() => awaitingSnapshot && requestSnapshot(), SNAPSHOT_GRACE_MS);
    }
  });

  socket.on('disconnect', (reason: string) => {
    snapshotInFlight = false;
    if (status.value === 'refused') return;
    status.value = 'offline';
    // The server hung up on purpose (restart, revoked session): Socket.IO will not retry by
    // itself; the next handshake tells us whether we are still welcome.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), SNAPSHOT_RETRY_MS);
  });

  socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
    const code = err.data?.code;
    if (code) {
      problem.value = { code, message: messageFor(code, err.data?.message) };
      status.value = 'refused';
    } else {
      status.value = 'offline';
    }
  });

  return {
    state,
    status,
    problem,
    clockOffsetMs,
    send,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onNotice(name, listener) {
      let set = noticeListeners.get(name);
      if (!set) {
        const added = new Set<(payload: never) => void>();
        set = added;
        noticeListeners.set(name, added);
        // Listening starts with the first listener; the socket keeps one handler per notice.
        socket.on(name, (payload: never) => {
          for (const l of added) l(payload);
        });
      }
      const listeners = set;
      listeners.add(listener as (payload: never) => void);
      return () => listeners.delete(listener as (payload: never) => void);
    },
    reconnect() {
      socket.disconnect();
      problem.value = null;
      status.value = 'connecting';
      socket.connect();
    },
    close() {
      clearTimeout(graceTimer);
      listeners.clear();
      for (const set of noticeListeners.values()) set.clear();
      socket.disconnect();
    },
  };
}

function openSocketIo(namespace: string, auth: (cb: (data: object) => void) => void): WireSocket {
  return io(namespace, { auth, transports: ['websocket', 'polling'] }) as unknown as WireSocket;
}

/** The first sequence number an item stands for. */
function firstSeq(item: SequencedItem): number {
  return isDigest(item) ? item.fromSeq : item.seq;
}

function failure(code: ClientFailure['code']): { ok: false; error: ClientFailure } {
  return { ok: false, error: { code, message: code === 'TIMEOUT' ? netMessages.timeout : netMessages.offline } };
}

function asReply<T>(reply: unknown): Reply<T> {
  if (reply && typeof reply === 'object' && 'ok' in reply) return reply as Reply<T>;
  const error: ErrorBody = { code: 'INTERNAL', message: errorMessages.INTERNAL };
  return { ok: false, error };
}

/** The server's own message says more (e.g. which versions differ) and is already Chinese. */
function messageFor(code: string, serverMessage: string | undefined): string {
  if (serverMessage) return serverMessage;
  return code in errorMessages ? errorMessages[code as ErrorCode] : netMessages.refused;
}

/**
 * Handshake data of a paired device (kiosk, board): its token from storage, and in the demo
 * the device it names with `?device=`. Each app keeps its token under its own key, so a kiosk
 * and a board opened in one browser do not share one.
 */
export function deviceAuth(storage: Pick<Storage, 'getItem'>, tokenKey: string, search: string): HandshakeData {
  const data: HandshakeData = { protocol: PROTOCOL_VERSION };
  const token = storage.getItem(tokenKey);
  if (token) data.token = token;
  const deviceId = new URLSearchParams(search).get('device');
  if (deviceId) data.deviceId = deviceId;
  return data;
}
