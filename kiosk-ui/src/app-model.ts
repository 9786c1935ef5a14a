// The kiosk's models, composed once: the connection, which screen shows, the ticketing flow
// and the idle reset. Components receive this object and read its signals.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { KioskConnection } from './net/hall-connection.ts';
import { createTicketingModel, randomKey, type TicketingModel } from './ticketing/ticketing-model.ts';
import { createClock } from './shell/clock.ts';
import type { TileId } from './shell/tiles.ts';

export type Screen = { kind: 'home' } | { kind: 'tile'; tile: TileId };

export interface KioskModel {
  readonly connection: KioskConnection;
  readonly screen: ReadonlySignal<Screen>;
  readonly ticketing: TicketingModel;
  /** Hall-clock time, ticking once a second. */
  readonly now: ReadonlySignal<number>;
  open(tile: TileId): void;
  /** Clear every flow and go home (the 完成 button, the idle reset). */
  home(): void;
}

export function createKioskModel(connection: KioskConnection): KioskModel {
  const screen = signal<Screen>({ kind: 'home' });
  const ticketing = createTicketingModel({
    issue: (request) => connection.send('ticket:issue', request),
    newKey: randomKey,
  });
  return {
    connection,
    screen,
    ticketing,
    now: createClock(connection.clockOffsetMs),
    open(tile) {
      if (tile === 'ticketing') ticketing.reset();
      screen.value = { kind: 'tile', tile };
    },
    home() {
      ticketing.reset();
      screen.value = { kind: 'home' };
    },
  };
}
