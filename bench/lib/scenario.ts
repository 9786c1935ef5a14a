// What a scenario is, and the context the runner hands it.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { forkWorker } from './ipc.ts';
import type { PacedRequest, RawRequest, RawResult } from './raw-worker.ts';
import type { Summary } from './stats.ts';
import type { RowInput } from './table.ts';
import { tempDir } from './paths.ts';

export interface Context {
  quick: boolean;
  /** Directory for server CPU profiles (--profile), or undefined. */
  cpuProfDir: string | undefined;
  log(line: string): void;
  /** The raw better-sqlite3 reference, measured once per run (lazily). */
  raw(): Promise<RawResult>;
  /** Extra facts for the JSON (set-up details, error counts). */
  details: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: Context): Promise<RowInput[]>;
}

/** Runs the raw reference in a child process on the benchmark's disk. */
export function measureRaw(durationMs: number): Promise<RawResult> {
  return inRawWorker((file) => ({ type: 'run', payload: { file, durationMs } satisfies RawRequest, timeoutMs: durationMs + 60_000 }));
}

/** The same durable commits one at a time, `gapMs` apart (the time of each commit alone). */
export function measurePacedRaw(count: number, gapMs: number): Promise<Summary> {
  return inRawWorker((file) => ({ type: 'paced', payload: { file, count, gapMs } satisfies PacedRequest, timeoutMs: count * gapMs * 2 + 60_000 }));
}

async function inRawWorker<T>(call: (file: string) => { type: string; payload: unknown; timeoutMs: number }): Promise<T> {
  const dir = tempDir('raw');
  const worker = forkWorker(fileURLToPath(new URL('./raw-worker.ts', import.meta.url)));
  try {
    const { type, payload, timeoutMs } = call(join(dir.path, 'raw.db'));
    return await worker.call<T>(type, payload, timeoutMs);
  } finally {
    await worker.stop();
    dir.remove();
  }
}

export const RAW_NAME = 'raw better-sqlite3, 1 row/txn, WAL+FULL';
