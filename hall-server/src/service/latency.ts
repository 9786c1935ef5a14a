// How long the server itself takes, per command and per commit, as the health page reports it:
// what an operator (or the benchmark) needs to tell the server's share of a slow reply from the
// network's and the client's. perf_hooks histograms: a record costs well under a microsecond.
import { PerformanceObserver, constants, createHistogram, monitorEventLoopDelay, type IntervalHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** How often the event loop's delay is sampled. */
const loopResolutionMs = 10;

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'gc:minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'gc:major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'gc:incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'gc:weakcb',
};

export class Latencies {
  private readonly histograms = new Map<string, RecordableHistogram>();
  private loop: IntervalHistogram | null = null;
  private gc: PerformanceObserver | null = null;

  /**
   * Also watches the process: garbage-collection pauses by kind ('gc:minor', 'gc:major', …)
   * and the event loop's delay ('eventLoopDelay'), what stalls every reply at once.
   */
  watchProcess(): void {
    if (this.loop) return;
    this.loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
    this.loop.enable();
    this.gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.record(gcKinds[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'gc:other', entry.duration);
    });
    this.gc.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.loop?.disable();
    this.gc?.disconnect();
    this.loop = null;
    this.gc = null;
  }

  /** Records `ms` under `name` (kept in microseconds). */
  record(name: string, ms: number): void {
    let h = this.histograms.get(name);
    if (!h) this.histograms.set(name, (h = createHistogram()));
    h.record(Math.max(1, Math.round(ms * 1000)));
  }

  /** Starts every figure afresh (the loop monitor too): to look at one period, after a change. */
  reset(): void {
    for (const h of this.histograms.values()) h.reset();
    this.loop?.reset();
  }

  summary(): Record<string, LatencySummary> {
    const out: Record<string, LatencySummary> = {};
    const ms = (us: number) => Math.round(us) / 1000;
    for (const [name, h] of [...this.histograms].sort(([a], [b]) => a.localeCompare(b))) {
      if (h.count === 0) continue;
      out[name] = { count: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
    }
    // The loop histogram is in nanoseconds, and each value includes the sampling interval.
    if (this.loop && this.loop.count > 0) {
      const l = this.loop;
      const late = (ns: number) => ms(Math.max(0, ns / 1000 - loopResolutionMs * 1000));
      out.eventLoopDelay = { count: l.count, p50Ms: late(l.percentile(50)), p99Ms: late(l.percentile(99)), maxMs: late(l.max) };
    }
    return out;
  }
}
