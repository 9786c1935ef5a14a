// What a scenario is, and the context the runner hands it.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { forkWorker } from './ipc.ts';
import type { RawRequest, RawResult } from './raw-worker.ts';
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
export async function measureRaw(durationMs: number): Promise<RawResult> {
  const dir = tempDir('raw');
  const worker = forkWorker(fileURLToPath(new URL('./raw-worker.ts', import.meta.url)));
  try {
    return await worker.call<RawResult>('run', { file: join(dir.path, 'raw.db'), durationMs } satisfies RawRequest, durationMs + 60_000);
  } finally {
    await worker.stop();
    dir.remove();
  }
}

export const RAW_NAME = 'raw better-sqlite3, 1 row/txn, WAL+FULL';
