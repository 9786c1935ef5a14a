// `npm run bench [--quick] [--profile] [scenario…]`
// Runs each scenario in turn — the hall server in its own process, the clients in another —
// prints one table (each figure beside its target and the reference measured in the same
// run), writes bench/results/<timestamp>.json and bench/results/latest.json, and exits 0:
// a benchmark reports, it does not fail CI. Missed targets are listed at the end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installCleanup, killAll } from './lib/procs.ts';
import { machineTicks, stealPercent } from './lib/proc-stats.ts';
import { measureRaw, type Context, type Scenario } from './lib/scenario.ts';
import type { RawResult } from './lib/raw-worker.ts';
import { formatNumber, formatReference, formatTable, formatTarget, judge, type ResultRow } from './lib/table.ts';
import { benchTmp, repoRoot, resultsDir } from './lib/paths.ts';
import { issuanceThroughput } from './scenarios/issuance-throughput.ts';
import { issuanceLatency } from './scenarios/issuance-latency.ts';
import { callFanout } from './scenarios/call-fanout.ts';
import { history } from './scenarios/history.ts';
import { printing } from './scenarios/printing.ts';
import { externalScenarios } from './scenarios/external.ts';

const scenarios: Scenario[] = [issuanceThroughput, issuanceLatency, callFanout, history, printing, ...externalScenarios()];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run bench -- [--quick] [--profile] [scenario…]
  scenarios: ${scenarios.map((s) => s.id).join(', ')}
  --quick    shorter runs (checks the harness; figures are rougher)
  --profile  write V8 CPU profiles of every server process to .tmp/bench/profiles/`);
  process.exit(0);
}

installCleanup();
const selected = positionals.length ? scenarios.filter((s) => positionals.some((p) => s.id.includes(p))) : scenarios;
if (selected.length === 0) {
  console.error(`no scenario matches ${positionals.join(' ')}; known: ${scenarios.map((s) => s.id).join(', ')}`);
  process.exit(0);
}

// The server runs as production runs it: from the bundle, built now from this checkout.
if (!process.env.BENCH_SERVER_CLI) execFileSync(process.execPath, [join(repoRoot, 'hall-server/scripts/bundle.mjs'), '--quiet'], { stdio: 'inherit' });

const startedAt = new Date();
const quick = values.quick ?? false;
const cpuProfDir = values.profile ? join(benchTmp, 'profiles') : undefined;
if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
let rawMemo: Promise<RawResult> | undefined;
const details: Record<string, unknown> = {};
const ctx: Context = {
  quick,
  cpuProfDir,
  details,
  log: (line) => console.log(line),
  raw: () => {
    rawMemo ??= measureRaw(quick ? 1500 : 3000).then((r) => {
      console.log(`  raw reference: ${formatNumber(r.rowsPerSec)} rows/s, commit p50 ${formatNumber(r.commit.p50)} ms, p99 ${formatNumber(r.commit.p99)} ms`);
      return r;
    });
    return rawMemo;
  },
};

const loadBefore = loadavg();
console.log(`hall benchmark${quick ? ' (quick)' : ''}: ${selected.map((s) => s.id).join(', ')}`);
console.log(`  machine: ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} — other work on this machine skews every figure`);
const rows: ResultRow[] = [];
const timings: Record<string, number> = {};
interface Probe {
  scenario: string;
  cpuShare: number;
  load1: number;
  /** Measured over the scenario (NaN without /proc). */
  stealPercent?: number;
}
const probes: Probe[] = [];
/** Spins for a moment and reports how much of a core this process actually got. */
function cpuProbe(ms = 300): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    // busy
  }
  const used = process.cpuUsage(c0);
  return (used.user + used.system) / 1000 / (performance.now() - t0);
}
for (const scenario of selected) {
  const probe: Probe = { scenario: scenario.id, cpuShare: cpuProbe(), load1: loadavg()[0]! };
  probes.push(probe);
  console.log(`\n▶ ${scenario.id}: ${scenario.title}   [load ${probe.load1.toFixed(1)}, a busy process gets ${(probe.cpuShare * 100).toFixed(0)}% of a core]`);
  const t0 = performance.now();
  const ticks0 = machineTicks();
  try {
    for (const row of await scenario.run(ctx)) rows.push(judge(row));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`  ${scenario.id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    rows.push({ scenario: scenario.id, name: 'scenario failed', value: Number.NaN, unit: '', verdict: 'error', note: message.slice(0, 500) });
  }
  timings[scenario.id] = Math.round(performance.now() - t0);
  probe.stealPercent = stealPercent(ticks0, machineTicks());
  const stolen = Number.isFinite(probe.stealPercent) ? `; the hypervisor took ${probe.stealPercent.toFixed(1)}% of the CPUs' time (steal)` : '';
  console.log(`  (${(timings[scenario.id]! / 1000).toFixed(1)} s${stolen})`);
}
const raw = rawMemo ? await rawMemo.catch(() => undefined) : undefined;
const meanShare = probes.reduce((a, p) => a + p.cpuShare, 0) / probes.length;
const meanLoad = probes.reduce((a, p) => a + p.load1, 0) / probes.length;
const steals = probes.map((p) => p.stealPercent ?? Number.NaN).filter(Number.isFinite);
rows.unshift(
  judge({ scenario: 'machine', name: `load average (1 min), mean over scenarios, ${cpus().length} CPUs`, value: meanLoad, unit: '' }),
  judge({ scenario: 'machine', name: 'CPU a busy process gets (probe before each scenario)', value: meanShare * 100, unit: '% of a core', note: 'below ~90% the machine is contended: latencies include waiting for a CPU' }),
  ...(steals.length
    ? [
        judge({
          scenario: 'machine',
          name: 'CPU time the hypervisor took (steal), worst scenario',
          value: Math.max(...steals),
          unit: '%',
          note: `per scenario: ${probes.map((p) => `${p.scenario} ${Number.isFinite(p.stealPercent) ? p.stealPercent!.toFixed(1) : '—'}`).join(', ')}; time the virtual CPUs were ready to run but the host ran something else, which lands in the tail latencies`,
        }),
      ]
    : []),
);

