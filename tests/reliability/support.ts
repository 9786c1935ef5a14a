// Shared pieces of the reliability tests: a hall server in a child process that can be
// SIGKILLed and restarted, raw HTTP (any method, body and content type), a read-only view
// of the SQLite file with table digests, and Socket.IO clients that record what they hear.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type HallEvent, type HallSnapshot } from '@hall/common/events';
import type { Reply } from '@hall/common/errors';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

// ------------------------------------------------------------------ server in a child process

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export class ServerProcess {
  readonly url: string;
  private child: ChildProcess | undefined;
  private output = '';

  /**
   * `cli`: the server's TypeScript entry (run through tsx) or a built bundle (run by node);
   * RELIABILITY_HALL_CLI points at another build of the server (a mutant, to check that these
   * tests catch what they claim to catch).
   */
  constructor(
    readonly dir: string,
    readonly port: number,
    readonly cli = process.env.RELIABILITY_HALL_CLI ?? 'hall-server/src/cli.ts',
  ) {
    this.url = `http://127.0.0.1:${port}`;
    writeFileSync(
      this.configFile,
      JSON.stringify({ port, host: '127.0.0.1', dataDir: dir, demo: true, alwaysOpen: true, logLevel: 'silent' }),
    );
  }

  get configFile(): string {
    return join(this.dir, 'hall.json');
  }

  get databaseFile(): string {
    return join(this.dir, 'hall.db');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts `hall-server start --config …` and resolves once /healthz answers ok. */
  async start(timeoutMs = 40_000): Promise<void> {
    if (this.running) throw new Error('server already running');
    const entry = this.cli.endsWith('.ts') ? ['--import', 'tsx', this.cli] : [this.cli];
    const child = spawn(process.execPath, [...entry, 'start', '--config', this.configFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    this.child = child;
    this.output = '';
    child.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`hall server exited during start-up:\n${this.output}`);
      const health = await this.health(500);
      if (health?.status === 'ok') return;
      if (Date.now() > deadline) throw new Error(`hall server did not become healthy:\n${this.output}`);
      await sleep(50);
    }
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  /** Sends a signal and resolves once the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, sig) => r({ code, signal: sig })));
    child.kill(signal);
    return exited;
  }

  async health(timeoutMs = 2000): Promise<{ status: string; seq: number } | undefined> {
    try {
      const r = await raw(this.url, { method: 'GET', path: '/healthz', timeoutMs });
      return r.status === 200 ? (r.json as { status: string; seq: number }) : undefined;
    } catch {
      return undefined;
    }
  }
}

// ------------------------------------------------------------------ raw HTTP

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** A keep-alive agent for many small requests in a row; `agent.destroy()` when done. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 32 });
}

/** One HTTP request with exactly the given method, headers and body bytes. */
export function raw(
  base: string,
  r: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number; agent?: Agent },
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolveResponse, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: { ...(r.agent ? {} : { connection: 'close' }), ...(r.headers ?? {}), ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}) },
        ...(r.agent ? { agent: r.agent } : {}),
        timeout: r.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${r.method} ${r.path}: no answer`)));
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const r = await raw(base, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    timeoutMs: 20_000,
  });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
  return (r.json as { token: string }).token;
}

// ------------------------------------------------------------------ the database file

export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * A digest of each table's full content, in primary-key order. `omit` leaves out columns
 * that change by design without any command (a device's last-seen time on connect).
 */
export function tableDigests(db: Database.Database, tables: string[], omit: Record<string, string[]> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const columns = (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string; pk: number }>)
      .filter((c) => !(omit[t] ?? []).includes(c.name))
      .map((c) => c.name);
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${t} ORDER BY rowid`).raw().all();
    out[t] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

// ------------------------------------------------------------------ Socket.IO clients

/** A client that keeps every snapshot and broadcast it receives, across reconnects. */
export class Client {
  readonly socket: Socket;
  readonly snapshots: HallSnapshot[] = [];
  readonly events: HallEvent[] = [];
  connects = 0;
  disconnects = 0;

  constructor(base: string, ns: string, auth: Record<string, unknown> = {}, options: { reconnection?: boolean } = {}) {
    this.socket = io(base + ns, {
      auth: { protocol: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      forceNew: true,
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      randomizationFactor: 0,
      timeout: 3000,
    });
    this.socket.on('connect', () => this.connects++);
    this.socket.on('disconnect', () => this.disconnects++);
    this.socket.on('hall:snapshot', (s: HallSnapshot) => this.snapshots.push(s));
    this.socket.on('hall:events', (events: HallEvent[]) => this.events.push(...events));
  }

  /** Resolves after the first connection and its snapshot. */
  async ready(timeoutMs = 10_000): Promise<HallSnapshot> {
    await new Promise<void>((resolveReady, reject) => {
      if (this.socket.connected) return resolveReady();
      const t = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(t);
        resolveReady();
      });
      this.socket.once('connect_error', (e: Error & { data?: unknown }) => {
        if (this.socket.io.opts.reconnection) return;
        clearTimeout(t);
        reject(Object.assign(new Error(`connect_error: ${e.message}`), { data: e.data }));
      });
    });
    await until('a snapshot', () => this.snapshots.length > 0, timeoutMs);
    return this.snapshots.at(-1)!;
  }

  /** The highest sequence number this client has seen, in a snapshot or a broadcast. */
  get lastSeq(): number {
    let seq = 0;
    for (const s of this.snapshots) seq = Math.max(seq, s.seq);
    for (const e of this.events) seq = Math.max(seq, e.seq);
    return seq;
  }

  command<T = unknown>(name: string, payload?: unknown, timeoutMs = 5000): Promise<Reply<T>> {
    return this.socket.timeout(timeoutMs).emitWithAck(name, payload ?? {}) as Promise<Reply<T>>;
  }

  async ok<T = unknown>(name: string, payload?: unknown): Promise<T> {
    const reply = await this.command<T>(name, payload);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }

  close(): void {
    this.socket.io.opts.reconnection = false;
    this.socket.disconnect();
  }
}
