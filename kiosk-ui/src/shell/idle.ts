// Idle reset: after `timeoutMs` without a touch, `onIdle` runs (the shell clears every screen
// and goes home). Timers come in as arguments so tests need no fake clock library.

export interface IdleTimer {
  /** Any touch, click or key restarts the wait. */
  touch(): void;
  stop(): void;
}

export interface IdleTimerOptions {
  timeoutMs: number;
  onIdle: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let handle: unknown = setTimer(fire, options.timeoutMs);

  function fire(): void {
    handle = undefined;
    options.onIdle();
  }

  return {
    touch() {
      if (handle !== undefined) clearTimer(handle);
      handle = setTimer(fire, options.timeoutMs);
    },
    stop() {
      if (handle !== undefined) clearTimer(handle);
      handle = undefined;
    },
  };
}

export const IDLE_TIMEOUT_MS = 60_000;
