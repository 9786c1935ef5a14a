// Builds the configured devices from their URIs: a transport (or, for `sim:`, a loopback pair
// with the simulator on the far end), the driver on top, and a status that the agent reports.
// Everything a device says comes out of one emitter, so the server never touches drivers.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import {
  agentErrorMessages,
  type AgentErrorCode,
  type DeviceState,
  type DeviceStatus,
  type IdCard,
  type IdCardReadFailed,
  type KeypadAction,
  type RatingLevel,
} from '@hall/common/agent';
import { encodeIdCardText, fictionalPhoto, idCardFixtures, type IdCardFixtureName } from '@hall/fixtures/src/idcards.ts';
import { IppPrinter, type A4PrintErrorCode, type A4Printer, type A4PrinterStatus } from '../a4/ipp-printer.ts';
import { SimulatedA4Printer } from '../a4/simulator.ts';
import { IdCardReader } from '../idcard/driver.ts';
import { IdCardReaderSimulator } from '../idcard/simulator.ts';
import { TicketPrinter, blockingReason } from '../printer/driver.ts';
import { printerProfile } from '../printer/profiles.ts';
import { PrinterSimulator } from '../printer/simulator.ts';
import { HidPosScanner, SerialScanner, type Scanner } from '../scanner/driver.ts';
import { ScannerSimulator } from '../scanner/simulator.ts';
import { createLoopbackPair } from '../transport/loopback.ts';
import { createTransport, type OpenTransportOptions } from '../transport/open.ts';
import type { Transport, TransportState } from '../transport/transport.ts';
import { parseDeviceUri } from '../transport/uri.ts';
import { WindowBus } from '../window/bus.ts';
import type { EvaluatorModel } from '../window/keymap.ts';
import { WindowBusSimulator } from '../window/simulator.ts';
import { LedBusManager } from '../led/bus-manager.ts';
import type { LedContent } from '../led/content.ts';
import { LedBus, ledErrorMessages, type LedError } from '../led/driver.ts';
import { LedBusSimulator } from '../led/simulator.ts';
import type { DeviceConfig } from './config.ts';

export interface DeviceHubEvents {
  status: [status: DeviceStatus];
  idcard: [deviceId: string, card: IdCard];
  idcardFailed: [deviceId: string, reason: IdCardReadFailed['reason']];
  scan: [deviceId: string, text: string];
  keypad: [deviceId: string, address: number, action: KeypadAction];
  rating: [deviceId: string, address: number, rating: RatingLevel];
  /** After a restart: the whole new list (devices may have come or gone). */
  devices: [devices: DeviceStatus[]];
}

/** The simulators behind `sim:` devices, for the demo's control endpoints and for tests. */
export interface Simulators {
  printer?: PrinterSimulator;
  idCardReader?: IdCardReaderSimulator;
  scanner?: ScannerSimulator;
  a4Printer?: SimulatedA4Printer;
  windowBus?: WindowBusSimulator;
  ledBus?: LedBusSimulator;
}

interface Opened {
  transport: Transport | null;
  /** The simulator's end of a `sim:` loopback. */
  device: Transport | null;
}

export type AgentDevice =
  | { config: Extract<DeviceConfig, { kind: 'ticketPrinter' }>; printer: TicketPrinter; transport: Transport }
  | { config: Extract<DeviceConfig, { kind: 'idCardReader' }>; reader: IdCardReader; transport: Transport }
  | { config: Extract<DeviceConfig, { kind: 'scanner' }>; scanner: Scanner; transport: Transport }
  | { config: Extract<DeviceConfig, { kind: 'a4Printer' }>; a4: A4Printer; transport: null }
  | { config: Extract<DeviceConfig, { kind: 'windowBus' }>; bus: WindowBus; transport: Transport }
  | { config: Extract<DeviceConfig, { kind: 'ledBus' }>; leds: LedBusManager; transport: Transport };

