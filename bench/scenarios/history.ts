// A hall with a long past: 1,000,000 finished tickets (3,000,000 events) on earlier hall
// days, written with the server's own store code and cached under .tmp/bench-cache. The same
// hall without history is the reference, measured in the same run. For each: start-up
// (spawn until /healthz answers), resident memory after a warm-up (clients connected,
// windows signed in, tickets issued today) and after the call-next run, and call-next round
// trips (call the next of today's waiting tickets, closing the previous one as finished).
// Beside them, the floor under a call-next round trip on this machine at the same pace: a
// bare Socket.IO echo from the same kind of client process, and a lone durable commit.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ClientProcess } from '../lib/clients.ts';
import { forkWorker } from '../lib/ipc.ts';
import { counterAuths, kioskAuths, openHall } from '../lib/hall.ts';
import { startServer, timeNodeStart } from '../lib/server.ts';
import { nodeArgs, serverCli, serverSources } from '../lib/paths.ts';
import { historyDb, type BenchHallShape } from '../lib/hall-db.ts';
import { mibToMb } from '../lib/proc-stats.ts';
import { resetServerLatency, serverHealth, showLatency, type Latency } from '../lib/server-health.ts';
import { measurePacedRaw, type Context, type Scenario } from '../lib/scenario.ts';
import type { RowInput } from '../lib/table.ts';
import type { Summary } from '../lib/stats.ts';

const SHAPE: BenchHallShape = { categories: 20, windows: 30, kiosks: 10, boards: 5 };
const CALL_RATE = 40;

interface Measured {
  /** Median of three starts (the first is the one the clients then use). */
  startupMs: number;
  startups: number[];
  /** Diagnostic: the same start from the TypeScript sources through tsx (development). */
  sourcesStartupMs?: number;
  rssWarm: number;
  rssAfter: number;
  callNext: Summary;
  /** The same calls timed inside the server (/healthz, reset before the calls). */
  server: ServerTimes | null;
  errors: Record<string, number>;
}

interface ServerTimes {
  /** Receipt to reply. */
  callNext: Latency;
  /** A batch sent to the commit thread until durable, and its transaction there. */
  commit: Latency | null;
  transaction: Latency | null;
  loop: Latency | null;
  /** WAL checkpoint rounds on their own thread meanwhile: each round's time, and all rounds' frames. */
  checkpoint: Latency | null;
  checkpoints: { rounds: number; frames: number } | null;
  /** Batches committed on the main connection because the hall was quiet, and on the commit thread. */
  quietCommits: number;
  threadCommits: number;
  gc: Array<Latency & { kind: string }>;
  /** The client process's own event-loop delay and garbage collections meanwhile. */
  clientLoopP99: number;
  clientGc: { count: number; maxMs: number };
}

/** What a call-next round trip costs here before the hall server does anything, at the same pace. */
interface Floor {
  /** Round trips to a bare Socket.IO server that answers at once (lib/echo-worker.ts). */
  echo: Summary;
  /** One durable INSERT at a time, a call's interval apart (the raw reference, paced). */
  commit: Summary;
}

