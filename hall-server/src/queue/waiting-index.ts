// Waiting tickets of one category, kept so that selection reads a handful of tickets rather
// than the whole queue. At one window every ticket of a category has the same weight, so rules
// 3–5 of the selection order reduce, inside a category, to "earliest queue time" within the
// priority lane and within the normal lane. Only active appointments (rule 2) depend on the
// clock, and they are few, so they are kept aside and always offered.
import type { Ticket } from './types.ts';
import { compareArrival } from './selection.ts';

/** Tickets sorted by queue time, number, id (compareArrival). */
export class ArrivalQueue {
  private items: Ticket[] = [];

  get size(): number {
    return this.items.length;
  }

  first(): Ticket | undefined {
    return this.items[0];
  }

  values(): readonly Ticket[] {
    return this.items;
  }

  /** How many items go before `t`: the index of the first item not before it. New tickets usually go last, so try there first. */
  countBefore(t: Ticket): number {
    const items = this.items;
    const last = items[items.length - 1];
    if (!last || compareArrival(last, t) < 0) return items.length;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareArrival(items[mid]!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(t: Ticket): void {
    this.items.splice(this.countBefore(t), 0, t);
  }

  /** Removes the ticket stored with the same queue time, number and id as `t`. */
  remove(t: Ticket): void {
    const i = this.countBefore(t);
    if (this.items[i]?.id === t.id) this.items.splice(i, 1);
  }
}

export class CategoryQueue {
  readonly priority = new ArrivalQueue();
  readonly normal = new ArrivalQueue();
  /** Waiting tickets that carry an appointment (also present in their lane above). */
  readonly appointments = new Map<string, Ticket>();
  /** Every waiting ticket's arrival time, ascending (the lanes are sorted by queue time instead). */
  private readonly arrivals: number[] = [];

  get size(): number {
    return this.priority.size + this.normal.size;
  }

  add(t: Ticket): void {
    (t.priority ? this.priority : this.normal).insert(t);
    if (t.appointment !== null) this.appointments.set(t.id, t);
    this.arrivals.splice(lowerBound(this.arrivals, t.arrivalAt), 0, t.arrivalAt);
  }

  delete(t: Ticket): void {
    const lane = t.priority ? this.priority : this.normal;
    const before = lane.size;
    lane.remove(t);
    this.appointments.delete(t.id);
    if (lane.size === before) return; // it was not here
    const i = lowerBound(this.arrivals, t.arrivalAt);
    if (this.arrivals[i] === t.arrivalAt) this.arrivals.splice(i, 1);
  }

  *values(): Iterable<Ticket> {
    yield* this.priority.values();
    yield* this.normal.values();
  }

  /**
   * How many of these tickets go before a ticket without appointment issued now into the given
   * lane (the people-ahead figure the kiosk shows before printing): the lane's earlier tickets,
   * the whole priority lane for a normal ticket, and every active appointment not yet counted.
   */
  countAheadOfNew(probe: Ticket, isActive: (t: Ticket) => boolean): number {
    let ahead = probe.priority ? this.priority.countBefore(probe) : this.priority.size + this.normal.countBefore(probe);
    for (const t of this.appointments.values()) {
      if (!isActive(t)) continue;
      const counted = t.priority ? !probe.priority || compareArrival(t, probe) < 0 : !probe.priority && compareArrival(t, probe) < 0;
      if (!counted) ahead++;
    }
    return ahead;
  }

  /** Earliest arrival (not queue time: a reactivated ticket may queue later than it arrived). */
  oldestArrival(): number | null {
    return this.arrivals[0] ?? null;
  }

  /**
   * Appends the only tickets of this category that can be a window's next pick, whatever the
   * window's weight and streak: every appointment ticket and the head of each lane.
   */
  addContenders(out: Ticket[]): void {
    for (const t of this.appointments.values()) out.push(t);
    const p = this.priority.first();
    if (p) out.push(p);
    const n = this.normal.first();
    if (n) out.push(n);
  }
}

/** The index of the first element not less than `x` in an ascending array. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  if (hi > 0 && xs[hi - 1]! < x) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