const stateOfTransport: Record<TransportState, DeviceState> = {
  connecting: 'connecting',
  open: 'ready',
  reconnecting: 'offline',
  closed: 'offline',
};

/**
 * What the kiosk hears of each A4 printer failure, and staff of each standing fault, in the
 * agent's codes (the driver's English message goes to the log).
 */
export const a4ErrorCodes: Record<A4PrintErrorCode, AgentErrorCode> = {
  UNREACHABLE: 'DEVICE_OFFLINE',
  PRINTER_OFFLINE: 'DEVICE_OFFLINE',
  TIMEOUT: 'TIMEOUT',
  PAPER_END: 'PAPER_END',
  PAPER_JAM: 'PAPER_JAM',
  COVER_OPEN: 'COVER_OPEN',
  OUT_OF_TONER: 'OUT_OF_TONER',
  PRINTER_FAULT: 'PRINTER_ERROR',
  REJECTED: 'PRINT_FAILED',
  JOB_FAILED: 'PRINT_FAILED',
};

const messageOfState: Record<DeviceState, string> = {
  connecting: '正在连接',
  ready: '正常',
  offline: '设备未连接',
  error: '设备故障',
};

export class DeviceHub extends EventEmitter<DeviceHubEvents> {
  readonly devices = new Map<string, AgentDevice>();
  readonly simulators: Simulators = {};
  readonly #closers: Array<() => Promise<void> | void> = [];
  /** Each A4 printer's last status check (absent until the first one answers). */
  readonly #a4Status = new Map<string, A4PrinterStatus>();
  /** Status checks per A4 printer, numbered as started: an answer older than the one kept is dropped. */
  readonly #a4Checks = new Map<string, { started: number; kept: number }>();
  /** ID card readers whose SAM module answered something other than ok. */
  readonly #samFaults = new Map<string, string>();
  /** While a restart closes the devices: their going offline is no fault to report. */
  #closingForRestart = false;

  constructor(
    private readonly logger: Logger,
    private readonly transportOptions: OpenTransportOptions = {},
  ) {
    super();
  }

  /** Open every configured device. Absent devices do not stop the agent: they are retried. */
  async start(configs: DeviceConfig[]): Promise<void> {
    for (const config of configs) this.#add(config);
    // Give present devices a moment to open so the first device list is meaningful.
    await Promise.race([
      Promise.allSettled([...this.devices.values()].map((d) => d.transport?.open())),
      new Promise((resolve) => setTimeout(resolve, 300)),
    ]);
    await Promise.all([...this.devices.values()].map((d) => (d.config.kind === 'a4Printer' ? this.refreshA4(d.config.id) : undefined)));
  }

