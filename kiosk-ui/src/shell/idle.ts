// The idle policy: a countdown away from home, then everything is cleared; the attract
// screen after a longer quiet spell at home. The clock comes in as an argument so tests need
// no fake timer library.
import { signal, type ReadonlySignal } from '@preact/signals';

const TOUCH_WITHOUT_CLICK_S = 1.5;

export type IdlePhase = 'active' | 'countdown' | 'attract';

export interface IdleControllerOptions {
  /** Read at every tick, so setup mode's changes apply at once. */
  timing: () => { idleSeconds: number; countdownSeconds: number; attractSeconds: number };
  /** True when nothing personal is on screen (home): no countdown needed, only the attract screen. */
  atHome: () => boolean;
  /** Clear every flow and personal data, go home. */
  onReset: () => void;
  now?: () => number;
  every?: (fn: () => void, ms: number) => unknown;
}

export interface IdleController {
  readonly phase: ReadonlySignal<IdlePhase>;
  /** Seconds left in the countdown. */
  readonly secondsLeft: ReadonlySignal<number>;
  touch(): void;
  /** The citizen tapped the countdown or attract overlay: back to work. */
  wake(): void;
  /** Re-evaluates the phase; the controller calls it every second, tests call it by hand. */
  tick(): void;
}

/**
 * The kiosk's idle policy: after `idleSeconds` without a touch away from home, a countdown
 * that any touch cancels; at its end everything is cleared and home returns. At home, after
 * `attractSeconds`, the attract screen. One clock read per tick instead of juggled timers,
 * so a changed setting or a page that slept simply lands in the right phase.
 */
export function createIdleController(options: IdleControllerOptions): IdleController {
  const now = options.now ?? (() => Date.now());
  const phase = signal<IdlePhase>('active');
  const secondsLeft = signal(0);
  let lastTouch = now();

  function tick(): void {
    const { idleSeconds, countdownSeconds, attractSeconds } = options.timing();
    const elapsed = (now() - lastTouch) / 1000;
    // The overlays leave through wake() (their own click), not through the touch that starts
    // it: were they gone at pointerdown, the click would land on the button underneath.
    // A touch that brings no click (a swipe) still ends the countdown after a moment.
    if (options.atHome()) {
      if (phase.value !== 'attract') phase.value = elapsed >= attractSeconds ? 'attract' : 'active';
      return;
    }
    if (phase.value === 'countdown' && elapsed < idleSeconds) {
      if (elapsed >= TOUCH_WITHOUT_CLICK_S) phase.value = 'active';
      return;
    }
    if (elapsed >= idleSeconds + countdownSeconds) {
      options.onReset();
      // The attract screen follows after a further quiet spell at home.
      lastTouch = now();
      phase.value = 'active';
    } else if (elapsed >= idleSeconds) {
      secondsLeft.value = Math.ceil(idleSeconds + countdownSeconds - elapsed);
      phase.value = 'countdown';
    } else {
      phase.value = 'active';
    }
  }

  (options.every ?? ((fn, ms) => setInterval(fn, ms)))(tick, 1000);
  return {
    phase,
    secondsLeft,
    touch() {
      lastTouch = now();
    },
    wake() {
      lastTouch = now();
      phase.value = 'active';
    },
    tick,
  };
}
