// Where things are: the repository root, the hall server's CLI, and the benchmark's own
// scratch space under .tmp/ (ignored by git) — on the same disk as a production data dir
// would be in this checkout, so the raw fsync reference measures the same device.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The server under test, as production runs it: the bundle `npm run build` writes (the bench
 * rebuilds it before it starts). BENCH_SERVER_CLI points elsewhere (e.g. an exported older
 * revision; a .ts entry runs through tsx).
 */
export const serverCli = process.env.BENCH_SERVER_CLI ? resolve(process.env.BENCH_SERVER_CLI) : join(repoRoot, 'hall-server/dist/hall-server.mjs');
/** The TypeScript sources, run through tsx: what development uses (a diagnostic here). */
export const serverSources = join(repoRoot, 'hall-server/src/cli.ts');
/** Node's arguments to run an entry point: TypeScript through the tsx loader, JavaScript as it is. */
export function nodeArgs(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
}
export const benchTmp = join(repoRoot, '.tmp/bench');
export const benchCache = join(repoRoot, '.tmp/bench-cache');
export const resultsDir = join(repoRoot, 'bench/results');

/** A fresh directory under .tmp/bench (or under `base`); `remove()` deletes it. */
export function tempDir(label: string, base = benchTmp): { path: string; remove(): void } {
  mkdirSync(base, { recursive: true });
  const path = mkdtempSync(join(base, `${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
