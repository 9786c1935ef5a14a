// LED-485 number displays on one RS-485 line, through modbus-serial over our transport (see
// modbus-port.ts for why the library does not open the port itself). One request on the line
// at a time; each is retried on silence, never on a refusal. The bus manager (bus-manager.ts)
// sits on top for the agent; the commissioning command uses this class directly.
import ModbusRTU from 'modbus-serial';
import type { Transport } from '../transport/transport.ts';
import { LedCodecError, LedRegister, baudCode, blankRegisters, int16Register, isUnitId, textRegisters } from './codec.ts';
import { blinkOn, nextBlinkChange, type BlinkOptions } from './content.ts';
import { TransportModbusPort } from './modbus-port.ts';

export type LedErrorCode = 'NO_ANSWER' | 'REFUSED' | 'NOT_OPEN' | 'BAD_TEXT';

/** Chinese, for the setup screen and the hall's device list. */
export const ledErrorMessages: Record<LedErrorCode, string> = {
  NO_ANSWER: 'LED显示屏无响应，请检查电源、485接线和地址设置',
  REFUSED: 'LED显示屏拒绝了命令，请核对显示屏型号',
  NOT_OPEN: 'LED显示屏所在的485总线未连接',
  BAD_TEXT: 'LED显示屏无法显示该内容（只能显示数字、字母和横线）',
};

