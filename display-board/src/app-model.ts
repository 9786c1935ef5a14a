// The board's models, composed once: the connection, the hall clock, and the voice fed by
// live call events (never by a snapshot, so a reload does not repeat old calls).
import type { ReadonlySignal } from '@preact/signals';
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

export function createBoardModel(connection: BoardConnection, route: Route, announcer: Announcer): BoardModel {
  // A window screen is silent: the hall board speaks.
  if (route.kind === 'board') {
    connection.onEvent((event, state) => {
      const call = state.recentCalls[0];
      if (event.type !== 'ticket:called' && event.type !== 'ticket:recalled' && event.type !== 'ticket:reactivated') return;
      if (!call || call.ticketId !== event.ticket?.id || !boardShowsCall(state, call)) return;
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