async function measureFloor(ctx: Context, calls: number): Promise<Floor> {
  const server = forkWorker(fileURLToPath(new URL('../lib/echo-worker.ts', import.meta.url)));
  const clients = new ClientProcess();
  let echo: Summary;
  try {
    const { url } = await server.call<{ url: string }>('start');
    await clients.connect({ group: 'echo', url, ns: '/', auths: Array.from({ length: SHAPE.windows }, () => ({})) });
    const windowIds = Array.from({ length: SHAPE.windows }, (_, i) => `w-${i}`);
    echo = (await clients.calls({ group: 'echo', windowIds, count: calls, warmup: 30, ratePerSec: CALL_RATE, boards: 0 })).rtt;
  } finally {
    await clients.stop();
    await server.stop();
  }
  const commit = await measurePacedRaw(calls, 1000 / CALL_RATE);
  ctx.log(
    `  floor at ${CALL_RATE} calls/s: bare Socket.IO echo p50 ${echo.p50.toFixed(2)} p99 ${echo.p99.toFixed(2)} ms; a lone durable commit p50 ${commit.p50.toFixed(2)} p99 ${commit.p99.toFixed(2)} ms`,
  );
  return { echo, commit };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(ctx: Context, label: string, fromDb: string | undefined, withSources = false, baseDir?: string): Promise<Measured> {
  const calls = ctx.quick ? 100 : 600;
  const hall = await openHall(ctx, { label, shape: SHAPE, ...(fromDb ? { fromDb } : {}), ...(baseDir ? { baseDir } : {}) });
  try {
    const url = hall.server.url;
    await hall.clients.connect({ group: 'kiosks', url, ns: '/kiosk', auths: kioskAuths(SHAPE.kiosks, SHAPE.kiosks) });
    await hall.clients.connect({ group: 'counters', url, ns: '/counter', auths: counterAuths(hall.clerkTokens) });
    const signIn = await hall.clients.signIn({ group: 'counters', windowIds: hall.windows });
    const issued = await hall.clients.issueClosedLoop({ group: 'kiosks', categories: hall.categories, warmupMs: 0, durationMs: 0, count: calls + (ctx.quick ? 100 : 300) });
    // A short pause so the warm-up's garbage is collected before memory is read.
    await new Promise((r) => setTimeout(r, 1000));
    const rssWarm = hall.server.rssMiB();
    // The server's own timings from here on: the calls only, not start-up and warm-up.
    await resetServerLatency(hall);
    // Counters that are not reset: read before, subtracted after.
    const before = await serverHealth(url);
    const r = await hall.clients.calls({ group: 'counters', windowIds: hall.windows, count: calls, warmup: 30, ratePerSec: CALL_RATE, boards: 0 });
    const rssAfter = hall.server.rssMiB();
    const health = await serverHealth(url);
    const figure = (name: string) => health.latency?.[name] ?? null;
    const inServer = figure('ticket:callNext');
    const server: ServerTimes | null = inServer
      ? {
          callNext: inServer,
          commit: figure('commit'),
          transaction: figure('commit:transaction'),
          loop: figure('eventLoopDelay'),
          checkpoint: figure('checkpoint'),
          checkpoints: health.checkpoints && before.checkpoints ? { rounds: health.checkpoints.rounds - before.checkpoints.rounds, frames: health.checkpoints.frames - before.checkpoints.frames } : null,
          quietCommits: (health.commits?.quiet ?? 0) - (before.commits?.quiet ?? 0),
          threadCommits: (health.commits?.onThread ?? 0) - (before.commits?.onThread ?? 0),
          gc: ['gc:minor', 'gc:major', 'gc:incremental'].flatMap((kind) => {
            const g = figure(kind);
            return g ? [{ kind, ...g }] : [];
          }),
          clientLoopP99: r.clientLoopDelay.p99,
          clientGc: { count: r.clientLoopDelay.gcCount, maxMs: r.clientLoopDelay.gcMaxMs },
        }
      : null;
    await hall.close({ keepFiles: true });
    // Two more starts of the same files (spawn → /healthz → stop) for a steadier figure.
    const startups = [hall.server.startupMs];
    for (let i = 0; i < (ctx.quick || baseDir ? 0 : 2); i++) {
      const s = await startServer({ dir: hall.dir });
      startups.push(s.startupMs);
      await s.stop();
    }
    const m: Measured = { startupMs: median(startups), startups, rssWarm, rssAfter, callNext: r.rtt, server, errors: r.errorCodes };
    if (withSources) {
      const times: number[] = [];
      for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
        const s = await startServer({ dir: hall.dir, entry: serverSources });
        times.push(s.startupMs);
        await s.stop();
      }
      m.sourcesStartupMs = median(times);
    }
    ctx.log(
      `  ${label}: start-up ${startups.map((x) => Math.round(x)).join('/')} ms${m.sourcesStartupMs ? ` (sources through tsx: ${Math.round(m.sourcesStartupMs)} ms)` : ''}, ${signIn.ok} windows, ${issued.ok} waiting, RSS ${rssWarm.toFixed(0)} → ${rssAfter.toFixed(0)} MiB, call-next p50 ${r.rtt.p50.toFixed(2)} p99 ${r.rtt.p99.toFixed(2)} ms ${r.errors ? JSON.stringify(r.errorCodes) : ''}`,
    );
    if (server) {
      ctx.log(
        `    during the calls, inside the server: call-next ${showLatency(server.callNext)}; commit ${showLatency(server.commit)}, its transaction ${showLatency(server.transaction)}; event loop delay ${showLatency(server.loop)}; commits on the main connection (quiet hall) ${server.quietCommits}, on the commit thread ${server.threadCommits}; checkpoints ${server.checkpoints ? `${server.checkpoints.rounds} rounds, ${server.checkpoints.frames} frames` : '—'}, a round ${showLatency(server.checkpoint)}; GC ${server.gc.map((g) => `${g.kind} ${g.count}× max ${g.maxMs} ms`).join(', ') || 'none'}. Client process loop delay p99 ${server.clientLoopP99.toFixed(1)} ms, GC ${server.clientGc.count}× max ${server.clientGc.maxMs.toFixed(1)} ms`,
      );
    }
    return m;
  } finally {
    await hall.close();
  }
}

