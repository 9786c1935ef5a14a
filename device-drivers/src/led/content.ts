// What a window's LED number display shows, decided from the window's state: pure, no timers.
// The hall's choices (call, recall, pause, idle, sign-out) come from the agent configuration
// as small templates: `{number}` is the ticket number, `{window}` the window's number.
import { isDisplayable } from './codec.ts';

export interface BlinkOptions {
  /** One on-and-off cycle. */
  periodMs: number;
  /** How long to blink before the text stays on. */
  durationMs: number;
}

export interface LedContent {
  text: string;
  blink: BlinkOptions | null;
}

/** Whether the text is lit `elapsedMs` into a blink: on for the first half of each period, and for good once it is over. */
export function blinkOn(elapsedMs: number, blink: BlinkOptions): boolean {
  if (elapsedMs >= blink.durationMs || blink.periodMs <= 0) return true;
  return elapsedMs % blink.periodMs < blink.periodMs / 2;
}

/** When (ms from the start) the blink next changes between lit and dark; null once it has ended. */
export function nextBlinkChange(elapsedMs: number, blink: BlinkOptions): number | null {
  if (elapsedMs >= blink.durationMs || blink.periodMs <= 0) return null;
  const half = blink.periodMs / 2;
  return Math.min(blink.durationMs, (Math.floor(elapsedMs / half) + 1) * half);
}

export interface LedRule {
  text: string;
  blink: boolean;
}

export interface LedRules {
  call: LedRule;
  recall: LedRule;
  /** The reason is for the window screen and the boards; seven segments cannot show it. */
  pause: LedRule;
  /** Open, nobody called (after finishing, a no-show, a hold, a transfer, or just signed in). */
  idle: LedRule;
  signOut: LedRule;
  blink: BlinkOptions;
}

export const defaultLedRules: LedRules = {
  call: { text: '{number}', blink: true },
  recall: { text: '{number}', blink: true },
  // Longer than any display: fitted to the last `digits` characters, so a row of dashes.
  pause: { text: '------', blink: false },
  idle: { text: '', blink: false },
  signOut: { text: '', blink: false },
  blink: { periodMs: 500, durationMs: 5_000 },
};

/** A window as its display sees it. */
export interface WindowDisplayState {
  windowNumber: number;
  status: 'closed' | 'open' | 'paused';
  /** The number called or served at the window now. */
  number: string | null;
}

/** Why the window's state is being shown: a call and a recall blink, anything else does not. */
export type DisplayCause = 'call' | 'recall' | 'update';

/** Fills `{number}` and `{window}`; characters a display cannot show become blanks. */
export function renderTemplate(template: string, values: { number: string | null; windowNumber: number }): string {
  const text = template.replaceAll('{number}', values.number ?? '').replaceAll('{window}', String(values.windowNumber));
  return [...text].map((c) => (isDisplayable(c) ? c : ' ')).join('');
}

/** Whether a template shows only what a display can show once its placeholders are filled. */
export function isValidTemplate(template: string): boolean {
  return isDisplayable(template.replaceAll('{number}', '').replaceAll('{window}', ''));
}

export function ledContentFor(state: WindowDisplayState, cause: DisplayCause, rules: LedRules): LedContent {
  let rule: LedRule;
  if (state.status === 'closed') rule = rules.signOut;
  else if (state.status === 'paused') rule = rules.pause;
  else if (state.number === null) rule = rules.idle;
  else if (cause === 'recall') rule = rules.recall;
  // A number shown again for another reason (a snapshot, a resume) does not blink again.
  else rule = cause === 'call' ? rules.call : { ...rules.call, blink: false };
  return { text: renderTemplate(rule.text, state), blink: rule.blink ? rules.blink : null };
}
