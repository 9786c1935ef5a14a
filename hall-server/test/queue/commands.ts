// A random-command model of a hall for property tests: configurations and command sequences as
// fast-check arbitraries, and a runner that applies them to an engine. Commands name windows,
// categories and tickets by index, resolved against the engine's state when they run, so that
// every generated sequence is meaningful whatever came before it.
import fc from 'fast-check';
import type { Actor } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import { nextDate } from '@hall/common/time';
import type { CloseChoice, DomainEvent, HallConfig, QueueEngine, Ticket } from '../../src/queue/index.ts';
import { at, category, DAY, hallConfig, MINUTE, window } from './builders.ts';

export type Command =
  | { kind: 'advance'; seconds: number }
  | { kind: 'nextDay' }
  | { kind: 'issue'; category: number; priority: boolean; person: number | null; appointment: boolean }
  | { kind: 'signIn'; window: number; clerk: number }
  | { kind: 'signOut' | 'pause' | 'resume' | 'recall' | 'start' | 'finish' | 'noShow' | 'hold'; window: number }
  | { kind: 'callNext'; window: number; close: CloseChoice | null }
  | { kind: 'callAll' }
  | { kind: 'callTicket'; window: number; pick: number; close: CloseChoice | null }
  | { kind: 'callBack'; window: number; pick: number }
  | { kind: 'transfer'; window: number; toCategory: number | null; toWindow: number | null }
  | { kind: 'reactivate' | 'cancel'; pick: number }
  /** Live reconfiguration: switch to the scenario's other set of window weights. */
  | { kind: 'reconfigure' };

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

/** Halls of 1–4 categories and 1–5 windows, each window serving a random subset with weights 0–3. */
export function configArb(options: { positiveWeights?: boolean } = {}): fc.Arbitrary<HallConfig> {
  return fc
    .record({
      categoryCount: fc.integer({ min: 1, max: 4 }),
      windows: fc.array(fc.array(fc.integer({ min: options.positiveWeights ? 1 : -1, max: 3 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
      priorityStreak: fc.integer({ min: 1, max: 3 }),
      recallLimit: fc.integer({ min: 0, max: 3 }),
      reactivatePosition: fc.constantFrom('original' as const, 'back' as const),
      quota: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      priorityEnabled: fc.boolean(),
    })
    .map((r) =>
      hallConfig({
        settings: {
          // Open all day, so that the properties exercise queueing rather than hours.
          weekdayHours: [{ start: '00:00', end: '23:59' }],
          weekendHours: [{ start: '00:00', end: '23:59' }],
          priorityStreak: r.priorityStreak,
          recallLimit: r.recallLimit,
          reactivatePosition: r.reactivatePosition,
        },
        categories: LETTERS.slice(0, r.categoryCount).map((p, i) =>
          category(p.toLowerCase(), p, { weekendService: true, dailyQuota: i === 0 ? r.quota : null, priorityEnabled: r.priorityEnabled || i > 0 }),
        ),
        // A weight of -1 stands for "does not serve this category".
        windows: r.windows.map((weights, i) =>
          window(`w${i + 1}`, i + 1, Object.fromEntries(weights.slice(0, r.categoryCount).flatMap((w, c) => (w < 0 ? [] : [[LETTERS[c]!.toLowerCase(), w]])))),
        ),
      }),
    );
}

const idx = fc.nat({ max: 9 });
const close = fc.constantFrom<CloseChoice | null>(null, 'finish', 'no_show');

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 900 }) }) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'nextDay' }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      category: idx,
      priority: fc.boolean(),
      person: fc.option(fc.nat({ max: 5 }), { nil: null }),
      appointment: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('signIn' as const), window: idx, clerk: fc.nat({ max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('signOut' as const, 'pause' as const, 'resume' as const), window: idx }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('recall' as const, 'finish' as const, 'noShow' as const), window: idx }) },
  // Start and hold get their own weight: holding needs a serving ticket, which calls keep closing.
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('start' as const, 'hold' as const), window: idx }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('callNext' as const), window: idx, close }) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'callAll' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('callTicket' as const), window: idx, pick: idx, close }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('callBack' as const), window: idx, pick: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      window: idx,
      toCategory: fc.option(idx, { nil: null }),
      toWindow: fc.option(idx, { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('reactivate' as const, 'cancel' as const), pick: idx }) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'reconfigure' }) },
);

/** The same hall with other window weights (a weight of -1: the window stops serving it). */
export function reweighted(config: HallConfig, weights: number[][]): HallConfig {
  return {
    ...config,
    windows: config.windows.map((w, i) => ({
      ...w,
      categories: config.categories.flatMap((c, j) => {
        const weight = weights[i % weights.length]?.[j % 4] ?? 1;
        return weight < 0 ? [] : [{ categoryId: c.id, weight }];
      }),
    })),
  };
}

export const weightsArb = fc.array(fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 4, maxLength: 4 }), { minLength: 5, maxLength: 5 });

export interface Outcome {
  command: Command;
  now: number;
  events: DomainEvent[];
  error: string | null;
}

/**
 * Applies commands to an engine with a clock that starts on DAY at 09:00 and only moves forward.
 * Ticket ids are numbered per runner, so two runners fed the same commands issue the same ids.
 */
export class Runner {
  now = at('09:00');
  nextId = 1;
  readonly outcomes: Outcome[] = [];

  /** The configuration in force (reconfigure switches between `config` and `alternative`). */
  current: HallConfig;

  constructor(
    readonly engine: QueueEngine,
    readonly config: HallConfig,
    readonly alternative: HallConfig = config,
  ) {
    this.current = config;
  }

  private windowId(i: number): string {
    const windows = this.config.windows;
    return windows[i % windows.length]!.id;
  }