  async close(): Promise<void> {
    for (const close of this.#closers.splice(0).reverse()) await close();
    this.devices.clear();
    this.#a4Status.clear();
    this.#a4Checks.clear();
    this.#samFaults.clear();
    for (const key of Object.keys(this.simulators) as Array<keyof Simulators>) delete this.simulators[key];
  }

  /**
   * Close every device and open `configs` instead (setup mode changed the configuration).
   * Listeners on the hub stay: the agent's clients and the hall link see the new devices.
   */
  async restart(configs: DeviceConfig[]): Promise<void> {
    this.#closingForRestart = true;
    try {
      await this.close();
    } finally {
      this.#closingForRestart = false;
    }
    try {
      await this.start(configs);
    } finally {
      this.emit('devices', this.list());
    }
  }

  list(): DeviceStatus[] {
    return [...this.devices.keys()].map((id) => this.status(id)!);
  }

  status(id: string): DeviceStatus | null {
    const device = this.devices.get(id);
    if (!device) return null;
    const base = { id, kind: device.config.kind, uri: device.config.uri };
    if (device.config.kind === 'a4Printer') {
      const checked = this.#a4Status.get(id);
      // A printer that says it is offline is reported like one that does not answer.
      const state: DeviceState = checked === undefined ? 'connecting' : !checked.ready || checked.fault?.code === 'PRINTER_OFFLINE' ? 'offline' : checked.fault ? 'error' : 'ready';
      if (state !== 'error') return { ...base, state, message: messageOfState[state] };
      const fault = a4ErrorCodes[checked!.fault!.code];
      return { ...base, state, fault, message: agentErrorMessages[fault] };
    }
    const state = stateOfTransport[device.transport!.state];
    const samFault = this.#samFaults.get(id);
    if (samFault && state === 'ready') return { ...base, state: 'error', message: `身份证阅读器安全模块异常（${samFault}），请联系厂家` };
    if ('leds' in device && state === 'ready') {
      const silent = device.leds.faults();
      if (silent.length > MAX_LED_FAULTS_LISTED) return { ...base, state: 'error', message: ledLineFault(device.config, silent.map((f) => f.unitId)).message };
      if (silent.length) return { ...base, state: 'error', message: `${silent.map((f) => ledDisplayName(device.config, f.unitId)).join('、')}：${ledErrorMessages[silent[0]!.error.code]}` };
    }
    if ('printer' in device && state === 'ready') {
      const condition = device.printer.condition;
      const reason = blockingReason(condition);
      if (reason) return { ...base, state: 'error', printer: condition, fault: reason.code, message: agentErrorMessages[reason.code] };
      return { ...base, state, printer: condition, message: condition.paperNearEnd ? '纸将用尽，请及时更换' : messageOfState[state] };
    }
    return { ...base, state, message: messageOfState[state] };
  }

  /** Current faults, in the hall server's terms (snake_case codes, Chinese messages). */
  faults(): Array<{ device: string; code: string; message: string }> {
    const out: Array<{ device: string; code: string; message: string }> = [];
    for (const [id, device] of this.devices) {
      const status = this.status(id)!;
      if (status.state === 'offline') out.push({ device: id, code: 'offline', message: agentErrorMessages.DEVICE_OFFLINE });
      if ('leds' in device && status.state !== 'offline') {
        const silent = device.leds.faults();
        // The hall server takes 20 faults per report: a line whose displays all lost power together is one fault.
        if (silent.length > MAX_LED_FAULTS_LISTED) out.push(ledLineFault(device.config, silent.map((f) => f.unitId)));
        else for (const { unitId, error } of silent) out.push(ledFault(device.config, unitId, error));
      }
      if (status.state === 'error' && 'a4' in device) {
        const code = a4ErrorCodes[this.#a4Status.get(id)!.fault!.code];
        out.push({ device: id, code: code.toLowerCase(), message: agentErrorMessages[code] });
      }
      if (status.state === 'error' && 'reader' in device) out.push({ device: id, code: `sam_${snakeCase(this.#samFaults.get(id) ?? 'error')}`, message: status.message ?? '' });
      if (!('printer' in device) || status.state === 'offline') continue;
      const reason = blockingReason(device.printer.condition);
      if (reason) out.push({ device: id, code: reason.code.toLowerCase(), message: agentErrorMessages[reason.code] });
      else if (device.printer.condition.paperNearEnd) out.push({ device: id, code: 'paper_near_end', message: '纸将用尽，请及时更换' });
    }
    return out;
  }

  /**
   * Ask an A4 printer whether it accepts jobs and what its printer-state-reasons say (a paper
   * out, jam or open door while idle); reports a change of status, so a standing fault reaches
   * the kiosk and staff like a ticket printer's, and clears when the printer no longer reports it.
   */
  async refreshA4(id: string): Promise<void> {
    const device = this.devices.get(id);
    if (device?.config.kind !== 'a4Printer' || !('a4' in device)) return;
    const checks = this.#a4Checks.get(id) ?? { started: 0, kept: 0 };
    this.#a4Checks.set(id, checks);
    const check = ++checks.started;
    const now = await device.a4.status();
    // Closed meanwhile, or a later check (after a print, say) already answered.
    if (this.devices.get(id) !== device || check < checks.kept) return;
    checks.kept = check;
    const before = this.#a4Status.get(id);
    this.#a4Status.set(id, now);
    if (before?.ready === now.ready && before.fault?.code === now.fault?.code) return;
    const log = this.logger.child({ deviceId: id, kind: 'a4Printer' });
    if (now.fault) log.warn({ code: now.fault.code, reasons: now.fault.reasons }, 'A4 printer fault');
    else if (before?.fault) log.info({ code: before.fault.code }, 'A4 printer fault cleared');
    this.#emitStatus(id);
  }

  #emitStatus(id: string): void {
    if (this.#closingForRestart) return;
    const status = this.status(id);
    if (status) this.emit('status', status);
  }

  #open(config: DeviceConfig, defaultBaudRate: number): Opened {
    const uri = parseDeviceUri(config.uri);
    if (uri.scheme === 'sim') {
      const pair = createLoopbackPair(`sim:${config.id}`);
      pair.device.open().catch(() => undefined);
      this.#closers.push(() => pair.device.close());
      return { transport: pair.host, device: pair.device };
    }
    return { transport: createTransport(uri, { defaultBaudRate, ...this.transportOptions }), device: null };
  }

  #watch(id: string, transport: Transport): void {
    transport.on('state', (state, cause) => {
      if (state === 'reconnecting') this.logger.warn({ deviceId: id, err: cause?.message }, 'device not reachable, retrying');
      else this.logger.info({ deviceId: id, state }, 'device state');
      this.#emitStatus(id);
    });
    this.#closers.push(() => transport.close());
  }

