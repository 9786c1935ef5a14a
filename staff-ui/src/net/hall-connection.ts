// The clerk desk's connection: the /counter namespace, authenticated by the staff session.
import { PROTOCOL_VERSION, type CounterCommands } from '@hall/common/events';
import { createHallConnection, type HallConnection, type HandshakeData } from '@hall/ui-kit/hall-connection.ts';

export type { CommandResult, ConnectionProblem, ConnectionStatus } from '@hall/ui-kit/hall-connection.ts';

export type CounterConnection = HallConnection<CounterCommands>;

/** Authenticated by the staff session token from the login. */
export function connectCounter(token: () => string | null): CounterConnection {
  return createHallConnection<CounterCommands>({
    namespace: '/counter',
    auth: () => {
      const data: HandshakeData = { protocol: PROTOCOL_VERSION };
      const current = token();
      if (current) data.token = current;
      return data;
    },
  });
}
