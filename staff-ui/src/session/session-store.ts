// The staff session lives in sessionStorage: it survives a reload of the desk but not the
// closing of the browser, and is never shared with another tab's login.
import type { SessionInfo } from '@hall/common/api';

const KEY = 'hall.staff.session';

export function loadSession(storage: Pick<Storage, 'getItem' | 'removeItem'>, now: number): SessionInfo | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as SessionInfo;
    if (typeof session.token !== 'string' || typeof session.expiresAt !== 'number' || !session.staff) throw new Error('bad session');
    if (session.expiresAt <= now) throw new Error('expired');
    return session;
  } catch {
    storage.removeItem(KEY);
    return null;
  }
}

export function saveSession(storage: Pick<Storage, 'setItem'>, session: SessionInfo): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}

/** The stored session's token, read without judging it (the server does); null when logged out. */
export function sessionToken(storage: Pick<Storage, 'getItem'>): string | null {
  try {
    const token = (JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<SessionInfo> | null)?.token;
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}
