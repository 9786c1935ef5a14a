// Resident memory and CPU time of a process, from /proc (Linux).
import { readFileSync } from 'node:fs';

/** VmRSS in MiB, or NaN when /proc is unavailable. */
/** MiB (what rssMiB gives) to MB of 10^6 bytes, the unit of the targets. */
export const mibToMb = (mib: number): number => (mib * 2 ** 20) / 1e6;

export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
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
