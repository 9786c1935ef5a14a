// Helpers for the forms tests: a paired kiosk, the sample submission, fresh idempotency keys.
import { randomUUID } from 'node:crypto';
import type { PairingResult } from '@hall/common/api';
import { sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import type { TestHall } from '../harness.ts';

export type ErrorReply = { error: { code: string; message: string; field?: string; details?: { problems?: Array<{ path: string; message: string }> } } };

/** Pairs one of the demo's kiosks and returns its device token. */
export async function pairKiosk(hall: TestHall, admin: string, id = 'kiosk-1'): Promise<string> {
  const code = await hall.request<{ code: string }>('POST', `/api/admin/devices/${id}/pairing-code`, {}, admin);
  const paired = await hall.request<PairingResult>('POST', '/api/devices/pair', { code: code.body.code });
  if (paired.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(paired.body)}`);
  return paired.body.token;
}

export const key = (): string => `test-${randomUUID()}`;

/** A deep copy of the sample 食品经营许可申请书 data (a small noodle shop). */
export function sampleData(): Record<string, unknown> {
  return structuredClone(sampleFoodLicenceSubmission.data);
}

export function sampleRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { formId: 'food-business-licence', formVersion: 1, data: sampleData(), idempotencyKey: key(), ...overrides };
}
