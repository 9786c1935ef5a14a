// Property-based tests for the properties queue-rules.md lists, over random halls and random
// command sequences (see commands.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HallError } from '@hall/common/errors';
import { countAhead, QueueEngine, selectNext } from '../../src/queue/index.ts';
import type { DomainEvent, HallConfig, Ticket } from '../../src/queue/index.ts';
import { at, category, emptySnapshot, hallConfig, makeTicket, MINUTE, observe, window } from './builders.ts';
import { commandArb, configArb, reweighted, Runner, weightsArb } from './commands.ts';
import type { Command } from './commands.ts';

// Each scenario starts with every window signed in (clerk i at window i), so that calls happen
// from the first command; later commands sign clerks out and in again.
const scenario = fc
  .record({ config: configArb(), weights: weightsArb, commands: fc.array(commandArb, { minLength: 1, maxLength: 60, size: 'max' }) })
  .map(({ config, weights, commands }) => ({
    config,
    alternative: reweighted(config, weights),
    commands: [...config.windows.map((_, i): Command => ({ kind: 'signIn', window: i, clerk: i })), ...commands],
  }));
type Scenario = { config: HallConfig; alternative: HallConfig; commands: Command[] };
const RUNS = 80;

function play({ config, alternative, commands }: Scenario, check?: (runner: Runner) => void): Runner {
  const runner = new Runner(new QueueEngine(config, emptySnapshot()), config, alternative);
  for (const command of commands) {
    runner.run(command);
    check?.(runner);
  }
  return runner;
}

function serves(config: HallConfig, windowId: string, categoryId: string): boolean {
  return config.windows.some((w) => w.id === windowId && w.categories.some((c) => c.categoryId === categoryId));
}

