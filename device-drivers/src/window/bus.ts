// One RS-485 bus with the caller keypads and evaluators of several windows, each at its own
// address. The bus is half duplex: writes go out one at a time and each waits for the
// device's echo before the next address is spoken to. Frames from devices are echoed back as
// their acknowledgement, then turned into hall actions and ratings.
import { EventEmitter } from 'node:events';
import type { KeypadAction, RatingLevel } from '@hall/common/agent';
import type { Transport } from '../transport/transport.ts';
import { Rs485Command, Rs485Parser, beepFrame, encodeRs485, fromDeviceLimits, showNumberFrame, type Rs485Frame } from './codec.ts';
import { evaluatorRating, keypadAction, type EvaluatorModel } from './keymap.ts';

export interface WindowBusEvents {
  keypad: [press: { address: number; action: KeypadAction }];
  rating: [rating: { address: number; rating: RatingLevel }];
  /** A key we have no meaning for, kept so a new model can be mapped from logs. */
  unknownKey: [key: { address: number; command: number; data: Uint8Array }];
  lineError: [reason: string];
}

export interface WindowBusOptions {
  transport: Transport;
  /** Evaluator model per address; addresses not listed are keypads. */
  evaluators?: Record<number, EvaluatorModel>;
  ackTimeoutMs?: number;
  retries?: number;
  /** The same frame again within this time is a resend, not a new key press. */
  repeatWindowMs?: number;
}

export class BusError extends Error {
  override name = 'BusError';
  constructor(
    readonly code: 'NO_ACK' | 'NOT_OPEN',
    message: string,
  ) {
    super(message);
  }
}

export class WindowBus extends EventEmitter<WindowBusEvents> {
  readonly transport: Transport;
  /** Wide enough for the echoes of our own frames; device frames are checked tighter below. */
  readonly #parser = new Rs485Parser({ minLength: 2, maxLength: 16 });
  readonly #evaluators: Record<number, EvaluatorModel>;
  readonly #ackTimeoutMs: number;
  readonly #retries: number;
  #queue: Promise<unknown> = Promise.resolve();
  #awaitingEcho: { bytes: Uint8Array; resolve: () => void } | null = null;
  readonly #lastPress = new Map<number, { key: string; at: number }>();
  readonly #repeatWindowMs: number;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(options: WindowBusOptions) {
    super();
    this.transport = options.transport;
    this.#evaluators = options.evaluators ?? {};
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 300;
    this.#retries = options.retries ?? 2;
    this.#repeatWindowMs = options.repeatWindowMs ?? 400;
    this.transport.on('data', this.#onData);
  }

  detach(): void {
    this.transport.off('data', this.#onData);
  }

  /** Show a ticket number (last three digits) and optionally the waiting count on a keypad. */
  showNumber(address: number, number: string, waiting?: number): Promise<void> {
    return this.send(showNumberFrame(address, number, waiting));
  }

  beep(address: number): Promise<void> {
    return this.send(beepFrame(address));
  }

  /** Send a frame and wait for its echo, retrying a few times; one frame on the bus at a time. */
  send(frame: Rs485Frame): Promise<void> {
    const run = this.#queue.then(() => this.#sendNow(encodeRs485(frame)));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sendNow(bytes: Uint8Array): Promise<void> {
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      if (this.transport.state !== 'open') throw new BusError('NOT_OPEN', `RS-485 bus ${this.transport.uri} is not connected`);
      const echoed = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.#awaitingEcho = null;
          resolve(false);
        }, this.#ackTimeoutMs);
        this.#awaitingEcho = {
          bytes,
          resolve: () => {
            clearTimeout(timer);
            this.#awaitingEcho = null;
            resolve(true);
          },
        };
      });
      await this.transport.write(bytes).catch(() => undefined);
      if (await echoed) return;
    }
    throw new BusError('NO_ACK', `no echo from address ${bytes[5]} after ${this.#retries + 1} tries`);
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) {
      if (event.type === 'error') {
        this.emit('lineError', event.reason);
        continue;
      }
      const pending = this.#awaitingEcho;
      if (pending && sameBytes(pending.bytes, event.bytes)) {
        pending.resolve();
        continue;
      }
      const length = event.frame.data.length + 2;
      if (length < fromDeviceLimits.minLength || length > fromDeviceLimits.maxLength) {
        this.emit('lineError', 'length');
        continue;
      }
      this.#fromDevice(event.frame, event.bytes);
    }
  }

  #fromDevice(frame: Rs485Frame, bytes: Uint8Array): void {
    // Devices resend until acknowledged; the echo is the acknowledgement.
    this.transport.write(bytes).catch(() => undefined);
    // A resend because our echo got lost on the bus is the same press, not a second one.
    const key = Buffer.from(bytes).toString('hex');
    const now = Date.now();
    const last = this.#lastPress.get(frame.address);
    this.#lastPress.set(frame.address, { key, at: now });
    if (last && last.key === key && now - last.at < this.#repeatWindowMs) return;
    const model = this.#evaluators[frame.address];
    if (frame.command === Rs485Command.evaluatorKey && model) {
      const rating = evaluatorRating(model, frame.data[0] ?? -1);
      if (rating) this.emit('rating', { address: frame.address, rating });
      else this.emit('unknownKey', { address: frame.address, command: frame.command, data: frame.data });
      return;
    }
    const action = frame.command === Rs485Command.evaluatorKey ? null : keypadAction(frame.data);
    if (action) this.emit('keypad', { address: frame.address, action });
    else this.emit('unknownKey', { address: frame.address, command: frame.command, data: frame.data });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