  #add(config: DeviceConfig): void {
    const log = this.logger.child({ deviceId: config.id, kind: config.kind });
    switch (config.kind) {
      case 'ticketPrinter': {
        const { transport, device } = this.#open(config, 115200);
        const printer = new TicketPrinter({ transport: transport!, profile: printerProfile(config.profile), ...(device ? { settleMs: 50 } : {}) });
        if (device) this.simulators.printer = new PrinterSimulator(device);
        printer.on('condition', () => this.#emitStatus(config.id));
        for (const alarm of ['paperNearEnd', 'paperEnd', 'coverOpen', 'cutterError', 'offline'] as const) {
          printer.on(alarm, () => log.warn({ alarm }, 'printer alarm'));
        }
        printer.on('jobFailed', (error) => log.error({ code: error.code, reason: error.message }, 'ticket not printed'));
        this.devices.set(config.id, { config, printer, transport: transport! });
        this.#watch(config.id, transport!);
        this.#closers.push(() => printer.detach());
        break;
      }
      case 'idCardReader': {
        const { transport, device } = this.#open(config, 115200);
        const reader = new IdCardReader({ transport: transport!, withFingerprint: config.fingerprint, pollIntervalMs: device ? 100 : config.pollIntervalMs });
        if (device) {
          const sim = (this.simulators.idCardReader = new IdCardReaderSimulator(device));
          // `sim:?card=residentA` starts with that fictional card on the reader.
          const uri = parseDeviceUri(config.uri);
          const card = uri.scheme === 'sim' ? uri.options.card : undefined;
          if (card) {
            if (!(card in idCardFixtures)) throw new Error(`${config.id}: unknown fictional card "${card}" (known: ${Object.keys(idCardFixtures).join(', ')})`);
            presentFixtureCard(sim, card as IdCardFixtureName);
          }
        }
        // Only the card type reaches the log: never a name or an ID number.
        reader.on('card', (card) => {
          log.info({ cardType: card.cardType }, 'card read');
          this.emit('idcard', config.id, card);
        });
        reader.on('readFailed', (reason) => {
          log.warn({ reason }, 'card read failed');
          this.emit('idcardFailed', config.id, reason.startsWith('sam:') ? 'sam' : (reason as Exclude<IdCardReadFailed['reason'], 'sam'>));
        });
        reader.on('noAnswer', () => log.debug('reader did not answer'));
        reader.start();
        const checkSam = () =>
          reader.checkSam().then(
            (sam) => {
              if (sam === 'ok') this.#samFaults.delete(config.id);
              else {
                this.#samFaults.set(config.id, sam);
                log.error({ sam }, 'SAM module fault');
              }
              this.#emitStatus(config.id);
            },
            () => log.warn('SAM status not answered'),
          );
        transport!.on('state', (state) => state === 'open' && void checkSam());
        if (transport!.state === 'open') void checkSam();
        this.devices.set(config.id, { config, reader, transport: transport! });
        this.#watch(config.id, transport!);
        this.#closers.push(() => reader.stop());
        break;
      }
      case 'scanner': {
        const uri = parseDeviceUri(config.uri);
        const { transport, device } = this.#open(config, 9600);
        const scanner: Scanner =
          uri.scheme === 'hid'
            ? new HidPosScanner({ transport: transport!, encoding: config.encoding })
            : new SerialScanner({ transport: transport!, encoding: config.encoding, idleMs: config.idleMs ?? null });
        if (device) this.simulators.scanner = new ScannerSimulator(device);
        scanner.on('scan', ({ text }) => {
          // Scanned codes can carry personal data (a health code, a licence): log the length only.
          log.info({ length: text.length }, 'scan');
          this.emit('scan', config.id, text);
        });
        this.devices.set(config.id, { config, scanner, transport: transport! });
        this.#watch(config.id, transport!);
        this.#closers.push(() => scanner.detach());
        break;
      }
      case 'a4Printer': {
        const uri = parseDeviceUri(config.uri);
        let a4: A4Printer;
        if (uri.scheme === 'sim') {
          const sim = (this.simulators.a4Printer = new SimulatedA4Printer());
          this.#closers.push(() => sim.close());
          a4 = sim;
        } else if (uri.scheme === 'ipp') a4 = new IppPrinter(uri.url);
        else throw new Error(`${config.id}: an A4 printer needs an ipp://, cups: or sim: URI, not ${config.uri}`);
        this.devices.set(config.id, { config, a4, transport: null });
        const timer = setInterval(() => void this.refreshA4(config.id), config.statusIntervalMs);
        timer.unref();
        this.#closers.push(() => clearInterval(timer));
        break;
      }
      case 'windowBus': {
        const { transport, device } = this.#open(config, 9600);
        const evaluators: Record<number, EvaluatorModel> = Object.fromEntries(Object.entries(config.evaluators).map(([a, m]) => [Number(a), m]));
        const bus = new WindowBus({ transport: transport!, evaluators });
        if (device) {
          const sim = new WindowBusSimulator(device);
          for (const a of config.keypads) sim.addKeypad(a);
          for (const [a, m] of Object.entries(evaluators)) sim.addEvaluator(Number(a), m);
          this.simulators.windowBus = sim;
          this.#closers.push(() => sim.stop());
        }
        bus.on('keypad', ({ address, action }) => {
          log.info({ address, action }, 'keypad');
          this.emit('keypad', config.id, address, action);
        });
        bus.on('rating', ({ address, rating }) => {
          log.info({ address, rating }, 'rating');
          this.emit('rating', config.id, address, rating);
        });
        bus.on('unknownKey', ({ address, command, data }) => log.warn({ address, command, data: Buffer.from(data).toString('hex') }, 'unmapped key'));
        this.devices.set(config.id, { config, bus, transport: transport! });
        this.#watch(config.id, transport!);
        this.#closers.push(() => bus.detach());
        break;
      }
      case 'ledBus': {
        const { transport, device } = this.#open(config, 9600);
        const bus = new LedBus({ transport: transport!, timeoutMs: config.timeoutMs, retries: config.retries });
        const leds = new LedBusManager({ bus, displays: config.displays, retries: config.retries, faultRetryMs: config.faultRetryMs });
        if (device) {
          const sim = new LedBusSimulator(device);
          for (const d of config.displays) sim.addDisplay(d.unitId, d.digits);
          this.simulators.ledBus = sim;
          this.#closers.push(() => sim.stop());
        }
        leds.on('fault', (unitId, error) => {
          log.warn({ unitId, window: windowOf(config, unitId), code: error.code, reason: error.message }, 'LED display fault');
          this.#emitStatus(config.id);
        });
        leds.on('recovered', (unitId) => {
          log.info({ unitId, window: windowOf(config, unitId) }, 'LED display answers again');
          this.#emitStatus(config.id);
        });
        leds.on('shown', (unitId, text) => log.debug({ unitId, text }, 'LED display shows'));
        this.devices.set(config.id, { config, leds, transport: transport! });
        this.#watch(config.id, transport!);
        this.#closers.push(() => bus.close(), () => leds.close());
        break;
      }
    }
  }

