// Staff sign-in, sessions and device pairing.
import { HallError } from '@hall/common/errors';
import type { Device, Staff } from '@hall/common/domain';
import type { SessionInfo, PairingResult } from '@hall/common/api';
import type { HallService } from '../service/hall-service.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, newPairingCode, newToken } from './tokens.ts';

const SESSION_HOURS = 12;
const PAIRING_MINUTES = 15;
/** A password hash compared against when the user does not exist, so timing tells nothing. */
let decoyHash: Promise<string> | undefined;

export class AuthService {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly hall: HallService) {}

  async login(username: string, password: string, client: string): Promise<SessionInfo> {
    const now = this.hall.now();
    this.checkThrottle(client, now);
    const found = this.hall.accounts.staffWithHash(username);
    decoyHash ??= hashPassword('decoy-password');
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash));
    if (!found || !ok || !found.staff.enabled) {
      this.noteFailure(client, now);
      await this.hall.recordAudit({ kind: 'citizen', id: client }, 'auth.loginFailed', username);
      throw new HallError('LOGIN_FAILED');
    }
    this.failures.delete(client);
    const token = newToken();
    const expiresAt = now + SESSION_HOURS * 3_600_000;
    this.hall.accounts.createSession(hashToken(token), found.staff.id, now, expiresAt);
    await this.hall.recordAudit({ kind: found.staff.role === 'admin' ? 'admin' : 'clerk', id: found.staff.id }, 'auth.login', found.staff.id);
    return { staff: found.staff, token, expiresAt };
  }

  logout(token: string): void {
    this.hall.accounts.deleteSession(hashToken(token));
  }

  /** The staff member behind a session token, or undefined when it is unknown or expired. */
  staffFor(token: string | undefined): Staff | undefined {
    if (!token) return undefined;
    const session = this.hall.accounts.session(hashToken(token), this.hall.now());
    if (!session) return undefined;
    const staff = this.hall.accounts.staff(session.staffId);
    return staff?.enabled ? staff : undefined;
  }

  deviceFor(token: string | undefined): Device | undefined {
    if (!token) return undefined;
    const device = this.hall.accounts.deviceByToken(hashToken(token));
    return device?.enabled ? device : undefined;
  }

  /** Issues a one-time pairing code for a registered device (admin action). */
  createPairingCode(deviceId: string): { code: string; expiresAt: number } {
    const code = newPairingCode();
    const expiresAt = this.hall.now() + PAIRING_MINUTES * 60_000;
    this.hall.accounts.setPairingCode(deviceId, hashToken(code), expiresAt);
    return { code, expiresAt };
  }

  async pair(code: string, client: string): Promise<PairingResult> {
    const now = this.hall.now();
    this.checkThrottle(client, now);
    const token = newToken();
    const device = this.hall.accounts.completePairing(hashToken(code), hashToken(token), now);
    if (!device) {
      this.noteFailure(client, now);
      throw new HallError('PAIRING_CODE_INVALID', { field: 'code' });
    }
    await this.hall.recordAudit({ kind: 'device', id: device.id }, 'device.paired', device.id);
    return { device, token };
  }

  /** Gives a device a fresh token without a code (the demo's pre-pairing on localhost). */
  issueDeviceToken(deviceId: string): string {
    const token = newToken();
    this.hall.accounts.setDeviceToken(deviceId, hashToken(token));
    return token;
  }

  // Five wrong tries from one client lock it out for a minute: slows guessing of passwords
  // and six-digit pairing codes without locking out a whole hall.
  private checkThrottle(client: string, now: number): void {
    const f = this.failures.get(client);
    if (f && f.count >= 5 && f.until > now) throw new HallError('RATE_LIMITED');
  }

  private noteFailure(client: string, now: number): void {
    const f = this.failures.get(client);
    const count = f && f.until > now ? f.count + 1 : 1;
    this.failures.set(client, { count, until: now + 60_000 });
  }
}