export class LedError extends Error {
  override name = 'LedError';
  constructor(
    readonly code: LedErrorCode,
    readonly unitId: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LedBusOptions {
  transport: Transport;
  /** How long to wait for each answer. At 9600 baud an answer takes about 10 ms on the wire. */
  timeoutMs?: number;
  /** Tries after the first when a display stays silent. */
  retries?: number;
}

export interface TransactOptions {
  retries?: number;
  timeoutMs?: number;
}

interface ModbusFailure {
  modbusCode?: number;
  errno?: string;
  message?: string;
}

export class LedBus {
  readonly transport: Transport;
  readonly #client: ModbusRTU;
  readonly #port: TransportModbusPort;
  readonly #timeoutMs: number;
  readonly #retries: number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: LedBusOptions) {
    this.transport = options.transport;
    this.#timeoutMs = options.timeoutMs ?? 300;
    this.#retries = options.retries ?? 2;
    this.#port = new TransportModbusPort(options.transport);
    this.#client = new ModbusRTU(this.#port);
    // Errors reach each request's callback; the client's own error event needs a listener.
    (this.#client as unknown as { on(event: 'error', listener: () => void): void }).on('error', () => undefined);
    this.#client.open();
  }

  /** Show up to six characters (digits, letters, dash, space), right-aligned on a display `width` wide. */
  showText(unitId: number, text: string, width: number, options?: TransactOptions): Promise<void> {
    let registers: number[];
    try {
      registers = textRegisters(text, width);
    } catch (error) {
      if (error instanceof LedCodecError) return Promise.reject(new LedError('BAD_TEXT', unitId, error.message, { cause: error }));
      throw error;
    }
    return this.#transact(unitId, (c) => c.writeRegisters(LedRegister.text, registers), options);
  }

  /** Blank every position. */
  clear(unitId: number, width: number, options?: TransactOptions): Promise<void> {
    const registers = blankRegisters(width);
    return this.#transact(unitId, (c) => c.writeRegisters(LedRegister.text, registers), options);
  }

  /** Show a signed 16-bit number through register 0x00. */
  showNumber(unitId: number, value: number, options?: TransactOptions): Promise<void> {
    const register = int16Register(value);
    return this.#transact(unitId, (c) => c.writeRegister(LedRegister.number, register), options);
  }

  setDecimalPoint(unitId: number, position: number, options?: TransactOptions): Promise<void> {
    return this.#transact(unitId, (c) => c.writeRegister(LedRegister.decimalPoint, position & 0xffff), options);
  }

  /**
   * Alternate `text` and blank (on for the first half of each period) until `durationMs` has
   * passed, then leave `text` showing. Stops early, leaving the text, when `signal` aborts.
   */
  async blink(unitId: number, text: string, width: number, blink: BlinkOptions, signal?: AbortSignal): Promise<void> {
    const started = Date.now();
    let shown: boolean | null = null;
    for (;;) {
      const elapsed = Date.now() - started;
      const next = signal?.aborted ? null : nextBlinkChange(elapsed, blink);
      const on = next === null || blinkOn(elapsed, blink);
      if (on !== shown) {
        await (on ? this.showText(unitId, text, width) : this.clear(unitId, width));
        shown = on;
      }
      if (next === null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, next - (Date.now() - started)));
        signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  /**
   * Give the display at `unitId` a new unit id (commissioning: one display on the line at a
   * time). It may answer from the old id or not at all before it switches, so the new id is
   * asked afterwards; resolves once the display answers there.
   */
  async setUnitId(unitId: number, newId: number): Promise<void> {
    if (!isUnitId(newId)) throw new LedError('REFUSED', unitId, `unit ids are 1–255, not ${newId}`);
    const write = await this.#transact(unitId, (c) => c.writeRegister(LedRegister.unitId, newId)).catch((e: unknown) => e);
    if (write instanceof LedError && write.code !== 'NO_ANSWER') throw write;
    if (!(await this.probe(newId, { retries: 2 }))) throw new LedError('NO_ANSWER', newId, `the display did not answer at its new unit id ${newId}`);
  }

  /** Set the display's baud rate; it answers at the old rate, then switches (reopen the line at the new rate). */
  setBaud(unitId: number, baud: number): Promise<void> {
    let code: number;
    try {
      code = baudCode(baud);
    } catch (error) {
      return Promise.reject(new LedError('REFUSED', unitId, (error as Error).message));
    }
    return this.#transact(unitId, (c) => c.writeRegister(LedRegister.baud, code));
  }

  /** Whether anything answers at `unitId` (a refusal is an answer: the display is there). */
  async probe(unitId: number, options: TransactOptions = {}): Promise<boolean> {
    try {
      await this.#transact(unitId, (c) => c.readHoldingRegisters(LedRegister.number, 1), { retries: 0, ...options });
      return true;
    } catch (error) {
      if (error instanceof LedError && error.code === 'REFUSED') return true;
      if (error instanceof LedError && error.code === 'NO_ANSWER') return false;
      throw error;
    }
  }

  /** The unit ids in `ids` that answer, asked one after another. */
  async scan(ids: Iterable<number>, options: TransactOptions = {}, onProgress?: (unitId: number, found: boolean) => void): Promise<number[]> {
    const found: number[] = [];
    for (const id of ids) {
      const present = await this.probe(id, options);
      onProgress?.(id, present);
      if (present) found.push(id);
    }
    return found;
  }

  /** Stops taking requests; the transport belongs to whoever opened it. */
  close(): void {
    this.#closed = true;
    this.#client.close(() => undefined);
  }

  #transact(unitId: number, request: (client: ModbusRTU) => Promise<unknown>, options: TransactOptions = {}): Promise<void> {
    const run = this.#queue.then(() => this.#attempts(unitId, request, options));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #attempts(unitId: number, request: (client: ModbusRTU) => Promise<unknown>, options: TransactOptions): Promise<void> {
    const retries = options.retries ?? this.#retries;
    let last: LedError | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (this.#closed || this.transport.state !== 'open') {
        throw new LedError('NOT_OPEN', unitId, `RS-485 line ${this.transport.uri} is not connected (${this.#closed ? 'closed' : this.transport.state})`);
      }
      this.#client.setID(unitId);
      this.#client.setTimeout(options.timeoutMs ?? this.#timeoutMs);
      try {
        await request(this.#client);
        return;
      } catch (error) {
        const failure = error as ModbusFailure;
        if (failure.modbusCode !== undefined) throw new LedError('REFUSED', unitId, `display ${unitId} refused: ${failure.message ?? ''}`, { cause: error });
        last = new LedError('NO_ANSWER', unitId, `display ${unitId} did not answer (${failure.message ?? failure.errno ?? 'no reply'})`, { cause: error });
      }
    }
    throw last ?? new LedError('NO_ANSWER', unitId, `display ${unitId} did not answer`);
  }
}
