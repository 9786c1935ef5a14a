// The agent's local endpoint: Socket.IO on 127.0.0.1 for the kiosk UI, plus GET /status.
// Handlers validate, call one device, and reply; device pushes go to every client.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { Server as IoServer, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  agentErrorMessages,
  idCardFailureMessages,
  keypadDisplayRequestSchema,
  printPdfRequestSchema,
  previewTicketRequestSchema,
  printTicketRequestSchema,
  saveDeviceConfigRequestSchema,
  type AgentClientToServerEvents,
  type AgentErrorCode,
  type AgentReply,
  type AgentServerToClientEvents,
  type AgentStatus,
  type ConfiguredDevice,
  type DeviceConfigView,
  type DeviceStatus,
  type PortList,
} from '@hall/common/agent';
import { A4PrintError } from '../a4/ipp-printer.ts';
import { printerProfiles } from '../printer/profiles.ts';
import { renderTicketSvg } from '../printer/ticket-svg.ts';
import { PrintError } from '../printer/driver.ts';
import { BusError } from '../window/bus.ts';
import { a4ErrorCodes, type DeviceHub } from './devices.ts';
import { sendJson } from './http.ts';
import { handleSimControl } from './sim-control.ts';

export type AgentSocket = Socket<AgentClientToServerEvents, AgentServerToClientEvents>;

export class AgentFailure extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message?: string,
  ) {
    super(message ?? agentErrorMessages[code]);
  }
}

export function fail(code: AgentErrorCode, message?: string): AgentReply<never> {
  return { ok: false, error: { code, message: message ?? agentErrorMessages[code] } };
}

/** Any error from a device becomes a reply with a known code and a Chinese message. */
export function toReply(error: unknown): AgentReply<never> {
  if (error instanceof AgentFailure) return fail(error.code, error.message);
  if (error instanceof PrintError) return fail(error.code);
  if (error instanceof BusError) return fail(error.code === 'NO_ACK' ? 'TIMEOUT' : 'DEVICE_OFFLINE');
  if (error instanceof A4PrintError) return fail(a4ErrorCodes[error.code]);
  return fail('INTERNAL');
}

/** Setup mode's commands (setup.ts): the device list, candidate ports, restart. */
export interface SetupCommands {
  read(): Promise<DeviceConfigView>;
  save(devices: ConfiguredDevice[]): Promise<DeviceConfigView>;
  ports(): Promise<PortList>;
  restart(): Promise<DeviceStatus[]>;
}

export interface AgentServerOptions {
  hub: DeviceHub;
  logger: Logger;
  host: string;
  port: number;
  allowedOrigins: string[];
  version: string;
  startedAt: string;
  hallLinkState: () => AgentStatus['hallLink'];
  setup: SetupCommands;
  /** Saves an SVG preview of a printed ticket when the printer is configured to. */
  onTicketPrinted?: (deviceId: string, slip: z.infer<typeof printTicketRequestSchema>['slip']) => Promise<void>;
}

const loopbackOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const loopbackAddress = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Whether a client may use setup mode's commands, which change what the agent drives: it must
 * be on this machine and a page of ours (a browser always sends its origin, and a page from
 * elsewhere could not connect at all; a program that sends none is refused).
 */
export function isSetupClient(address: string, origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  return loopbackAddress.test(address) && origin !== undefined && (loopbackOrigin.test(origin) || allowedOrigins.includes(origin));
}

export class AgentServer {
  readonly http: HttpServer;
  readonly io: IoServer<AgentClientToServerEvents, AgentServerToClientEvents>;

  constructor(private readonly options: AgentServerOptions) {
    this.http = createServer((req, res) => void this.#http(req, res));
    // A web page on the kiosk could otherwise reach the ID card reader through loopback: only
    // our own origins may connect. `allowRequest` also covers WebSocket upgrades, which CORS does not.
    const allowed = (origin: string | undefined) => origin === undefined || loopbackOrigin.test(origin) || options.allowedOrigins.includes(origin);
    this.io = new IoServer(this.http, {
      cors: { origin: (origin, callback) => callback(null, allowed(origin)) },
      allowRequest: (req, callback) => callback(null, allowed(req.headers.origin)),
      // PDFs of a few pages fit; anything bigger is not a kiosk document.
      maxHttpBufferSize: 20 * 1024 * 1024,
    });
    this.io.on('connection', (socket) => this.#connected(socket));
    this.#forwardPushes();
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    return (this.http.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  status(): AgentStatus {
    return {
      version: this.options.version,
      startedAt: this.options.startedAt,
      devices: this.options.hub.list(),
      hallLink: this.options.hallLinkState(),
    };
  }

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://agent');
    if (req.method === 'GET' && url.pathname === '/status') {
      sendJson(res, 200, this.status());
      return;
    }
    if (url.pathname.startsWith('/sim/') && (await handleSimControl(this.options.hub, req, url, res))) return;
    // Socket.IO answers its own path; everything else is not ours.
    if (!url.pathname.startsWith('/socket.io/')) sendJson(res, 404, { error: 'not found' });
  }

  #forwardPushes(): void {
    const { hub } = this.options;
    const at = () => new Date().toISOString();
    hub.on('status', (status) => this.io.emit('device:status', status));
    hub.on('idcard', (deviceId, card) => this.io.emit('idcard', { deviceId, at: at(), card }));
    hub.on('idcardFailed', (deviceId, reason) => this.io.emit('idcard:failed', { deviceId, at: at(), reason, message: idCardFailureMessages[reason] }));
    hub.on('scan', (deviceId, text) => this.io.emit('scan', { deviceId, at: at(), text }));
    hub.on('keypad', (deviceId, address, action) => this.io.emit('keypad:pressed', { deviceId, at: at(), address, action }));
    hub.on('rating', (deviceId, address, rating) => this.io.emit('evaluator:rated', { deviceId, at: at(), address, rating }));
    hub.on('devices', (devices) => this.io.emit('devices', devices));
  }

  #connected(socket: AgentSocket): void {
    const { hub, logger } = this.options;
    logger.info({ client: socket.id }, 'client connected');
    socket.emit('devices', hub.list());

    this.#command(socket, 'devices:list', null, async () => hub.list());

    this.#command(socket, 'print:ticket', printTicketRequestSchema, async (request) => {
      const device = hub.find('ticketPrinter', request.deviceId);
      if (!device) throw new AgentFailure('NO_DEVICE');
      const result = await device.printer.printTicket(request.slip);
      await this.options.onTicketPrinted?.(device.config.id, request.slip).catch((error: unknown) => logger.warn({ err: String(error) }, 'preview not saved'));
      return { deviceId: device.config.id, bytes: result.bytes };
    });

