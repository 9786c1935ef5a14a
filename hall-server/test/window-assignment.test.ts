// A clerk's assigned window (指定窗口): set by an admin on the staff account, validated, audited
// and pushed live; a locked account signs in only there, an unlocked one may choose another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '@hall/common/domain';
import type { HallEvent } from '@hall/common/events';
import { startHall, ADMIN, CLERK, type TestHall } from './harness.ts';

type ErrorReply = { error: { code: string; message: string; field?: string } };

let hall: TestHall;
let admin: string;

beforeAll(async () => {
  hall = await startHall();
  admin = await hall.login(ADMIN);
});
afterAll(() => hall.cleanup());

async function staffRecord(id: string): Promise<Staff> {
  const list = await hall.request<Staff[]>('GET', '/api/admin/staff', undefined, admin);
  return list.body.find((s) => s.id === id)!;
}

async function putStaff(id: string, change: Partial<Staff>) {
  return hall.request<Staff & ErrorReply>('PUT', `/api/admin/staff/${id}`, { ...(await staffRecord(id)), ...change }, admin);
}

describe('assigned windows', () => {
  it('accounts stored before the field existed read as unassigned', async () => {
    hall.server.db
      .prepare('INSERT INTO staff (id, username, password_hash, json) VALUES (?, ?, ?, ?)')
      .run('old-clerk', 'old.clerk', 'x', JSON.stringify({ id: 'old-clerk', username: 'old.clerk', displayName: '老同事', role: 'clerk', enabled: true }));
    expect(await staffRecord('old-clerk')).toMatchObject({ windowId: null, windowLocked: false });
    expect(await staffRecord('clerk01')).toMatchObject({ windowId: null, windowLocked: false });
  });

  it('validates the window: it must exist, and locking needs one', async () => {
    const unknown = await putStaff('clerk01', { windowId: 'w-none' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'windowId' });
    const lockedNowhere = await putStaff('clerk01', { windowId: null, windowLocked: true });
    expect(lockedNowhere.status).toBe(400);
    expect(lockedNowhere.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'windowLocked' });
    const malformed = await putStaff('clerk01', { windowId: 'W 1' });
    expect(malformed.status).toBe(400);
    expect((await staffRecord('clerk01')).windowId).toBeNull();
    // A new account may be created with its window.
    const created = await hall.request<Staff>(
      'POST',
      '/api/admin/staff',
      { id: 'clerk-new', username: 'clerk.new', displayName: '新同事', role: 'clerk', windowId: 'w07', windowLocked: true, password: 'new-clerk-2026' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(await staffRecord('clerk-new')).toMatchObject({ windowId: 'w07', windowLocked: true });
  });

  it('an assignment is audited and pushed live; an unlocked clerk may still choose another window', async () => {
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
    const saved = await putStaff('clerk01', { windowId: 'w02' });
    expect(saved.status).toBe(200);
    const pushed = await counter.waitFor((e: HallEvent) => e.type === 'config:changed' && e.detail?.action === 'staff.update' && e.detail?.target === 'clerk01');
    expect(pushed.actor).toEqual({ kind: 'admin', id: 'admin' });
    const audit = await hall.request<Array<{ action: string; target: string; detail: { before?: Staff; after?: Staff } }>>('GET', '/api/admin/audit?limit=20', undefined, admin);
    const entry = audit.body.find((a) => a.action === 'staff.update' && a.target === 'clerk01');
    expect(entry?.detail.before?.windowId).toBeNull();
    expect(entry?.detail.after?.windowId).toBe('w02');
    // The clerk's own record (what the desk reads) names the window.
    const token = await hall.login(CLERK(1));
    expect((await hall.request<{ staff: Staff }>('GET', '/api/auth/me', undefined, token)).body.staff.windowId).toBe('w02');
    // Not locked: another window is fine.
    await counter.ok('window:signIn', { windowId: 'w05' });
    await counter.ok('window:signOut', { windowId: 'w05' });
    counter.close();
  });

  it('a locked clerk signs in only at the assigned window, even on a socket opened before the lock', async () => {
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
    expect((await putStaff('clerk01', { windowId: 'w02', windowLocked: true })).status).toBe(200);
    const refused = await counter.command('window:signIn', { windowId: 'w05' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('WINDOW_NOT_ASSIGNED');
      expect(refused.error.message).toContain('2号窗口');
    }
    // Over REST too.
    const rest = await hall.request<ErrorReply>('POST', '/api/windows/w05/sign-in', {}, await hall.login(CLERK(1)));
    expect(rest.status).toBe(403);
    expect(rest.body.error.code).toBe('WINDOW_NOT_ASSIGNED');
    expect(hall.server.hall.windowState('w05')?.clerkId ?? null).toBeNull();
    await counter.ok('window:signIn', { windowId: 'w02' });
    expect(hall.server.hall.windowState('w02')?.clerkId).toBe('clerk01');
    await counter.ok('window:signOut', { windowId: 'w02' });
    // Unlocked again: free to choose.
    expect((await putStaff('clerk01', { windowLocked: false })).status).toBe(200);
    await counter.ok('window:signIn', { windowId: 'w05' });
    await counter.ok('window:signOut', { windowId: 'w05' });
    counter.close();
  });

  it('a window someone is assigned to cannot be deleted', async () => {
    const removed = await hall.request<ErrorReply>('DELETE', '/api/admin/windows/w02', undefined, admin);
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toContain('王敏');
    expect((await putStaff('clerk01', { windowId: null })).status).toBe(200);
    expect((await hall.request('DELETE', '/api/admin/windows/w02', undefined, admin)).status).toBe(204);
  });
});
