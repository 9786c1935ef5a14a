// The live overview's rows, computed from the hall state and the devices' health: pure, so
// it is tested by table.
import type { DeviceHealth } from '@hall/common/events';
import type { HallState } from '@hall/common/hall-state';
import { ticketOf } from '@hall/common/hall-state';

export interface WindowRow {
  windowId: string;
  number: number;
  name: string;
  status: 'open' | 'paused' | 'closed';
  clerkName: string | null;
  pauseReason: string | null;
  ticketNumber: string | null;
  ticketState: string | null;
}

export function windowRows(state: HallState): WindowRow[] {
  return state.windows
    .filter((w) => w.enabled)
    .sort((a, b) => a.number - b.number)
    .map((w) => {
      const live = state.windowStates.find((s) => s.windowId === w.id);
      const status = live?.status ?? 'closed';
      const ticket = status === 'closed' ? undefined : ticketOf(state, live?.currentTicketId ?? null);
      const open = ticket && (ticket.state === 'called' || ticket.state === 'serving');
      return {
        windowId: w.id,
        number: w.number,
        name: w.name,
        status,
        clerkName: status === 'closed' ? null : (live?.clerkName ?? null),
        pauseReason: status === 'paused' ? (live?.pauseReason ?? null) : null,
        ticketNumber: open ? ticket.number : null,
        ticketState: open ? ticket.state : null,
      };
    });
}

export interface QueueRow {
  categoryId: string;
  prefix: string;
  name: string;
  waiting: number;
  longestMinutes: number | null;
  openWindows: number;
  issuedToday: number;
  quotaLeft: number | null;
  /** Someone waits and no open window serves the category: the hall must act. */
  unserved: boolean;
}

export function queueRows(state: HallState, now: number): QueueRow[] {
  const stats = new Map(state.stats.map((s) => [s.categoryId, s]));
  return state.categories
    .filter((c) => c.enabled)
    .map((c) => {
      const s = stats.get(c.id);
      const waiting = s?.waiting ?? 0;
      const since = s?.oldestWaitingSince ?? null;
      const openWindows = s?.openWindows ?? 0;
      return {
        categoryId: c.id,
        prefix: c.prefix,
        name: c.name,
        waiting,
        longestMinutes: since === null ? null : Math.max(0, Math.floor((now - since) / 60_000)),
        openWindows,
        issuedToday: s?.issuedToday ?? 0,
        quotaLeft: s?.quotaLeft ?? null,
        unserved: waiting > 0 && openWindows === 0,
      };
    })
    .sort((a, b) => (b.longestMinutes ?? -1) - (a.longestMinutes ?? -1));
}

/** Devices that need someone: offline, or online with a fault (kiosk 2's printer out of paper). */
export function devicesInTrouble(health: readonly DeviceHealth[]): DeviceHealth[] {
  return health.filter((d) => !d.online || d.faults.length > 0).sort((a, b) => Number(a.online) - Number(b.online) || a.name.localeCompare(b.name, 'zh-CN'));
}
