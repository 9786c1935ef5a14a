// Where a staff account may sign in: at any enabled window that is free, unless an admin fixed
// the account to its assigned window (staff.windowLocked). An assigned window that is not
// locked is only the desk's default; the clerk may still choose another.
import { HallError } from '@hall/common/errors';
import type { Staff, WindowConfig } from '@hall/common/domain';

export function assertMaySignIn(staff: Staff, windowId: string, windows: readonly WindowConfig[]): void {
  if (!staff.windowLocked || !staff.windowId || staff.windowId === windowId) return;
  const assigned = windows.find((w) => w.id === staff.windowId);
  throw new HallError('WINDOW_NOT_ASSIGNED', {
    field: 'windowId',
    ...(assigned ? { message: `您的账号只能在${assigned.number}号窗口签入，如需调整请联系管理员` } : {}),
    details: { windowId: staff.windowId, windowNumber: assigned?.number ?? null },
  });
}
