import { describe, expect, it } from 'vitest';
import type { HallEvent } from '@hall/common/events';
import { changesAccount } from './app-model.ts';

const event = (type: HallEvent['type'], detail?: Record<string, unknown>): HallEvent =>
  ({ seq: 1, type, at: 0, hallDay: '2026-11-23', actor: { kind: 'admin', id: 'admin' }, stats: [], ...(detail ? { detail } : {}) }) as HallEvent;

describe('changesAccount', () => {
  it('an admin changing or removing this account', () => {
    expect(changesAccount(event('config:changed', { action: 'staff.update', target: 'c1' }), 'c1')).toBe(true);
    expect(changesAccount(event('config:changed', { action: 'staff.delete', target: 'c1' }), 'c1')).toBe(true);
  });
  it('not another account, another collection, or another event', () => {
    expect(changesAccount(event('config:changed', { action: 'staff.update', target: 'c2' }), 'c1')).toBe(false);
    expect(changesAccount(event('config:changed', { action: 'windows.update', target: 'c1' }), 'c1')).toBe(false);
    expect(changesAccount(event('ticket:called', { action: 'staff.update', target: 'c1' }), 'c1')).toBe(false);
    expect(changesAccount(event('config:changed', { action: 'staff.update', target: 'c1' }), undefined)).toBe(false);
  });
});