  /**
   * Show `content` on every LED number display configured above window `windowNumber`.
   * Returns how many displays that is (0 when the window has none on this agent).
   */
  showOnWindowLeds(windowNumber: number, content: LedContent): number {
    let count = 0;
    for (const device of this.devices.values()) {
      if (!('leds' in device)) continue;
      for (const display of device.config.displays) {
        if (display.window !== windowNumber) continue;
        device.leds.show(display.unitId, content);
        count++;
      }
    }
    return count;
  }

  /** The first device of a kind, or the one named. */
  find<K extends AgentDevice['config']['kind']>(kind: K, id?: string): Extract<AgentDevice, { config: { kind: K } }> | null {
    if (id !== undefined) {
      const d = this.devices.get(id);
      return d && d.config.kind === kind ? (d as Extract<AgentDevice, { config: { kind: K } }>) : null;
    }
    for (const d of this.devices.values()) if (d.config.kind === kind) return d as Extract<AgentDevice, { config: { kind: K } }>;
    return null;
  }
}

type LedBusConfig = Extract<DeviceConfig, { kind: 'ledBus' }>;

const windowOf = (config: LedBusConfig, unitId: number) => config.displays.find((d) => d.unitId === unitId)?.window ?? null;

/** `5号窗口LED屏（地址 3）`: what staff look for above the windows. */
function ledDisplayName(config: LedBusConfig, unitId: number): string {
  const window = windowOf(config, unitId);
  return `${window === null ? '' : `${window}号窗口`}LED屏（地址 ${unitId}）`;
}

