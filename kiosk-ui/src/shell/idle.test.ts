import { describe, expect, it } from 'vitest';
import { createIdleTimer } from './idle.ts';

/** A hand-cranked clock: timers fire only when `advance` passes their due time. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { due: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.due <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
  };
}

describe('idle timer', () => {
  it('fires once after the timeout without touches', () => {
    const clock = manualClock();
    let fired = 0;
    createIdleTimer({ timeoutMs: 60_000, onIdle: () => fired++, ...clock });
    clock.advance(59_999);
    expect(fired).toBe(0);
    clock.advance(1);
    expect(fired).toBe(1);
    clock.advance(120_000);
    expect(fired).toBe(1);
  });

  it('every touch restarts the wait', () => {
    const clock = manualClock();
    let fired = 0;
    const idle = createIdleTimer({ timeoutMs: 60_000, onIdle: () => fired++, ...clock });
    for (let i = 0; i < 5; i++) {
      clock.advance(50_000);
      idle.touch();
    }
    expect(fired).toBe(0);
    clock.advance(60_000);
    expect(fired).toBe(1);
  });

  it('stop cancels the wait', () => {
    const clock = manualClock();
    let fired = 0;
    const idle = createIdleTimer({ timeoutMs: 1000, onIdle: () => fired++, ...clock });
    idle.stop();
    clock.advance(5000);
    expect(fired).toBe(0);
  });
});
