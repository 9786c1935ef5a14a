// Personal data at the edge: an ID number becomes a keyed hash (enough to enforce one
// waiting ticket per person) and is then forgotten. The key lives in the database's
// secrets table, so hashes are useless without the hall's own file.
import { createHmac, randomBytes } from 'node:crypto';
import { checkIdNumber, idNumberFacts, idNumberMessages, ageOn } from '@hall/common/validators';
import { HallError } from '@hall/common/errors';
import type { Identity } from '@hall/common/api';
import type { Db } from '../store/db.ts';

export function loadOrCreateSecret(db: Db, name: string): Buffer {
  const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as { value: Buffer } | undefined;
  if (row) return row.value;
  const value = randomBytes(32);
  db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?)').run(name, value);
  return value;
}

export interface CheckedIdentity {
  personKey: string;
  /** Age on the hall day, when the card or number tells the birth date. */
  age: number | null;
}

export function checkIdentity(identity: Identity, secret: Buffer, today: string): CheckedIdentity {
  const idNumber = identity.idNumber.replace(/\s+/g, '').toUpperCase();
  let birthDate = identity.birthDate ?? null;
  if (identity.cardKind === 'resident') {
    const problem = checkIdNumber(idNumber, today);
    if (problem) throw new HallError('VALIDATION_FAILED', { field: 'identity.idNumber', message: idNumberMessages[problem] });
    birthDate ??= idNumberFacts(idNumber).birthDate;
  }
  const personKey = createHmac('sha256', secret).update(`${identity.cardKind}:${idNumber}`).digest('base64url');
  return { personKey, age: birthDate ? ageOn(birthDate, today) : null };
}