describe('queue properties (random halls, random command sequences)', () => {
  it('a window never receives a ticket of a category it does not serve (unless sent to it or called back)', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        play(sc, (runner) => {
          // Reconfiguration emits nothing, so the configuration in force now is the one of the call.
          for (const e of runner.outcomes.at(-1)!.events) {
            if (e.type !== 'ticket:called') continue;
            const t = e.ticket!;
            const w = e.window!.windowId;
            expect(t.windowId).toBe(w);
            // A call back returns a held ticket to the window that held it, even if that
            // window stopped serving its category meanwhile (a reconfiguration).
            const callBack = e.detail?.mode === 'callBack';
            expect(serves(runner.current, w, t.categoryId) || t.targetWindowId === w || callBack).toBe(true);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('no ticket is ever at two windows, and windows calling at the same instant get different tickets', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        play(sc, (runner) => {
          const engine = runner.engine;
          const current = new Map<string, string>();
          for (const w of engine.windowStates()) {
            if (w.currentTicketId === null) continue;
            expect(current.has(w.currentTicketId), `ticket ${w.currentTicketId} at two windows`).toBe(false);
            current.set(w.currentTicketId, w.windowId);
            expect(engine.ticket(w.currentTicketId)).toMatchObject({ windowId: w.windowId });
            expect(['called', 'serving']).toContain(engine.ticket(w.currentTicketId)?.state);
          }
          // Conversely every called or serving ticket is some window's current ticket.
          for (const t of engine.openTickets()) if (t.state === 'called' || t.state === 'serving') expect(current.get(t.id)).toBe(t.windowId);
          const last = runner.outcomes.at(-1)!;
          if (last.command.kind === 'callAll') {
            const called = last.events.filter((e) => e.type === 'ticket:called').map((e) => e.ticket!.id);
            expect(new Set(called).size).toBe(called.length);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('the same state and clock always give the same answer', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (sc, cut) => {
        const { config, alternative, commands } = sc;
        const first = play(sc);
        const second = play(sc);
        expect(second.outcomes).toEqual(first.outcomes);
        expect(second.engine.snapshot()).toEqual(first.engine.snapshot());
        // An engine restarted from a snapshot taken part-way continues exactly the same.
        const split = cut % (commands.length + 1);
        const head = play({ ...sc, commands: commands.slice(0, split) });
        const restarted = new Runner(new QueueEngine(head.current, structuredClone(head.engine.snapshot())), config, alternative);
        restarted.current = head.current;
        restarted.now = head.now;
        restarted.nextId = head.nextId;
        for (const c of commands.slice(split)) restarted.run(c);
        expect(restarted.outcomes.map((o) => [o.events, o.error])).toEqual(first.outcomes.slice(split).map((o) => [o.events, o.error]));
        // Asking twice changes nothing, and asking is what calling does.
        const now = first.now;
        for (const w of config.windows) {
          const peek = first.engine.peekNext(w.id, now);
          expect(first.engine.peekNext(w.id, now)).toEqual(peek);
          expect(second.engine.peekNext(w.id, now)).toEqual(peek);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the waiting indexes agree with a selection and a count over every open ticket', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        play(sc, (runner) => {
          const { engine, now, current: config } = runner;
          const open = engine.openTickets();
          for (const w of config.windows) {
            const state = engine.windowState(w.id)!;
            const brute = selectNext(open, {
              windowId: w.id,
              weights: new Map(w.categories.map((c) => [c.categoryId, c.weight])),
              now,
              priorityStreak: state.priorityStreak,
              priorityStreakLimit: config.settings.priorityStreak,
              appointmentLateMinutes: config.settings.appointmentLateMinutes,
            });
            expect(engine.peekNext(w.id, now)?.id).toBe(brute?.ticket.id);
          }
          // The kiosk's people-ahead for a new ticket, against a count over every waiting ticket.
          for (const c of config.categories) {
            const queue = open.filter((t) => t.state === 'waiting' && t.targetWindowId === null && t.categoryId === c.id);
            for (const priority of [false, true]) {
              const probe = makeTicket('\uffff', { serial: Number.MAX_SAFE_INTEGER, queueAt: now, priority: priority && c.priorityEnabled });
              expect(engine.estimateForNew(c.id, priority, now).peopleAhead).toBe(countAhead(probe, queue, now, config.settings.appointmentLateMinutes));
            }
            // …and for every ticket already waiting there (the figure on its slip and phone page).
            for (const t of queue) {
              expect(engine.peopleAhead(t.id, now)).toBe(countAhead(t, queue, now, config.settings.appointmentLateMinutes));
            }
            // The board's "waiting since" is the earliest arrival of the category's queue.
            const arrivals = queue.map((t) => t.arrivalAt);
            expect(engine.stats(c.id, now).oldestWaitingSince).toBe(arrivals.length ? Math.min(...arrivals) : null);
          }
        });
      }),
      { numRuns: 40 },
    );
  });

  it('numbers within a hall day are unique and consecutive per issuing category', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const runner = play(sc);
        const serials = new Map<string, number[]>();
        const numbers = new Set<string>();
        for (const e of runner.events()) {
          if (e.type !== 'ticket:issued') continue;
          const t = e.ticket!;
          const key = `${t.hallDay}/${t.issueCategoryId}`;
          serials.set(key, [...(serials.get(key) ?? []), t.serial]);
          expect(numbers.has(`${t.hallDay}/${t.number}`)).toBe(false);
          numbers.add(`${t.hallDay}/${t.number}`);
        }
        for (const list of serials.values()) expect(list).toEqual(list.map((_, i) => i + 1));
      }),
      { numRuns: RUNS },
    );
  });

  it('a refused command leaves the state unchanged, and emitted objects are never mutated later', () => {
    fc.assert(
      fc.property(scenario, ({ config, alternative, commands }) => {
        const runner = new Runner(new QueueEngine(config, emptySnapshot()), config, alternative);
        const emitted: Array<[DomainEvent, DomainEvent]> = [];
        for (const command of commands) {
          const before = observe(runner.engine, runner.now);
          const outcome = runner.run(command);
          if (outcome.error !== null) expect(observe(runner.engine, runner.now)).toEqual(before);
          for (const e of outcome.events) emitted.push([e, structuredClone(e)]);
        }
        for (const [live, copy] of emitted) expect(live).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });

  it('the generator reaches every kind of event and most refusals (so the properties above are not vacuous)', () => {
    const types = new Set<string>();
    const errors = new Set<string>();
    for (const sc of fc.sample(scenario, { numRuns: 200, seed: 42 })) {
      for (const o of play(sc).outcomes) {
        for (const e of o.events) types.add(e.type);
        if (o.error !== null) errors.add(o.error);
      }
    }
    expect([...types].sort()).toEqual(
      ['day:started', 'ticket:called', 'ticket:cancelled', 'ticket:expired', 'ticket:finished', 'ticket:held', 'ticket:issued', 'ticket:noShow', 'ticket:reactivated', 'ticket:recalled', 'ticket:started', 'ticket:transferred', 'window:paused', 'window:resumed', 'window:signedIn', 'window:signedOut'].sort(),
    );
    for (const code of ['ALREADY_WAITING', 'QUOTA_EXHAUSTED', 'TICKET_OPEN', 'NO_TICKET_WAITING', 'WINDOW_NOT_OPEN', 'INVALID_TRANSITION', 'TICKET_NOT_FOUND', 'RECALL_LIMIT', 'WINDOW_OCCUPIED']) {
      expect(errors).toContain(code);
    }
  });
});

describe('no waiting ticket waits forever while its category is served (positive weights)', () => {
  // Every window serves every category with a positive weight and calls once a minute (round).
  // Let L be the priority streak limit, nW the number of windows, r the smallest ratio
  // w(W, c) / max_d w(W, d). A pick that is not T (in T's lane) must have beaten T on score:
  // w_d·age_d ≥ w_c·age_T, so it arrived no later than (1 − r)·age_T after T. Of any L + 1
  // consecutive calls at a window while T waits, at least one is from T's lane (the streak
  // limit guarantees a normal one; a priority one follows each forced normal call). Hence if T
  // is still waiting after m rounds,
  //   nW · ⌊m / (L + 1)⌋ ≤ N0 + A · ⌊(1 − r)(m − ½)⌋
  // where N0 counts the tickets of T's lane already waiting when T arrived and A is the most
  // arrivals of that lane per round. The first m breaking this is T's bound.
  const hall = fc.record({
    windows: fc.integer({ min: 2, max: 4 }),
    categories: fc.integer({ min: 1, max: 3 }),
    weights: fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
    streak: fc.integer({ min: 1, max: 3 }),
    arrivals: fc.array(
      fc.record({ normal: fc.array(fc.nat({ max: 2 }), { maxLength: 1 }), priority: fc.array(fc.nat({ max: 2 }), { maxLength: 1 }) }),
      { minLength: 10, maxLength: 40 },
    ),
  });

  function boundFor(n0: number, perRound: number, windows: number, streak: number, r: number): number {
    for (let m = 1; m < 10_000; m++) if (windows * Math.floor(m / (streak + 1)) > n0 + perRound * Math.floor((1 - r) * (m - 0.5))) return m;
    throw new Error('no bound: arrivals outpace calls');
  }

  it('every ticket is called within its derived bound of rounds', () => {
    fc.assert(
      fc.property(hall, (h) => {
        const categoryIds = ['a', 'b', 'c'].slice(0, h.categories);
        const weightsOf = (w: number) => Object.fromEntries(categoryIds.map((c, i) => [c, h.weights[w]![i]!]));
        const windows = Array.from({ length: h.windows }, (_, w) => window(`w${w + 1}`, w + 1, weightsOf(w)));
        let r = 1;
        for (let w = 0; w < h.windows; w++) {
          const ws = categoryIds.map((_, i) => h.weights[w]![i]!);
          r = Math.min(r, Math.min(...ws) / Math.max(...ws));
        }
        const A = 1;
        // The derivation needs calls to outpace arrivals in each lane.
        fc.pre(h.windows / (h.streak + 1) > A * (1 - r));
        const config = hallConfig({
          settings: { weekdayHours: [{ start: '00:00', end: '23:59' }], priorityStreak: h.streak },
          categories: categoryIds.map((c) => category(c, c.toUpperCase(), { onePerPerson: false })),
          windows,
        });
        const engine = new QueueEngine(config, emptySnapshot());
        for (const w of windows) engine.signIn(w.id, { id: `clerk-${w.id}`, name: w.id }, at('08:00'));

        const issuedRound = new Map<string, number>();
        const bound = new Map<string, number>();
        const calledRound = new Map<string, number>();
        const totalRounds = h.arrivals.length + 200;
        let nextId = 1;
        for (let round = 0; round < totalRounds; round++) {
          const t = at('09:00') + round * MINUTE;
          const arrivals = h.arrivals[round];
          const fresh: Ticket[] = [];
          for (const [lane, list] of [
            ['normal', arrivals?.normal ?? []],
            ['priority', arrivals?.priority ?? []],
          ] as const) {
            for (const c of list) {
              const id = `t${nextId++}`;
              const [e] = engine.issue(
                { categoryId: categoryIds[c % categoryIds.length]!, personKey: null, priority: lane === 'priority', appointment: null, source: 'kiosk', issuedBy: 'k', ticketId: id, publicToken: id },
                t,
              );
              fresh.push(e!.ticket!);
              issuedRound.set(id, round);
            }
          }
          const waiting = fresh.length === 0 ? [] : engine.openTickets().filter((x) => x.state === 'waiting');
          for (const ticket of fresh) {
            const n0 = waiting.filter((x) => x.id !== ticket.id && x.priority === ticket.priority).length;
            bound.set(ticket.id, boundFor(n0, A, h.windows, h.streak, r));
          }
          for (const w of windows) {
            try {
              const events = engine.callNext(w.id, { kind: 'clerk', id: `clerk-${w.id}` }, t + 30_000, engine.currentTicket(w.id) ? 'finish' : undefined);
              const called = events.find((e) => e.type === 'ticket:called')!.ticket!;
              calledRound.set(called.id, round);
            } catch (error) {
              if (!(error instanceof HallError) || error.code !== 'NO_TICKET_WAITING') throw error;
            }
          }
          // Once arrivals stop and every ticket was called, further rounds prove nothing.
          if (round >= h.arrivals.length && calledRound.size === issuedRound.size) break;
        }
        for (const [id, round] of issuedRound) {
          const limit = round + bound.get(id)! - 1;
          expect(calledRound.has(id), `${id} never called`).toBe(true);
          expect(calledRound.get(id)!, `${id} issued in round ${round}, bound ${bound.get(id)}`).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: 40 },
    );
  });
});