  /**
   * Mostly a window that holds a ticket (random windows rarely do, and the actions on a current
   * ticket would then almost always be refused); index 8 and 9 still pick any window.
   */
  private busyWindowId(i: number): string {
    const busy = this.engine.windowStates().filter((w) => w.currentTicketId !== null);
    return busy.length === 0 || i >= 8 ? this.windowId(i) : busy[i % busy.length]!.windowId;
  }

  /**
   * Mostly a ticket in the state the command expects (even indexes), else any ticket the
   * engine holds, and for index 9 one that does not exist (TICKET_NOT_FOUND).
   */
  private ticketId(i: number, preferred?: Ticket['state']): string {
    const all = this.engine.snapshot().tickets;
    const fitting = all.filter((t) => t.state === preferred);
    if (i === 9 || all.length === 0) return 'missing';
    if (i % 2 === 0 && fitting.length > 0) return fitting[(i / 2) % fitting.length]!.id;
    return all[i % all.length]!.id;
  }

  private actor(windowId: string): Actor {
    return { kind: 'clerk', id: this.engine.windowState(windowId)?.clerkId ?? 'nobody' };
  }

  /** Runs one command; HallErrors are recorded, anything else is a bug and propagates. */
  run(command: Command, onBefore?: () => void): Outcome {
    onBefore?.();
    const outcome: Outcome = { command, now: this.now, events: [], error: null };
    try {
      outcome.events = this.apply(command);
    } catch (error) {
      if (!(error instanceof HallError)) throw error;
      outcome.error = error.code;
    }
    this.outcomes.push(outcome);
    return outcome;
  }

  private apply(c: Command): DomainEvent[] {
    const e = this.engine;
    switch (c.kind) {
      case 'advance':
        this.now += c.seconds * 1000;
        return [];
      case 'nextDay': {
        const today = e.hallDay > DAY ? e.hallDay : DAY;
        this.now = Math.max(this.now, at('09:00', nextDate(today)));
        return e.rollover(this.now);
      }
      case 'issue': {
        const categories = this.config.categories;
        const categoryId = categories[c.category % categories.length]!.id;
        const ticketId = `t${this.nextId}`;
        const events = e.issue(
          {
            categoryId,
            personKey: c.person === null ? null : `p${c.person}`,
            priority: c.priority,
            appointment: c.appointment ? { id: `ap-${ticketId}`, slotStart: this.now - 5 * MINUTE, slotEnd: this.now + 25 * MINUTE, checkedInAt: this.now } : null,
            source: 'kiosk',
            issuedBy: 'kiosk-1',
            ticketId,
            publicToken: `tok-${ticketId}`,
          },
          this.now,
        );
        this.nextId++;
        return events;
      }
      case 'signIn':
        return e.signIn(this.windowId(c.window), { id: `clerk${c.clerk}`, name: `clerk${c.clerk}` }, this.now);
      case 'signOut':
      case 'resume':
      case 'recall':
      case 'start':
      case 'finish':
      case 'noShow':
      case 'hold': {
        const w = c.kind === 'signOut' || c.kind === 'resume' ? this.windowId(c.window) : this.busyWindowId(c.window);
        return c.kind === 'signOut'
          ? e.signOut(w, this.actor(w), this.now)
          : c.kind === 'resume'
            ? e.resume(w, this.actor(w), this.now)
            : e[c.kind](w, this.actor(w), this.now);
      }
      case 'pause': {
        const w = this.windowId(c.window);
        return e.pause(w, '离席', this.actor(w), this.now);
      }
      case 'callNext': {
        const w = this.windowId(c.window);
        return e.callNext(w, this.actor(w), this.now, c.close ?? undefined);
      }
      case 'callAll': {
        // Every window calls at the same instant; each one's failure is its own.
        const events: DomainEvent[] = [];
        for (const w of this.config.windows) {
          try {
            events.push(...e.callNext(w.id, this.actor(w.id), this.now, 'finish'));
          } catch (error) {
            if (!(error instanceof HallError)) throw error;
          }
        }
        return events;
      }
      case 'callTicket': {
        const w = this.windowId(c.window);
        return e.callTicket(w, this.ticketId(c.pick, 'waiting'), '调度', this.actor(w), this.now, c.close ?? undefined);
      }
      case 'callBack': {
        const ticketId = this.ticketId(c.pick, 'held');
        // Usually at the window that held it; sometimes elsewhere, which must be refused.
        const w = c.window < 7 ? (e.ticket(ticketId)?.windowId ?? this.windowId(c.window)) : this.windowId(c.window);
        return e.callBack(w, ticketId, this.actor(w), this.now);
      }
      case 'transfer': {
        const w = this.busyWindowId(c.window);
        const categories = this.config.categories;
        const target = {
          ...(c.toCategory === null ? {} : { toCategoryId: categories[c.toCategory % categories.length]!.id }),
          ...(c.toWindow === null ? {} : { toWindowId: this.windowId(c.toWindow) }),
          note: '转办',
        };
        return e.transfer(w, target, this.actor(w), this.now);
      }
      case 'reactivate':
        return e.reactivate(this.ticketId(c.pick, 'no_show'), { kind: 'clerk', id: 'desk' }, this.now);
      case 'cancel':
        return e.cancel(this.ticketId(c.pick, 'waiting'), '取消', { kind: 'citizen', id: 'phone' }, this.now);
      case 'reconfigure':
        this.current = this.current === this.config ? this.alternative : this.config;
        e.setConfig(this.current);
        return [];
    }
  }

  events(): DomainEvent[] {
    return this.outcomes.flatMap((o) => o.events);
  }
}
