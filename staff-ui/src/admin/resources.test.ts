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

  it('every field of every page has its words', () => {
    for (const resource of Object.values(resources)) {
      expect(resource.title).toBeTruthy();
      for (const field of resource.fields) expect(field.label, `${resource.slug}.${field.path}`).toBeTruthy();
      for (const column of resource.columns) expect(column.label).toBeTruthy();
    }
  });
});
