// Staff accounts, their sessions, and paired devices. Secrets (passwords, session and
// device tokens, pairing codes) are stored only as hashes.
import type { Device, Staff } from '@hall/common/domain';
import type { Db } from './db.ts';
import { writeOp, type WriteOp } from './write-op.ts';

export interface DeviceRecord {
  device: Device;
  lastSeenAt: number | null;
  faults: Array<{ device: string; code: string; message: string; since: number }>;
}

export class AccountStore {
  constructor(private readonly db: Db) {}

  putStaff(staff: Staff, passwordHash?: string): void {
    if (passwordHash !== undefined) {
      this.db
        .prepare(
          `INSERT INTO staff (id, username, password_hash, json) VALUES (?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET username = excluded.username, password_hash = excluded.password_hash, json = excluded.json`,
        )
        .run(staff.id, staff.username, passwordHash, JSON.stringify(staff));
    } else {
      const changes = this.db
        .prepare('UPDATE staff SET username = ?, json = ? WHERE id = ?')
        .run(staff.username, JSON.stringify(staff), staff.id).changes;
      if (changes === 0) throw new Error(`staff ${staff.id} does not exist; a new account needs a password`);
    }
  }

  staff(id: string): Staff | undefined {
    const row = this.db.prepare('SELECT json FROM staff WHERE id = ?').get(id) as { json: string } | undefined;
    return row ? toStaff(row.json) : undefined;
  }

  staffWithHash(username: string): { staff: Staff; passwordHash: string } | undefined {
    const row = this.db.prepare('SELECT json, password_hash FROM staff WHERE username = ?').get(username) as
      | { json: string; password_hash: string }
      | undefined;
    return row ? { staff: toStaff(row.json), passwordHash: row.password_hash } : undefined;
  }

  listStaff(): Staff[] {
    return (this.db.prepare('SELECT json FROM staff ORDER BY username').all() as Array<{ json: string }>).map((r) => toStaff(r.json));
  }

  removeStaff(id: string): boolean {
    return this.db.prepare('DELETE FROM staff WHERE id = ?').run(id).changes > 0;
  }

  createSession(tokenHash: string, staffId: string, now: number, expiresAt: number): void {
    this.db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, staffId, now, expiresAt);
  }

  session(tokenHash: string, now: number): { staffId: string; expiresAt: number } | undefined {
    return this.db
      .prepare('SELECT staff_id AS staffId, expires_at AS expiresAt FROM sessions WHERE token_hash = ? AND expires_at > ?')
      .get(tokenHash, now) as { staffId: string; expiresAt: number } | undefined;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteSessionsOf(staffId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE staff_id = ?').run(staffId);
  }

  purgeSessions(now: number): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  putDevice(device: Device): void {
    this.db.prepare('INSERT INTO devices (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(device.id, JSON.stringify(device));
  }

  device(id: string): DeviceRecord | undefined {
    const row = this.db.prepare('SELECT json, last_seen_at, faults_json FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  listDevices(): DeviceRecord[] {
    return (this.db.prepare('SELECT json, last_seen_at, faults_json FROM devices ORDER BY rowid').all() as DeviceRow[]).map(toRecord);
  }

  removeDevice(id: string): boolean {
    return this.db.prepare('DELETE FROM devices WHERE id = ?').run(id).changes > 0;
  }

  setPairingCode(id: string, codeHash: string, expiresAt: number): void {
    this.db.prepare('UPDATE devices SET pairing_code_hash = ?, pairing_expires_at = ? WHERE id = ?').run(codeHash, expiresAt, id);
  }

  /** Exchanges a valid pairing code for a device token (stored hashed); the code is spent. */
  completePairing(codeHash: string, tokenHash: string, now: number): Device | undefined {
    const row = this.db
      .prepare('SELECT id, json FROM devices WHERE pairing_code_hash = ? AND pairing_expires_at > ?')
      .get(codeHash, now) as { id: string; json: string } | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE devices SET token_hash = ?, pairing_code_hash = NULL, pairing_expires_at = NULL WHERE id = ?').run(tokenHash, row.id);
    return JSON.parse(row.json) as Device;
  }

  deviceByToken(tokenHash: string): Device | undefined {
    const row = this.db.prepare('SELECT json FROM devices WHERE token_hash = ?').get(tokenHash) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Device) : undefined;
  }

  setDeviceToken(id: string, tokenHash: string): void {
    this.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(tokenHash, id);
  }

  touchDevice(id: string, at: number): void {
    const op = this.touchDeviceOp(id, at);
    this.db.prepare(op.sql).run(...(op.params as unknown[]));
  }

  /** The last-seen update as a write for the commit thread. */
  touchDeviceOp(id: string, at: number): WriteOp {
    return writeOp('UPDATE devices SET last_seen_at = ? WHERE id = ?', [at, id]);
  }

  setFaults(id: string, faults: DeviceRecord['faults']): void {
    this.db.prepare('UPDATE devices SET faults_json = ? WHERE id = ?').run(JSON.stringify(faults), id);
  }
}

/** An account as stored; fields added since it was written take their defaults (no window assigned). */
function toStaff(json: string): Staff {
  return { windowId: null, windowLocked: false, ...(JSON.parse(json) as Partial<Staff>) } as Staff;
}

type DeviceRow = { json: string; last_seen_at: number | null; faults_json: string };

function toRecord(row: DeviceRow): DeviceRecord {
  return { device: JSON.parse(row.json) as Device, lastSeenAt: row.last_seen_at, faults: JSON.parse(row.faults_json) as DeviceRecord['faults'] };
}
