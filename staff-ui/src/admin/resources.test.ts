import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD, resources } from './resources.ts';

describe('resource rules', () => {
  it('a device turned into a board gets default board settings; others lose them and their window', () => {
    const devices = resources.devices!;
    const board = devices.normalize!({ ...devices.blank(), id: 'b1', kind: 'board', windowId: 'w1' }, true);
    expect(board).toMatchObject({ board: DEFAULT_BOARD, windowId: null });
    const kiosk = devices.normalize!({ ...board, kind: 'kiosk' }, false);
    expect(kiosk).toMatchObject({ board: null, windowId: null });
    const agent = devices.normalize!({ ...kiosk, kind: 'agent', windowId: 'w1' }, false);
    expect(agent).toMatchObject({ board: null, windowId: 'w1' });
  });

  it('a new account takes its id from the username; an empty password is not sent', () => {
    const staff = resources.staff!;
    const created = staff.normalize!({ ...staff.blank(), username: 'zhang.wei' }, true);
    expect(created.id).toBe('zhang-wei');
    expect(staff.normalize!({ ...created, username: 'other' }, false).id).toBe('zhang-wei');
    expect(staff.toWire!({ ...created, password: '' })).not.toHaveProperty('password');
    expect(staff.toWire!({ ...created, password: 'secret-123' })).toHaveProperty('password', 'secret-123');
  });

  it('an account is locked only to a window it is assigned; the list names the window', () => {
    const staff = resources.staff!;
    const blank = staff.blank();
    expect(blank).toMatchObject({ windowId: null, windowLocked: false });
    const locked = staff.normalize!({ ...blank, username: 'li.na', windowId: 'w1', windowLocked: true }, true);
    expect(locked).toMatchObject({ windowId: 'w1', windowLocked: true });
    // Clearing the window clears the lock (the server would refuse a lock without a window).
    expect(staff.normalize!({ ...locked, windowId: null }, false)).toMatchObject({ windowId: null, windowLocked: false });
    // The lock is offered only once a window is chosen.
    const lockField = staff.fields.find((f) => f.path === 'windowLocked')!;
    expect(lockField.when!({ ...blank })).toBe(false);
    expect(lockField.when!({ ...blank, windowId: 'w1' })).toBe(true);
    const column = staff.columns.find((c) => c.label === '指定窗口')!;
    const ctx = { state: { windows: [{ id: 'w1', number: 12, name: '税务', zone: '', categories: [], enabled: true }] } as never };
    expect(column.value(locked, ctx)).toBe('12号（仅限）');
    expect(column.value({ ...locked, windowLocked: false }, ctx)).toBe('12号');
    expect(column.value(blank, ctx)).toBe('');
  });

  it('every field of every page has its words', () => {
    for (const resource of Object.values(resources)) {
      expect(resource.title).toBeTruthy();
      for (const field of resource.fields) expect(field.label, `${resource.slug}.${field.path}`).toBeTruthy();
      for (const column of resource.columns) expect(column.label).toBeTruthy();
    }
  });
});
