// The device agent, composed: devices from the configuration, the local endpoint, and on a
// window PC the link to the hall server. `startAgent` is what the CLI and the tests call.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { printerProfile } from '../printer/profiles.ts';
import { renderTicketSvg } from '../printer/ticket-svg.ts';
import type { OpenTransportOptions } from '../transport/open.ts';
import { simulatedDevices, type AgentConfig } from './config.ts';
import { DeviceHub } from './devices.ts';
import type { DeviceFault, HallLink } from './hall-link.ts';
import { SocketIoHallLink } from './hall-link-socketio.ts';
import { connectLedDisplays } from './led-windows.ts';
import { createAgentLogger } from './logger.ts';
import { AgentServer } from './server.ts';
import { AgentSetup } from './setup.ts';

export const AGENT_VERSION = '0.1.0';

export interface StartAgentOptions {
  logger?: Logger;
  /** Replace every device by its simulator (and simulate a whole kiosk when none is configured). */
  sim?: boolean;
  /** Tests inject a fake link; otherwise one is made from `config.hall`. */
  hallLink?: HallLink | null;
  transportOptions?: OpenTransportOptions;
  /** The file `config` was read from: setup mode saves device changes there and restarts from it. */
  configPath?: string;
}

export interface RunningAgent {
  port: number;
  hub: DeviceHub;
  server: AgentServer;
  hallLink: HallLink | null;
  setup: AgentSetup;
  close(): Promise<void>;
}

export async function startAgent(config: AgentConfig, options: StartAgentOptions = {}): Promise<RunningAgent> {
  const logger = options.logger ?? createAgentLogger();
  const devicesOf = (c: AgentConfig) => (options.sim ? (c.devices.length ? c.devices.map((d) => ({ ...d, uri: 'sim:' })) : simulatedDevices()) : c.devices);
  const devices = devicesOf(config);
  const hub = new DeviceHub(logger, options.transportOptions);
  await hub.start(devices);
  const setup = new AgentSetup({ configPath: options.configPath ?? null, sim: options.sim ?? false, hub, logger, devicesOf: (c) => (c ? devicesOf(c) : devices) });

  const hallLink = options.hallLink !== undefined ? options.hallLink : config.hall ? new SocketIoHallLink({ url: config.hall.url, ...(config.hall.token ? { token: config.hall.token } : {}) }) : null;
  if (hallLink) connectHall(hub, hallLink, config, logger);
  // Always listened to: setup mode's restart may add an LED line later (the hub finds the
  // displays of a window at each change; with none configured it finds none).
  if (hallLink) connectLedDisplays(hub, hallLink, config.led, logger);

  const server = new AgentServer({
    hub,
    logger,
    host: config.host,
    port: config.port,
    allowedOrigins: config.allowedOrigins,
    version: AGENT_VERSION,
    startedAt: new Date().toISOString(),
    hallLinkState: () => hallLink?.state ?? 'disabled',
    setup,
    onTicketPrinted: async (deviceId, slip) => {
      const device = hub.find('ticketPrinter', deviceId);
      if (!device?.config.previewDir) return;
      await mkdir(device.config.previewDir, { recursive: true });
      const file = `${slip.issuedAt.slice(0, 10)}-${slip.number.replace(/[^\w-]/g, '_')}.svg`;
      await writeFile(join(device.config.previewDir, file), renderTicketSvg(slip, printerProfile(device.config.profile)));
    },
  });
  const port = await server.listen();
  logger.info({ host: config.host, port, devices: devices.map((d) => ({ id: d.id, kind: d.kind, uri: d.uri })) }, 'agent listening');

  return {
    port,
    hub,
    server,
    hallLink,
    setup,
    async close() {
      await server.close();
      await hallLink?.close();
      await hub.close();
    },
  };
}

/** Window-PC duties: keypad keys and ratings to the server, calls to the keypad, faults reported. */
function connectHall(hub: DeviceHub, link: HallLink, config: AgentConfig, logger: Logger): void {
  link.on('state', (state, reason) => logger.info({ state, reason }, 'hall link'));
  hub.on('keypad', (_deviceId, address, action) => {
    void link.keypadAction(action).then((r) => {
      if (!r.ok) logger.warn({ address, action, code: r.code }, 'keypad action refused by the hall server');
    });
  });
  hub.on('rating', (_deviceId, address, rating) => {
    void link.rating(rating).then((r) => {
      if (!r.ok) logger.warn({ address, code: r.code }, 'rating refused by the hall server');
    });
  });
  link.on('call', (call) => {
    const bus = hub.find('windowBus');
    const address = config.hall?.keypadAddress;
    if (!bus || address === undefined) return;
    bus.bus.showNumber(address, call.number, call.waiting).catch((error: unknown) => logger.warn({ err: String(error) }, 'keypad display failed'));
  });
  let last = '';
  const report = () => {
    const now: DeviceFault[] = hub.faults();
    const key = JSON.stringify(now);
    if (key === last || link.state !== 'connected') return;
    last = key;
    void link.reportFaults(now);
  };
  hub.on('status', report);
  // After setup mode's restart the devices may differ: faults of ones that went are cleared.
  hub.on('devices', report);
  link.on('state', (state) => {
    if (state === 'connected') {
      last = '';
      report();
    }
  });
}
