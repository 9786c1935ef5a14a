// The kiosk's connection: the /kiosk namespace, as a paired device.
import type { KioskCommands } from '@hall/common/events';
import { createHallConnection, deviceAuth, type HallConnection } from '@hall/ui-kit/hall-connection.ts';

export type { CommandResult, ConnectionProblem, ConnectionStatus } from '@hall/ui-kit/hall-connection.ts';

export const DEVICE_TOKEN_KEY = 'hall.kiosk.deviceToken';

export type KioskConnection = HallConnection<KioskCommands>;

export function connectKiosk(): KioskConnection {
  return createHallConnection<KioskCommands>({ namespace: '/kiosk', auth: () => deviceAuth(localStorage, DEVICE_TOKEN_KEY, location.search) });
}
