// What the scenarios read from the server's own health page (/healthz): its timings by name
// (commands, commits, checkpoints, document jobs, event loop, GC), reset by an admin before a
// measured run, and the counters beside them.
import type { Hall } from './hall.ts';

/** One named timing, as /healthz reports it. */
export type Latency = { count: number; p50Ms: number; p99Ms: number; maxMs: number };

/** The parts of /healthz the scenarios read. */
export interface ServerHealth {
  latency?: Record<string, Latency>;
  checkpoints?: { rounds: number; frames: number } | null;
  commits?: { quiet?: number; onThread?: number };
  documents?: { code: string; jobs: number; failed: number; starts: number };
}

export const serverHealth = (url: string): Promise<ServerHealth> => fetch(`${url}/healthz`).then((res) => res.json() as Promise<ServerHealth>);

/** Starts the server's timings afresh, so that they cover the run that follows only. */
export async function resetServerLatency(hall: Hall): Promise<void> {
  await fetch(`${hall.server.url}/api/admin/latency/reset`, { method: 'POST', headers: { authorization: `Bearer ${hall.adminToken}` } });
}

export const showLatency = (l: Latency | null): string => (l ? `p50 ${l.p50Ms} p99 ${l.p99Ms} max ${l.maxMs} ms` : '—');
