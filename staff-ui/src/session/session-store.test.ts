import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@hall/common/api';
import { clearSession, loadSession, saveSession } from './session-store.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

const session: SessionInfo = { staff: { id: 'c1', username: 'wangfang', displayName: '王芳', role: 'clerk', enabled: true, windowId: null, windowLocked: false }, token: 'tok', expiresAt: 2000 };

describe('session store', () => {
  it('round-trips a live session', () => {
    const s = memoryStorage();
    saveSession(s, session);
    expect(loadSession(s, 1000)).toEqual(session);
  });

  it('drops an expired session', () => {
    const s = memoryStorage();
    saveSession(s, session);
    expect(loadSession(s, 2000)).toBeNull();
    expect(s.items.size).toBe(0);
  });

  it('drops garbage', () => {
    const s = memoryStorage();
    s.setItem('hall.staff.session', '{not json');
    expect(loadSession(s, 0)).toBeNull();
    s.setItem('hall.staff.session', '{"token":1}');
    expect(loadSession(s, 0)).toBeNull();
  });

  it('clear forgets it', () => {
    const s = memoryStorage();
    saveSession(s, session);
    clearSession(s);
    expect(loadSession(s, 0)).toBeNull();
  });
});