console.log('\n' + formatTable(rows));
if (quick) console.log('\nQUICK RUN: fewer sockets, shorter runs and a 100k history — it checks the harness; verdicts are only indicative.');
const missed = rows.filter((r) => r.verdict === 'MISSED');
const failed = rows.filter((r) => r.verdict === 'error');
console.log('');
if (missed.length === 0 && failed.length === 0) console.log('All targets met.');
for (const r of missed) {
  console.log(`MISSED  ${r.scenario} / ${r.name}: ${formatNumber(r.value)} ${r.unit}, target ${formatTarget(r.target, r.unit)}${r.reference ? `; reference ${formatReference(r.reference)}` : ''}`);
}
for (const r of failed) console.log(`ERROR   ${r.scenario} / ${r.name}${r.note ? `: ${r.note}` : ''}`);

const finishedAt = new Date();
const report = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  quick,
  scenarios: selected.map((s) => s.id),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMiB: Math.round(totalmem() / 2 ** 20), node: process.version, loadBefore, loadAfter: loadavg() },
  raw,
  rows,
  missed: missed.map((r) => `${r.scenario}/${r.name}`),
  timingsMs: timings,
  cpuProbes: probes,
  details,
};
mkdirSync(resultsDir, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const file = join(resultsDir, `${stamp}${quick ? '-quick' : ''}.json`);
const json = JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
writeFileSync(file, json);
writeFileSync(join(resultsDir, 'latest.json'), json);
console.log(`\nresults: ${file} (and bench/results/latest.json); total ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(0)} s`);
killAll();
process.exit(0);
