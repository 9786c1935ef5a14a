// Starts a real hall server in-process on port 0 with a real SQLite file in a temporary
// directory, and connects real Socket.IO clients. The clock is a TestClock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { loadDemoHall } from '@hall/fixtures';
import type { HallSeed } from '@hall/common/seed';
import { PROTOCOL_VERSION, type EventDigest, type HallEvent, type HallSnapshot } from '@hall/common/events';
import type { Reply } from '@hall/common/errors';
import { createHallServer, type CreateOptions, type HallServer } from '../src/app.ts';
import { loadServerConfig } from '../src/config.ts';
import { hashPassword } from '../src/auth/passwords.ts';

/** Wednesday 2026-11-25, 10:00 in Asia/Shanghai: the demo hall is open. */
export const WEDNESDAY_10AM = Date.parse('2026-11-25T02:00:00Z');

export class TestClock {
  constructor(public t: number = WEDNESDAY_10AM) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

const hashes = new Map<string, Promise<string>>();
/** Seeded test accounts share hashes per password: scrypt is deliberately slow. */
export function memoHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

export const ADMIN = { username: 'admin', password: 'admin-demo-2026' };
export const CLERK = (n: number) => ({ username: `clerk${String(n).padStart(2, '0')}`, password: 'clerk-demo-2026' });

export interface TestHall {
  server: HallServer;
  url: string;
  clock: TestClock;
  dir: string;
  /** Stops the server; the database file stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
  login(user?: { username: string; password: string }): Promise<string>;
  request<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  connect(ns: string, auth?: Record<string, unknown>): Promise<TestClient>;
}

export interface StartOptions {
  clock?: TestClock;
  seed?: HallSeed;
  dir?: string;
  demo?: boolean;
  logger?: pino.Logger;
  /** Every category drawable at any hour (the demo's setting). */
  alwaysOpen?: boolean;
  /**
   * A new hall: start from an empty database holding only the first admin account (username
   * `admin`) with this password, as `hall-server` does with HALL_INITIAL_ADMIN_PASSWORD. No
   * seed is loaded; the admin console sets up the rest.
   */
  initialAdminPassword?: string;
  /** The document thread's limits. */
  documents?: CreateOptions['documents'];
}

export async function startHall(options: StartOptions = {}): Promise<TestHall> {
  const clock = options.clock ?? new TestClock();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hall-test-'));
  const config = loadServerConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', dataDir: dir, demo: options.demo ?? true, alwaysOpen: options.alwaysOpen ?? false, logLevel: 'silent' } });
  const server = await createHallServer(config, {
    clock: clock.now,
    ...(options.initialAdminPassword !== undefined ? { initialAdminPassword: options.initialAdminPassword } : { seed: options.seed ?? loadDemoHall() }),
    logger: options.logger ?? pino({ level: 'silent' }),
    hashPassword: memoHash,
    ...(options.documents ? { documents: options.documents } : {}),
  });
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];
  let stopped = false;
  const hall: TestHall = {
    server,
    url,
    clock,
    dir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const c of clients) c.socket.disconnect();
      await server.close();
    },
    cleanup: async () => {
      await hall.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    login: async (user = ADMIN) => {
      const r = await hall.request<{ token: string }>('POST', '/api/auth/login', user);
      if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    request: async <T>(method: string, path: string, body?: unknown, token?: string) => {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    connect: async (ns, auth = {}) => {
      const client = await connectClient(url, ns, { protocol: PROTOCOL_VERSION, ...auth });
      clients.push(client);
      return client;
    },
  };
  return hall;
}

/** A Socket.IO client that records every broadcast it receives, in order. */
export class TestClient {
  readonly events: HallEvent[] = [];
  /** Kiosks: folded figure-only events; `arrivals` keeps digests and events in arrival order. */
  readonly digests: EventDigest[] = [];
  readonly arrivals: Array<HallEvent | EventDigest> = [];
  snapshot: HallSnapshot | undefined;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: Socket) {
    socket.on('hall:snapshot', (s: HallSnapshot) => {
      this.snapshot = s;
      this.wake();
    });
    socket.on('hall:events', (events: HallEvent[]) => {
      this.events.push(...events);
      this.arrivals.push(...events);
      this.wake();
    });
    socket.on('hall:digest', (digest: EventDigest) => {
      this.digests.push(digest);
      this.arrivals.push(digest);
      this.wake();
    });
  }

  command<T>(name: string, payload?: unknown, timeoutMs = 5000): Promise<Reply<T>> {
    return this.socket.timeout(timeoutMs).emitWithAck(name, payload ?? {}) as Promise<Reply<T>>;
  }

  /** Sends a command and returns its data, failing the test on an error reply. */
  async ok<T>(name: string, payload?: unknown): Promise<T> {
    const reply = await this.command<T>(name, payload);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }

  /** Waits until a broadcast matching `predicate` has arrived (or was already here). */
  async waitFor(predicate: (e: HallEvent) => boolean, timeoutMs = 5000): Promise<HallEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for an event');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits until `ready()` holds, re-checked after every broadcast. */
  async waitUntil(ready: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for broadcasts');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitForSnapshot(timeoutMs = 5000): Promise<HallSnapshot> {
    const deadline = Date.now() + timeoutMs;
    while (!this.snapshot) {
      if (Date.now() > deadline) throw new Error('no snapshot');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.snapshot;
  }

  close(): void {
    this.socket.disconnect();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

export function connectClient(url: string, ns: string, auth: Record<string, unknown>): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = io(url + ns, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    const client = new TestClient(socket);
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}
