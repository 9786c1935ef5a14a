import { describe, expect, it } from 'vitest';
import { createIdleController, createIdleTimer } from './idle.ts';

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

describe('idle controller', () => {
  function setup(atHome: boolean) {
    let t = 0;
    let resets = 0;
    let home = atHome;
    const idle = createIdleController({
      timing: () => ({ idleSeconds: 60, countdownSeconds: 10, attractSeconds: 120 }),
      atHome: () => home,
      onReset: () => {
        resets++;
        home = true;
      },
      now: () => t,
      every: () => undefined,
    });
    return { idle, advance: (s: number) => ((t += s * 1000), idle.tick()), resets: () => resets };
  }

  it('away from home: countdown, then reset', () => {
    const { idle, advance, resets } = setup(false);
    advance(59);
    expect(idle.phase.value).toBe('active');
    advance(2);
    expect(idle.phase.value).toBe('countdown');
    expect(idle.secondsLeft.value).toBe(9);
    advance(9);
    expect(resets()).toBe(1);
    expect(idle.phase.value).toBe('active');
  });

  it('a touch during the countdown cancels it', () => {
    const { idle, advance, resets } = setup(false);
    advance(65);
    idle.touch();
    expect(idle.phase.value).toBe('active');
    advance(30);
    expect(idle.phase.value).toBe('active');
    expect(resets()).toBe(0);
  });

  it('at home: no countdown, the attract screen after the longer wait', () => {
    const { idle, advance } = setup(true);
    advance(100);
    expect(idle.phase.value).toBe('active');
    advance(20);
    expect(idle.phase.value).toBe('attract');
    idle.touch();
    expect(idle.phase.value).toBe('active');
  });
});
