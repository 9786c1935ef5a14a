// How long the server itself takes, per command and per commit, as the health page reports it:
// what an operator (or the benchmark) needs to tell the server's share of a slow reply from the
// network's and the client's. perf_hooks histograms: a record costs well under a microsecond.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class Latencies {
  private readonly histograms = new Map<string, RecordableHistogram>();

  /** Records `ms` under `name` (kept in microseconds). */
  record(name: string, ms: number): void {
    let h = this.histograms.get(name);
    if (!h) this.histograms.set(name, (h = createHistogram()));
    h.record(Math.max(1, Math.round(ms * 1000)));
  }

  summary(): Record<string, LatencySummary> {
    const out: Record<string, LatencySummary> = {};
    const ms = (us: number) => Math.round(us) / 1000;
    for (const [name, h] of [...this.histograms].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = { count: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
    }
    return out;
  }
}
