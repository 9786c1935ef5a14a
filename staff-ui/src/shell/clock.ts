// A signal with the hall server's time, corrected by the offset measured at the last
// snapshot (a kiosk's own clock may be minutes off), ticking once a second.
import { computed, signal, type ReadonlySignal } from '@preact/signals';

export function createClock(offsetMs: ReadonlySignal<number>, tickMs = 1000): ReadonlySignal<number> {
  const local = signal(Date.now());
  setInterval(() => (local.value = Date.now()), tickMs);
  return computed(() => local.value + offsetMs.value);
}
