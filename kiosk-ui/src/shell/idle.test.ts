import { describe, expect, it } from 'vitest';
import { createIdleController } from './idle.ts';

describe('idle controller', () => {
  it('a touch without a click (a swipe) still ends the countdown', () => {
    const { idle, advance } = setup(false);
    advance(65);
    idle.touch();
    advance(2);
    expect(idle.phase.value).toBe('active');
  });

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

  it('a touch during the countdown cancels it (the overlay leaves on its own click)', () => {
    const { idle, advance, resets } = setup(false);
    advance(65);
    idle.touch();
    expect(idle.phase.value).toBe('countdown');
    idle.wake();
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
    // The waking touch must not reach the tiles underneath: only the overlay's click wakes.
    idle.touch();
    advance(0.5);
    expect(idle.phase.value).toBe('attract');
    idle.wake();
    expect(idle.phase.value).toBe('active');
  });
});
