// The kiosk's line to its local device agent (127.0.0.1:7600 by default): device list and
// status as signals, ID card and scanner pushes to listeners, and commands that always come
// back with an AgentReply, even when the agent is not running. Like the hall connection,
// components never touch the socket, and tests hand in a fake one.
import { signal, type ReadonlySignal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
// Types only: a value import from common/agent would bring zod and its schemas along.
import type {
  AgentClientToServerEvents,
  AgentReply,
  AgentRestartResult,
  AgentServerToClientEvents,
  ConfiguredDevice,
  DeviceConfigView,
  DeviceStatus,
  IdCardRead,
  PrintPdfRequest,
  PrintPdfResult,
  PortList,
  PrintTicketResult,
  Scan,
  TicketPreview,
} from '@hall/common/agent';
import type { TicketSlip } from '@hall/common/ticket-slip';
import { messages } from '../messages.ts';

export type AgentStatus = 'connecting' | 'online' | 'offline';

export type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export interface AgentConnection {
  readonly url: ReadonlySignal<string>;
  readonly status: ReadonlySignal<AgentStatus>;
  readonly devices: ReadonlySignal<DeviceStatus[]>;
  onIdCard(listener: (read: IdCardRead) => void): () => void;
  onScan(listener: (scan: Scan) => void): () => void;
  printTicket(slip: TicketSlip): Promise<AgentReply<PrintTicketResult>>;
  /** An A4 document (a filled form) on the A4 printer; answers once the printer has it done. */
  printPdf(request: PrintPdfRequest): Promise<AgentReply<PrintPdfResult>>;
  previewTicket(slip: TicketSlip): Promise<AgentReply<TicketPreview>>;
  listDevices(): Promise<AgentReply<DeviceStatus[]>>;
  /** Setup mode: the devices as the agent's configuration file names them. */
  readConfig(): Promise<AgentReply<DeviceConfigView>>;
  /** Setup mode: check and save a changed device list (opened at the next restart). */
  saveConfig(devices: ConfiguredDevice[]): Promise<AgentReply<DeviceConfigView>>;
  /** Setup mode: serial ports and USB HID devices the machine has, to pick from. */
  listPorts(): Promise<AgentReply<PortList>>;
  /** Setup mode: close every device and open them again from the saved configuration. */
  restart(): Promise<AgentReply<AgentRestartResult>>;
  /** Setup mode changed the address: drop the old socket, open a new one. */
  setUrl(url: string): void;
  close(): void;
}

export interface AgentConnectionOptions {
  url: string;
  openSocket?: (url: string) => AgentSocket;
  /** A ticket is short; a printer that takes longer is stuck. */
  printTimeoutMs?: number;
  /** A4 pages take longer: CUPS queues, spools and prints before the job is done. */
  a4TimeoutMs?: number;
  commandTimeoutMs?: number;
  /** A restart closes and opens every device, and asks the A4 printer whether it is there. */
  restartTimeoutMs?: number;
}

export function createAgentConnection(options: AgentConnectionOptions): AgentConnection {
  const open = options.openSocket ?? ((url: string) => io(url, { transports: ['websocket'], reconnectionDelayMax: 3000 }) as AgentSocket);
  const printTimeout = options.printTimeoutMs ?? 15_000;
  const commandTimeout = options.commandTimeoutMs ?? 5000;
  const a4Timeout = options.a4TimeoutMs ?? 90_000;
  const restartTimeout = options.restartTimeoutMs ?? 30_000;
  const url = signal(options.url);
  const status = signal<AgentStatus>('connecting');
  const devices = signal<DeviceStatus[]>([]);
  const cardListeners = new Set<(read: IdCardRead) => void>();
  const scanListeners = new Set<(scan: Scan) => void>();
  let socket: AgentSocket = attach(open(options.url));

  function attach(s: AgentSocket): AgentSocket {
    s.on('connect', () => (status.value = 'online'));
    s.on('disconnect', () => {
      status.value = 'offline';
      // Without the agent no device is known to work: stale "ready" states would mislead.
      devices.value = [];
    });
    s.on('connect_error', () => (status.value = 'offline'));
    s.on('devices', (list) => (devices.value = list));
    s.on('device:status', (one) => {
      const list = devices.value;
      devices.value = list.some((d) => d.id === one.id) ? list.map((d) => (d.id === one.id ? one : d)) : [...list, one];
    });
    s.on('idcard', (read) => {
      for (const l of cardListeners) l(read);
    });
    s.on('scan', (scan) => {
      for (const l of scanListeners) l(scan);
    });
    return s;
  }

  function ask<T>(event: keyof AgentClientToServerEvents, request: unknown, timeoutMs: number): Promise<AgentReply<T>> {
    // An emit while offline would be buffered and printed minutes later: refuse at once.
    if (!socket.connected) return Promise.resolve(failure('DEVICE_OFFLINE', messages.net.agentOfflineShort));
    const withTimeout = socket.timeout(timeoutMs) as unknown as { emit(e: string, ...args: unknown[]): void };
    return new Promise((resolve) => {
      const ack = (err: Error | null, reply: AgentReply<T>) => resolve(err ? failure('TIMEOUT', messages.net.agentTimeout) : reply);
      if (request === undefined) withTimeout.emit(event, ack);
      else withTimeout.emit(event, request, ack);
    });
  }

  return {
    url,
    status,
    devices,
    onIdCard(listener) {
      cardListeners.add(listener);
      return () => cardListeners.delete(listener);
    },
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    printTicket: (slip) => ask('print:ticket', { slip }, printTimeout),
    printPdf: (request) => ask('print:pdf', request, a4Timeout),
    previewTicket: (slip) => ask('ticket:preview', { slip }, commandTimeout),
    listDevices: () => ask('devices:list', undefined, commandTimeout),
    readConfig: () => ask('config:read', undefined, commandTimeout),
    saveConfig: (list) => ask('config:save', { devices: list }, commandTimeout),
    listPorts: () => ask('ports:list', undefined, commandTimeout),
    restart: () => ask('agent:restart', undefined, restartTimeout),
    setUrl(next) {
      if (next === url.value) return;
      socket.close();
      url.value = next;
      status.value = 'connecting';
      devices.value = [];
      socket = attach(open(next));
    },
    close() {
      cardListeners.clear();
      scanListeners.clear();
      socket.close();
    },
  };
}

function failure(code: 'DEVICE_OFFLINE' | 'TIMEOUT', message: string): { ok: false; error: { code: typeof code; message: string } } {
  return { ok: false, error: { code, message } };
}

/** The device of a kind the kiosk uses first (the agent's own default is the same). */
export function deviceOf(devices: readonly DeviceStatus[], kind: DeviceStatus['kind']): DeviceStatus | undefined {
  return devices.find((d) => d.kind === kind);
}
