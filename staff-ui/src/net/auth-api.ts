// Staff login over REST: POST /api/auth/login {username, password} → {staff, token, expiresAt}.
import type { SessionInfo } from '@hall/common/api';
import type { Staff } from '@hall/common/domain';
import type { ErrorBody } from '@hall/common/errors';
import { messages } from '../messages.ts';

export type LoginOutcome = { ok: true; session: SessionInfo } | { ok: false; message: string };

export async function login(username: string, password: string, fetchImpl: typeof fetch = fetch): Promise<LoginOutcome> {
  try {
    const response = await fetchImpl('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, session: body as SessionInfo };
    const error = (body as { error?: ErrorBody } | null)?.error;
    return { ok: false, message: error?.message ?? messages.login.failed };
  } catch {
    return { ok: false, message: messages.login.failed };
  }
}

/**
 * The signed-in account as the server has it now (GET /api/auth/me): an admin may have changed
 * it (an assigned window) since the login. Null when the session is no longer accepted;
 * undefined when the server could not be asked.
 */
export async function fetchMyAccount(token: string, fetchImpl: typeof fetch = fetch): Promise<Staff | null | undefined> {
  try {
    const response = await fetchImpl('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) return null;
    if (!response.ok) return undefined;
    return ((await response.json()) as { staff: Staff }).staff;
  } catch {
    return undefined;
  }
}
