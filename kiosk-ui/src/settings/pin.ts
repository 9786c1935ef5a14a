// The setup PIN. Decision: a kiosk verifies its PIN locally, against a salted SHA-256 hash in
// its own settings, so setup mode works when the hall server is unreachable or the kiosk is
// not paired yet (exactly when an admin needs it). Until an admin sets one, the documented
// demo PIN applies (kiosk-ui/README.md); setup mode asks to change it.
// Wrong PINs lock the gesture out for a while; the count lives in local storage so reloading
// the page does not reset it.

export const DEMO_PIN = '246810';
export const PIN_PATTERN = /^\d{6,8}$/;
export const MAX_WRONG_PINS = 3;
export const LOCKOUT_MS = 5 * 60_000;
export const LOCKOUT_KEY = 'hall.kiosk.pinLockout';

export async function hashPin(pin: string): Promise<string> {
  const bytes = new TextEncoder().encode(`hall-kiosk-pin:${pin}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function pinMatches(pin: string, pinHash: string | null): Promise<boolean> {
  return (await hashPin(pin)) === (pinHash ?? (await hashPin(DEMO_PIN)));
}

export interface LockoutState {
  wrong: number;
  /** Until when the PIN is refused (epoch ms), 0 when not locked. */
  lockedUntil: number;
}

export function parseLockout(raw: string | null): LockoutState {
  try {
    const v = JSON.parse(raw ?? '') as Partial<LockoutState>;
    return { wrong: Number(v.wrong) || 0, lockedUntil: Number(v.lockedUntil) || 0 };
  } catch {
    return { wrong: 0, lockedUntil: 0 };
  }
}

/** The state after one wrong PIN at `now`: the third wrong one in a row locks. */
export function afterWrongPin(state: LockoutState, now: number): LockoutState {
  const wrong = state.wrong + 1;
  return wrong >= MAX_WRONG_PINS ? { wrong: 0, lockedUntil: now + LOCKOUT_MS } : { wrong, lockedUntil: 0 };
}

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil > now;
}