export const history: Scenario = {
  id: 'history',
  title: 'a hall with 1,000,000 historic tickets',
  async run(ctx) {
    const raw = await ctx.raw();
    const tickets = ctx.quick ? 100_000 : 1_000_000;
    const db = await historyDb({ tickets, perDay: 1000, shape: SHAPE, log: ctx.log });
    const sizeMiB = statSync(db.file).size / 2 ** 20;
    ctx.log(`  history database: ${tickets.toLocaleString('en-US')} tickets, ${sizeMiB.toFixed(0)} MiB${db.built ? ' (built now)' : ' (cached)'}`);
    // Floors under start-up: Node doing nothing, and loading the server's modules (--help
    // imports everything, opens nothing).
    const bareMs = await timeNodeStart(['-e', '0'], ctx.quick ? 1 : 3);
    const modulesMs = await timeNodeStart([...nodeArgs(serverCli), '--help'], ctx.quick ? 1 : 3);
    ctx.log(`  start-up floors: node ${Math.round(bareMs)} ms; loading the server's modules ${Math.round(modulesMs)} ms`);
    const empty = await measure(ctx, 'no history', undefined);
    const full = await measure(ctx, `${tickets / 1000}k history`, db.file, true);
    // Diagnostic: the no-history hall again with its database on tmpfs, where a commit's fsync
    // costs nothing — what is left of a call-next round trip is the server's own work.
    const tmpfs = existsSync('/dev/shm') ? await measure(ctx, 'no history, database on tmpfs', undefined, false, '/dev/shm') : undefined;
    const floor = await measureFloor(ctx, ctx.quick ? 100 : 600);
    ctx.details.history = { tickets, sizeMiB, built: db.built, buildMs: db.buildMs, bareMs, modulesMs, empty, full, tmpfs, floor };
    const label = `${tickets >= 1_000_000 ? `${tickets / 1_000_000}M` : `${tickets / 1000}k`} history`;
    const ref = (value: number, unit: string) => ({ name: 'same hall, no history', value, unit });
    const rows: RowInput[] = [
      { scenario: this.id, name: `start-up, ${label}${ctx.quick ? '' : ' (median of 3)'}`, value: full.startupMs, unit: 'ms', target: { op: '<=', value: 2000 }, reference: ref(empty.startupMs, 'ms') },
      ...(full.sourcesStartupMs
        ? [
            {
              scenario: this.id,
              name: `start-up, ${label}, TypeScript sources through tsx (diagnostic)`,
              value: full.sourcesStartupMs,
              unit: 'ms',
              reference: { name: 'the production bundle', value: full.startupMs, unit: 'ms' },
              note: 'how development starts it (node --import tsx hall-server/src/cli.ts)',
            },
          ]
        : []),
      { scenario: this.id, name: 'start-up floor: load server modules (--help)', value: modulesMs, unit: 'ms', reference: { name: 'node, empty', value: bareMs, unit: 'ms' } },
      // The target is 200 MB; read strictly as 10^6 bytes (VmRSS is in KiB).
      { scenario: this.id, name: `RSS after warm-up, ${label}`, value: mibToMb(full.rssWarm), unit: 'MB', target: { op: '<=', value: 200 }, reference: ref(mibToMb(empty.rssWarm), 'MB'), note: '1 MB = 10^6 bytes' },
      { scenario: this.id, name: `RSS after call-next run, ${label}`, value: mibToMb(full.rssAfter), unit: 'MB', target: { op: '<=', value: 200 }, reference: ref(mibToMb(empty.rssAfter), 'MB'), note: '1 MB = 10^6 bytes' },
      { scenario: this.id, name: `call-next p99, ${label}`, value: full.callNext.p99, unit: 'ms', target: { op: '<=', value: 5 }, reference: ref(empty.callNext.p99, 'ms') },
      { scenario: this.id, name: `call-next p50, ${label}`, value: full.callNext.p50, unit: 'ms', reference: ref(empty.callNext.p50, 'ms') },
    ];
    if (full.server) {
      rows.push({
        scenario: this.id,
        name: `call-next p99 inside the server, ${label} (diagnostic)`,
        value: full.server.callNext.p99Ms,
        unit: 'ms',
        reference: { name: 'its commit p99', value: full.server.commit?.p99Ms ?? 0, unit: 'ms' },
        note: 'receipt to reply (/healthz, reset before the calls); the rest of the round trip is sockets and the client process',
      });
    }
    if (tmpfs) {
      rows.push({
        scenario: this.id,
        name: 'call-next p99, no history, database on tmpfs (diagnostic)',
        value: tmpfs.callNext.p99,
        unit: 'ms',
        reference: { name: 'raw commit p99 on the real disk', value: raw.commit.p99, unit: 'ms' },
        note: 'no fsync cost: the rest is the server and the machine',
      });
    }
    rows.push({
      scenario: this.id,
      name: `call-next p99 floor: a bare Socket.IO echo at ${CALL_RATE}/s (diagnostic)`,
      value: floor.echo.p99,
      unit: 'ms',
      reference: { name: 'a lone durable commit p99, same pace', value: floor.commit.p99, unit: 'ms' },
      note: 'no server work: sockets, two processes and their wake-ups on this machine; a call-next adds a commit and the queue',
    });
    const errors = Object.values(full.errors).reduce((a, b) => a + b, 0);
    if (errors) rows.push({ scenario: this.id, name: 'call-next errors', value: errors, unit: 'replies', note: JSON.stringify(full.errors), verdict: 'error' });
    if (ctx.quick) for (const row of rows) row.note = [row.note, 'quick: 100k history, one start'].filter(Boolean).join('; ');
    return rows;
  },
};
