// The board's connection: the /board namespace, as a paired device.
import type { BoardCommands } from '@hall/common/events';
import { createHallConnection, deviceAuth, type HallConnection } from '@hall/ui-kit/hall-connection.ts';

export type { ConnectionProblem, ConnectionStatus } from '@hall/ui-kit/hall-connection.ts';

export const DEVICE_TOKEN_KEY = 'hall.board.deviceToken';

export type BoardConnection = HallConnection<BoardCommands>;

export function connectBoard(): BoardConnection {
  return createHallConnection<BoardCommands>({ namespace: '/board', auth: () => deviceAuth(localStorage, DEVICE_TOKEN_KEY, location.search) });
}
