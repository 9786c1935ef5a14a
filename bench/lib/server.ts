// Spawns the real hall server in its own process — `node hall-server/dist/hall-server.mjs
// start --config <json>`, the production bundle — waits for /healthz and measures how long
// that took.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'node:http';
import { benchTmp, nodeArgs, repoRoot, serverCli } from './paths.ts';
import { track, waitExit } from './procs.ts';
import { rssMiB } from './proc-stats.ts';

export interface ServerOptions {
  /** Directory for the config file and (by default) the database. */
  dir: string;
  dataDir?: string;
  database?: string;
  seedFile?: string;
  demo?: boolean;
  alwaysOpen?: boolean;
  logLevel?: string;
  /** Write a V8 CPU profile into this directory when the server exits. */
  cpuProfDir?: string;
  startTimeoutMs?: number;
  /** Another entry point than the bundle (a .ts one runs through tsx), for diagnostics. */
  entry?: string;
}

export interface ServerHandle {
  pid: number;
  port: number;
  url: string;
  /** Spawn until the first /healthz answered 200 with status ok. */
  startupMs: number;
  child: ChildProcess;
  rssMiB(): number;
  health(): Promise<Record<string, unknown>>;
  /** The last lines the server wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export function httpJson(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: { ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    if (data) req.write(data);
    req.end();
  });
}

export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const config = {
    port,
    host: '127.0.0.1',
    dataDir: options.dataDir ?? join(options.dir, 'data'),
    database: options.database ?? 'hall.db',
    demo: options.demo ?? true,
    alwaysOpen: options.alwaysOpen ?? true,
    logLevel: options.logLevel ?? 'warn',
    ...(options.seedFile ? { seedFile: options.seedFile } : {}),
  };
  const configFile = join(options.dir, `server-${port}.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  // BENCH_SERVER_NODE_FLAGS (e.g. --trace-gc) goes to the server's node, for diagnosis; with it
  // set, the server's output is also kept in .tmp/bench/server-<pid>.log.
  const extraFlags = process.env.BENCH_SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const execArgs = [...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : []), ...extraFlags];
  const t0 = performance.now();
  const child = track(spawn(process.execPath, [...execArgs, ...nodeArgs(options.entry ?? serverCli), 'start', '--config', configFile], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (extraFlags.length) {
    const log = createWriteStream(join(benchTmp, `server-${child.pid}.log`));
    child.stdout!.pipe(log);
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = t0 + (options.startTimeoutMs ?? 60_000);
  let startupMs: number;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hall server exited during start-up:\n${tail}`);
    try {
      const r = await httpJson(`${url}/healthz`);
      if (r.status === 200 && (r.body as { status?: string }).status === 'ok') {
        startupMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hall server did not become healthy in time:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    pid: child.pid!,
    port,
    url,
    startupMs,
    child,
    rssMiB: () => rssMiB(child.pid!),
    health: async () => (await httpJson(`${url}/healthz`)).body as Record<string, unknown>,
    output: () => tail,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await waitExit(child, 8000);
    },
  };
}

/**
 * The floor under any server start-up in this checkout: spawn → exit of `node args…` (e.g.
 * `-e 0`, or the server's --help, which loads its modules and opens nothing). Best of `tries`.
 */
export async function timeNodeStart(args: string[], tries = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const t0 = performance.now();
    const child = track(spawn(process.execPath, args, { cwd: repoRoot, stdio: 'ignore' }));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