/** One fault per silent display, named by bus and unit id (at most 40 characters, as the hall server takes). */
function ledFault(config: LedBusConfig, unitId: number, error: LedError): { device: string; code: string; message: string } {
  const suffix = `@${unitId}`;
  return { device: `${config.id.slice(0, 40 - suffix.length)}${suffix}`, code: error.code === 'REFUSED' ? 'led_refused' : 'led_no_answer', message: `${ledDisplayName(config, unitId)}：${ledErrorMessages[error.code]}` };
}

const MAX_LED_FAULTS_LISTED = 3;

function ledLineFault(config: LedBusConfig, unitIds: number[]): { device: string; code: string; message: string } {
  const windows = [...new Set(unitIds.map((u) => windowOf(config, u)).filter((w) => w !== null))];
  const shown = windows.slice(0, 8).join('、') + (windows.length > 8 ? '…' : '');
  return { device: config.id, code: 'led_no_answer', message: `${unitIds.length}块LED屏无响应（${shown}号窗口），请检查供电和485总线`.slice(0, 200) };
}

const snakeCase = (text: string) => text.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Present a fictional card on a simulated reader. */
export function presentFixtureCard(sim: IdCardReaderSimulator, name: IdCardFixtureName, seed = 1): void {
  sim.present({ text: encodeIdCardText(idCardFixtures[name]), photo: fictionalPhoto(seed) });
}
