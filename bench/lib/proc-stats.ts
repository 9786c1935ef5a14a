// Resident memory and CPU time of a process, from /proc (Linux).
import { readFileSync } from 'node:fs';

/** MiB (what rssMiB gives) to MB of 10^6 bytes, the unit of the targets. */
export const mibToMb = (mib: number): number => (mib * 2 ** 20) / 1e6;

/** VmRSS in MiB, or NaN when /proc is unavailable. */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** All CPUs' time so far (USER_HZ ticks): in total, and what the hypervisor gave to others (steal). */
export interface MachineTicks {
  total: number;
  steal: number;
}

export function machineTicks(): MachineTicks | null {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * The share of the CPUs' time between two readings that the hypervisor took away (%): a
 * virtual CPU that is runnable but not running. NaN without /proc or when no time passed.
 */
export function stealPercent(from: MachineTicks | null, to: MachineTicks | null): number {
  if (!from || !to || to.total <= from.total) return Number.NaN;
  return ((to.steal - from.steal) / (to.total - from.total)) * 100;
}

/** User + system CPU seconds used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** Measures CPU use of some processes over an interval, as a percentage of one core. */
export class CpuMeter {
  private readonly start: Map<number, number>;
  private readonly t0 = performance.now();
  constructor(private readonly pids: number[]) {
    this.start = new Map(pids.map((p) => [p, cpuSeconds(p)]));
  }
  /** CPU seconds per pid since construction. */
  seconds(): Map<number, number> {
    return new Map(this.pids.map((p) => [p, cpuSeconds(p) - this.start.get(p)!]));
  }
  /** Percent of one core per pid since construction. */
  read(): Map<number, number> {
    const seconds = (performance.now() - this.t0) / 1000;
    return new Map(this.pids.map((p) => [p, ((cpuSeconds(p) - this.start.get(p)!) / seconds) * 100]));
  }
}
