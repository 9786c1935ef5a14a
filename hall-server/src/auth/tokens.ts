// Random bearer tokens; only their SHA-256 is stored, so a copied database does not
// yield working sessions or device tokens.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A six-digit pairing code an admin reads out or types on the device. */
export function newPairingCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
