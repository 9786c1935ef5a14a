// Commissioning LED number displays (`hall-devices led …`): find what answers on a line, give
// a new display its unit id while it is the only one connected, and show a test pattern that
// lights every segment and then the display's own unit id, so a person on a ladder can check
// each display and its address at a glance.
import { LED_MAX_CHARS, isUnitId } from './codec.ts';
import { LedError, type LedBus } from './driver.ts';

/** Every unit id the displays accept, in order. */
export function unitIdRange(from = 1, to = 247): number[] {
  if (!isUnitId(from) || !isUnitId(to) || from > to) throw new RangeError(`a unit id range is 1–255, low to high (got ${from}–${to})`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The test pattern's frames: all segments (8), each digit and the letters across the whole
 * display, dashes, blank, then `Id` and the unit id, which stays.
 */
export function testPatternFrames(unitId: number, digits: number): string[] {
  const fill = (c: string) => c.repeat(digits);
  const id = String(unitId);
  const label = digits - id.length >= 2 ? `${'ID'.slice(0, digits - id.length)}${id}` : id;
  return [fill('8'), ...'0123456789'.split('').map(fill), 'ABCDEF'.slice(0, digits), '-'.repeat(digits), '', label.slice(-Math.min(digits, LED_MAX_CHARS))];
}

export async function showTestPattern(bus: LedBus, unitId: number, digits: number, stepMs = 400, onFrame?: (text: string) => void): Promise<void> {
  const frames = testPatternFrames(unitId, digits);
  for (const [i, frame] of frames.entries()) {
    await bus.showText(unitId, frame, digits);
    onFrame?.(frame);
    if (i < frames.length - 1) await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * Move a display from `from` (1 when it comes from the factory) to `to`, one display on the
 * line at a time. Refuses when `to` already answers: two displays at one id garble each other.
 */
export async function assignUnitId(bus: LedBus, from: number, to: number): Promise<void> {
  if (from === to) return;
  if (await bus.probe(to, { retries: 1 })) throw new LedError('REFUSED', to, `unit id ${to} is already used on this line: pick another, or disconnect that display first`);
  if (!(await bus.probe(from, { retries: 1 }))) throw new LedError('NO_ANSWER', from, `no display answers at unit id ${from}: run "led scan" to find it`);
  await bus.setUnitId(from, to);
}
