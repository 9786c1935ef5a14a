// The board's models, composed once: the connection, the hall clock, and the voice fed by
// live call events (never by a snapshot, so a reload does not repeat old calls).
import type { ReadonlySignal } from '@preact/signals';
import type { HallEvent } from '@hall/common/events';
import type { BoardConnection } from './net/hall-connection.ts';
import type { Announcer } from './voice/announcer.ts';
import { buildAnnouncement } from './voice/announcement.ts';
import { boardSettingsOf, boardShowsCall } from './board/board-view.ts';
import { createClock } from './shell/clock.ts';
import type { Route } from './route.ts';

export interface BoardModel {
  readonly connection: BoardConnection;
  readonly route: Route;
  readonly now: ReadonlySignal<number>;
}

/**
 * Did an admin just change or remove this very device? Its own settings (zone, categories,
 * layout, voice) come with the handshake, so the board then reconnects to pick them up.
 */
export function changesThisDevice(event: HallEvent, deviceId: string | undefined): boolean {
  if (event.type !== 'config:changed' || !deviceId) return false;
  const action = event.detail?.action;
  return typeof action === 'string' && action.startsWith('devices.') && event.detail?.target === deviceId;
}

export function createBoardModel(connection: BoardConnection, route: Route, announcer: Announcer): BoardModel {
  connection.onEvent((event, state) => {
    if (changesThisDevice(event, state.device?.id)) connection.reconnect();
  });
  // A window screen is silent: the hall board speaks.
  if (route.kind === 'board') {
    connection.onEvent((event, state) => {
      const call = state.recentCalls[0];
      if (event.type !== 'ticket:called' && event.type !== 'ticket:recalled' && event.type !== 'ticket:reactivated') return;
      // A no-show put back in the queue is reactivated too, but not called: nothing to say.
      if (event.ticket?.state !== 'called') return;
      if (!call || call.ticketId !== event.ticket.id || !boardShowsCall(state, call)) return;
      const settings = boardSettingsOf(state);
      if (settings && !settings.speak) {
        announcer.clear();
        return;
      }
      announcer.announce(buildAnnouncement(settings?.voiceTemplate, call));
    });
  }
  return { connection, route, now: createClock(connection.clockOffsetMs) };
}
