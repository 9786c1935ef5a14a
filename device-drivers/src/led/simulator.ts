// LED-485 number displays on a simulated RS-485 line: a Modbus RTU slave answering for
// several unit ids, which decodes the segment codes written to it back into the characters a
// person would read, and can be told to stop answering (a display switched off or cut loose).
import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { LED_DEFAULT_BAUD, LED_MAX_CHARS, LedRegister, baudOfCode, fitText, isUnitId, registerInt16, registersToText } from './codec.ts';
import { ModbusException, RtuRequestParser, encodeException, encodeResponse, type ModbusRequest } from './codec-rtu.ts';

export interface SimulatedLedDisplay {
  unitId: number;
  digits: number;
  /** What a person reads on it now, `digits` characters (blanks included). */
  text: string;
  /** Every text it has shown, in order (a blink shows as text, blank, text…). */
  history: string[];
  decimalPoint: number;
  baud: number;
  /** Requests it answered. */
  answered: number;
  silent: boolean;
}

export interface LedBusSimulatorEvents {
  shown: [update: { unitId: number; text: string }];
  unitIdChanged: [change: { from: number; to: number }];
  /** A request for a unit that is silent or not there: nobody answered. */
  unanswered: [unitId: number];
}

export class LedBusSimulator extends EventEmitter<LedBusSimulatorEvents> {
  readonly #displays = new Map<number, SimulatedLedDisplay & { registers: Map<number, number> }>();
  readonly #parser = new RtuRequestParser();
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(
    readonly transport: Transport,
    /** Wait this long before answering, as a line at a real baud rate takes (a pseudo-terminal does not). */
    private readonly options: { replyDelayMs?: number } = {},
  ) {
    super();
    transport.on('data', this.#onData);
  }

  stop(): void {
    this.transport.off('data', this.#onData);
  }

  addDisplay(unitId: number, digits = 4): this {
    if (!isUnitId(unitId)) throw new RangeError(`unit ids are 1–255, not ${unitId}`);
    const text = ' '.repeat(digits);
    this.#displays.set(unitId, { unitId, digits, text, history: [], decimalPoint: 0, baud: LED_DEFAULT_BAUD, answered: 0, silent: false, registers: new Map() });
    return this;
  }

  get unitIds(): number[] {
    return [...this.#displays.keys()].sort((a, b) => a - b);
  }

  display(unitId: number): SimulatedLedDisplay {
    const d = this.#displays.get(unitId);
    if (!d) throw new Error(`no simulated LED display at unit id ${unitId}`);
    const { registers: _r, ...view } = d;
    return { ...view, history: [...view.history] };
  }

  /** A silent display hears requests but never answers, as one without power would. */
  setSilent(unitId: number, silent: boolean): void {
    const d = this.#displays.get(unitId);
    if (!d) throw new Error(`no simulated LED display at unit id ${unitId}`);
    d.silent = silent;
  }

  #receive(chunk: Uint8Array): void {
    for (const event of this.#parser.push(chunk)) {
      const unit = event.type === 'request' ? event.request.unit : event.unit;
      const display = this.#displays.get(unit);
      if (!display || display.silent) {
        this.emit('unanswered', unit);
        continue;
      }
      const reply = event.type === 'request' ? this.#handle(display, event.request) : encodeException(unit, event.fc, ModbusException.illegalFunction);
      display.answered++;
      const delay = this.options.replyDelayMs ?? 0;
      if (delay > 0) setTimeout(() => void this.transport.write(reply).catch(() => undefined), delay);
      else this.transport.write(reply).catch(() => undefined);
    }
  }

  #handle(d: SimulatedLedDisplay & { registers: Map<number, number> }, request: ModbusRequest): Uint8Array {
    const refuse = (code: number) => encodeException(request.unit, request.fc, code);
    const textRegisterCount = Math.ceil(LED_MAX_CHARS / 2);
    const isTextRegister = (a: number) => a >= LedRegister.text && a < LedRegister.text + textRegisterCount;
    switch (request.fc) {
      case 0x03: {
        const values: number[] = [];
        for (let a = request.address; a < request.address + request.count; a++) {
          if (a === LedRegister.unitId) values.push(d.unitId);
          else if (a === LedRegister.baud || a === LedRegister.number || a === LedRegister.decimalPoint || isTextRegister(a)) values.push(d.registers.get(a) ?? 0);
          else return refuse(ModbusException.illegalDataAddress);
        }
        return encodeResponse(request, values);
      }
      case 0x06: {
        const { address, value } = request;
        if (address === LedRegister.number) {
          d.registers.set(address, value);
          this.#show(d, fitText(String(registerInt16(value)), d.digits));
        } else if (address === LedRegister.decimalPoint) {
          d.registers.set(address, value);
          d.decimalPoint = value;
        } else if (address === LedRegister.baud) {
          const baud = baudOfCode(value);
          if (baud === null) return refuse(ModbusException.illegalDataValue);
          d.registers.set(address, value);
          d.baud = baud;
        } else if (address === LedRegister.unitId) {
          if (!isUnitId(value) || (value !== d.unitId && this.#displays.has(value))) return refuse(ModbusException.illegalDataValue);
          // Answers from the old id, then listens at the new one.
          const reply = encodeResponse(request);
          const from = d.unitId;
          this.#displays.delete(from);
          d.unitId = value;
          this.#displays.set(value, d);
          this.emit('unitIdChanged', { from, to: value });
          return reply;
        } else return refuse(ModbusException.illegalDataAddress);
        return encodeResponse(request);
      }
      case 0x10: {
        const { address, values } = request;
        if (!isTextRegister(address) || !isTextRegister(address + values.length - 1)) return refuse(ModbusException.illegalDataAddress);
        values.forEach((v, i) => d.registers.set(address + i, v));
        const all = Array.from({ length: textRegisterCount }, (_, i) => d.registers.get(LedRegister.text + i) ?? 0);
        // A display `digits` wide shows the first `digits` characters of the text registers.
        this.#show(d, registersToText(all).slice(0, d.digits));
        return encodeResponse(request);
      }
    }
  }

  #show(d: SimulatedLedDisplay, text: string): void {
    if (text !== d.text || d.history.length === 0) {
      d.history.push(text);
      this.emit('shown', { unitId: d.unitId, text });
    }
    d.text = text;
  }
}
