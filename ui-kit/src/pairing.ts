// Pairing: trade the code an admin gave us for a device token (POST /api/devices/pair).
import type { PairingResult } from '@hall/common/api';
import type { ErrorBody } from '@hall/common/errors';
import { pairingMessages } from './messages.ts';

export type PairOutcome = { ok: true; result: PairingResult } | { ok: false; message: string };

export const PAIRING_CODE = /^\d{6,8}$/;

export async function pairDevice(code: string, fetchImpl: typeof fetch = fetch): Promise<PairOutcome> {
  if (!PAIRING_CODE.test(code)) return { ok: false, message: pairingMessages.invalidCode };
  try {
    const response = await fetchImpl('/api/devices/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, result: body as PairingResult };
    const error = (body as { error?: ErrorBody } | null)?.error;
    return { ok: false, message: error?.message ?? pairingMessages.failed };
  } catch {
    return { ok: false, message: pairingMessages.failed };
  }
}
