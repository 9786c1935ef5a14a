// Keypads and evaluators on a simulated RS-485 bus: they echo what the host sends them (their
// acknowledgement), show what they are told to show, and press keys on request, resending a
// key until the host echoes it.
import { EventEmitter } from 'node:events';
import type { KeypadAction, RatingLevel } from '@hall/common/agent';
import type { Transport } from '../transport/transport.ts';
import { BLANK_DIGIT, Rs485Command, Rs485Parser, encodeRs485, fromHostLimits } from './codec.ts';
import { evaluatorKey, keypadKeyData, type EvaluatorModel } from './keymap.ts';

type SimDevice = { kind: 'keypad'; display: string; waiting: string; beeps: number } | { kind: 'evaluator'; model: EvaluatorModel };

export interface WindowBusSimulatorEvents {
  display: [update: { address: number; number: string; waiting: string }];
  beep: [address: number];
  acked: [address: number];
}

export class WindowBusSimulator extends EventEmitter<WindowBusSimulatorEvents> {
  readonly #devices = new Map<number, SimDevice>();
  readonly #parser = new Rs485Parser({ ...fromHostLimits, minLength: 2 });
  #unacked: { bytes: Uint8Array; timer: NodeJS.Timeout; tries: number } | null = null;
  /** Drop the host's next N frames, as a noisy bus or a switched-off device would. */
  deafFrames = 0;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(
    readonly transport: Transport,
    private readonly options: { resendMs?: number; maxTries?: number } = {},
  ) {
    super();
    transport.on('data', this.#onData);
  }

  stop(): void {
    this.transport.off('data', this.#onData);
    if (this.#unacked) clearTimeout(this.#unacked.timer);
    this.#unacked = null;
  }

  addKeypad(address: number): this {
    this.#devices.set(address, { kind: 'keypad', display: '', waiting: '', beeps: 0 });
    return this;
  }

  addEvaluator(address: number, model: EvaluatorModel = 'five-key'): this {
    this.#devices.set(address, { kind: 'evaluator', model });
    return this;
  }

  /** What a keypad's display shows now. */
  keypad(address: number): { number: string; waiting: string; beeps: number } {
    const d = this.#devices.get(address);
    if (d?.kind !== 'keypad') throw new Error(`no keypad at address ${address}`);
    return { number: d.display, waiting: d.waiting, beeps: d.beeps };
  }

  press(address: number, action: KeypadAction): void {
    this.#sendKey(encodeRs485({ address, command: Rs485Command.keypadKey, data: keypadKeyData(action) }));
  }

  rate(address: number, rating: RatingLevel): void {
    const d = this.#devices.get(address);
    if (d?.kind !== 'evaluator') throw new Error(`no evaluator at address ${address}`);
    const key = evaluatorKey(d.model, rating);
    if (key === null) throw new Error(`evaluator model ${d.model} has no key for ${rating}`);
    this.#sendKey(encodeRs485({ address, command: Rs485Command.evaluatorKey, data: Uint8Array.of(key) }));
  }

  #sendKey(bytes: Uint8Array): void {
    if (this.#unacked) clearTimeout(this.#unacked.timer);
    const attempt = (tries: number) => {
      this.transport.write(bytes).catch(() => undefined);
      const timer = setTimeout(() => {
        if (tries + 1 < (this.options.maxTries ?? 3)) attempt(tries + 1);
        else this.#unacked = null;
      }, this.options.resendMs ?? 500);
      this.#unacked = { bytes, timer, tries };
    };
    attempt(0);
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) {
      if (event.type !== 'frame') continue;
      const unacked = this.#unacked;
      if (unacked && Buffer.from(unacked.bytes).equals(Buffer.from(event.bytes))) {
        clearTimeout(unacked.timer);
        this.#unacked = null;
        this.emit('acked', event.frame.address);
        continue;
      }
      const device = this.#devices.get(event.frame.address);
      if (!device) continue;
      if (this.deafFrames > 0) {
        this.deafFrames--;
        continue;
      }
      this.transport.write(event.bytes).catch(() => undefined);
      if (device.kind !== 'keypad') continue;
      const digits = (bytes: Uint8Array) => Array.from(bytes, (b) => (b === BLANK_DIGIT ? ' ' : String(b))).join('');
      if (event.frame.command === Rs485Command.showNumber && event.frame.data.length === 6) {
        device.waiting = digits(event.frame.data.subarray(0, 3)).trim();
        device.display = digits(event.frame.data.subarray(3)).trim();
        this.emit('display', { address: event.frame.address, number: device.display, waiting: device.waiting });
      } else if (event.frame.command === Rs485Command.beep) {
        device.beeps++;
        this.emit('beep', event.frame.address);
      }
    }
  }
}
