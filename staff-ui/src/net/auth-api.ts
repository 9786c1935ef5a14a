// Staff login over REST: POST /api/auth/login {username, password} → {staff, token, expiresAt}.
import type { SessionInfo } from '@hall/common/api';
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
