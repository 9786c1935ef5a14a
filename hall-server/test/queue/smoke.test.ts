import { describe, expect, it } from 'vitest';
import { at, calledTicket, clerkActor, issue, newEngine, openWindows } from './builders.ts';

describe('queue engine: a day in one hall', () => {
  it('issues, calls, serves and finishes tickets', () => {
    const engine = newEngine();
    const a1 = issue(engine, 'a', at('09:00'));
    const a2 = issue(engine, 'a', at('09:01'));
    const b1 = issue(engine, 'b', at('09:02'));
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    openWindows(engine, ['w1', 'w2'], at('09:05'));
    expect(calledTicket(engine.callNext('w1', clerkActor('clerk-w1'), at('09:10'))).id).toBe(a1.id);
    expect(calledTicket(engine.callNext('w2', clerkActor('clerk-w2'), at('09:10'))).id).toBe(a2.id);
    engine.start('w1', clerkActor('clerk-w1'), at('09:11'));
    const finished = engine.finish('w1', clerkActor('clerk-w1'), at('09:21'));
    expect(finished.map((e) => e.type)).toEqual(['ticket:finished']);
    expect(engine.ticket(a1.id)).toBeUndefined();
    expect(engine.snapshot().recentServiceMinutes).toEqual({ a: [10] });
    expect(calledTicket(engine.callNext('w1', clerkActor('clerk-w1'), at('09:22'))).id).toBe(b1.id);
  });
});