    this.#command(socket, 'ticket:preview', previewTicketRequestSchema, async (request) => {
      const device = hub.find('ticketPrinter', request.deviceId);
      if (request.deviceId !== undefined && !device) throw new AgentFailure('NO_DEVICE');
      // Without a ticket printer (a preview-only kiosk) draw the common 80 mm paper.
      const profile = device?.printer.profile ?? printerProfiles['generic-80'];
      return { svg: renderTicketSvg(request.slip, profile), widthDots: profile.dotsPerLine };
    });

    this.#command(socket, 'print:pdf', printPdfRequestSchema, async (request) => {
      const device = hub.find('a4Printer', request.deviceId);
      if (!device) throw new AgentFailure('NO_DEVICE');
      const pdf = request.pdf instanceof ArrayBuffer ? new Uint8Array(request.pdf) : request.pdf;
      try {
        const { jobId } = await device.a4.printPdf(pdf, { title: request.title, copies: request.copies });
        return { deviceId: device.config.id, jobId };
      } finally {
        // Printed or not, the printer's status may have changed (a fault that failed this job shows at once).
        void hub.refreshA4(device.config.id);
      }
    });

    this.#command(socket, 'keypad:display', keypadDisplayRequestSchema, async (request) => {
      const device = hub.find('windowBus', request.deviceId);
      if (!device) throw new AgentFailure('NO_DEVICE');
      await device.bus.showNumber(request.address, request.number, request.waiting);
      return null;
    });

    const { setup } = this.options;
    this.#setupCommand(socket, 'config:read', null, () => setup.read());
    this.#setupCommand(socket, 'config:save', saveDeviceConfigRequestSchema, (request) => setup.save(request.devices));
    this.#setupCommand(socket, 'ports:list', null, () => setup.ports());
    this.#setupCommand(socket, 'agent:restart', null, async () => ({ devices: await setup.restart() }));
  }

  /** A command that only setup mode may use (see isSetupClient). */
  #setupCommand<S extends z.ZodType | null, T>(socket: AgentSocket, name: keyof AgentClientToServerEvents, schema: S, run: (request: S extends z.ZodType ? z.infer<S> : null) => Promise<T>): void {
    const { origin } = socket.handshake.headers;
    const local = isSetupClient(socket.handshake.address, origin, this.options.allowedOrigins);
    this.#command(socket, name, schema, async (request) => {
      if (!local) {
        this.options.logger.warn({ command: name, address: socket.handshake.address, origin }, 'setup command refused');
        throw new AgentFailure('FORBIDDEN');
      }
      return run(request);
    });
  }

  /**
   * One command: parse the request, run it, reply exactly once. `schema` null means the
   * command takes no request, only the acknowledgement callback.
   */
  #command<S extends z.ZodType | null, T>(
    socket: AgentSocket,
    name: keyof AgentClientToServerEvents,
    schema: S,
    run: (request: S extends z.ZodType ? z.infer<S> : null) => Promise<T>,
  ): void {
    const { logger } = this.options;
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(name, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = ack as (r: AgentReply<T>) => void;
      let request: unknown = null;
      if (schema) {
        const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
        if (!parsed.success) {
          reply(fail('INVALID_REQUEST', `${agentErrorMessages.INVALID_REQUEST}：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim()));
          return;
        }
        request = parsed.data;
      }
      run(request as S extends z.ZodType ? z.infer<S> : null).then(
        (data) => reply({ ok: true, data }),
        (error: unknown) => {
          const failure = toReply(error);
          if (!failure.ok) logger.warn({ command: name, code: failure.error.code, reason: error instanceof Error ? error.message : String(error) }, 'command failed');
          reply(failure);
        },
      );
    });
  }
}
