// The console's models, made once per login: the /admin connection (live hall state, help
// requests, config:changed), the REST client, device health, and a counter that pages bump
// their lists with whenever any admin changed the configuration.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import { PROTOCOL_VERSION, type AdminCommands, type DeviceHealth } from '@hall/common/events';
import { createHallConnection, type HallConnection, type HandshakeData } from '@hall/ui-kit/hall-connection.ts';
import { createAdminApi, type AdminApi } from './admin-api.ts';

export type AdminConnection = HallConnection<AdminCommands>;

/** Device health is not in the snapshot; it is fetched now and then and on every change. */
const HEALTH_REFRESH_MS = 30_000;

export interface AdminModel {
  readonly connection: AdminConnection;
  readonly api: AdminApi;
  readonly configVersion: ReadonlySignal<number>;
  readonly health: ReadonlySignal<DeviceHealth[] | null>;
  readonly busy: ReadonlySignal<boolean>;
  readonly message: ReadonlySignal<string | null>;
  resolveHelp(requestId: string): Promise<void>;
  close(): void;
}

export function createAdminModel(token: string): AdminModel {
  const connection = createHallConnection<AdminCommands>({
    namespace: '/admin',
    auth: () => ({ protocol: PROTOCOL_VERSION, token }) satisfies HandshakeData,
  });
  const api = createAdminApi(() => token);
  const configVersion = signal(0);
  const health = signal<DeviceHealth[] | null>(null);
  const busy = signal(false);
  const message = signal<string | null>(null);

  async function refreshHealth(): Promise<void> {
    const reply = await api.get<DeviceHealth[]>('device-health');
    if (reply.ok) health.value = reply.data;
  }

  // peek(): bumping must not subscribe the effect below to the counter it bumps (a cycle).
  const bump = () => (configVersion.value = configVersion.peek() + 1);
  const stopEvents = connection.onEvent((event) => {
    if (event.type === 'config:changed') bump();
    if (event.type === 'device:statusChanged' || event.type === 'config:changed') void refreshHealth();
  });
  // Back online after a gap: lists and health may have changed meanwhile.
  const stopOnline = effect(() => {
    if (connection.status.value === 'online') {
      bump();
      void refreshHealth();
    }
  });
  const timer = setInterval(() => void refreshHealth(), HEALTH_REFRESH_MS);

  return {
    connection,
    api,
    configVersion,
    health,
    busy,
    message,
    async resolveHelp(requestId) {
      busy.value = true;
      const reply = await connection.send('help:resolve', { requestId });
      busy.value = false;
      message.value = reply.ok ? null : reply.error.message;
    },
    close() {
      stopEvents();
      stopOnline();
      clearInterval(timer);
      connection.close();
    },
  };
}
