// modbus-serial on our transport layer. The library takes any object shaped like a serial
// port (`new ModbusRTU(port)`): it builds requests, checks the CRC, address and function of
// each answer and times out unanswered ones. What it leaves to the port is cutting the byte
// stream into whole answers (its own RTUBufferedPort does that on a serialport it opens
// itself, which would take the line away from our reconnecting transport). This adapter does
// that cutting on a Transport, so the line keeps its reconnect loop, status and simulators.
import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { findResponse, responseLength } from './codec-rtu.ts';

export class TransportModbusPort extends EventEmitter {
  /** modbus-serial keys transactions by these; a serial port has one transaction at a time. */
  _transactionIdRead = 1;
  _transactionIdWrite = 1;
  #buffer = new Uint8Array(0);
  #expect: { unit: number; fc: number; length: number } | null = null;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(readonly transport: Transport) {
    super();
    transport.on('data', this.#onData);
  }

  get isOpen(): boolean {
    return this.transport.state === 'open';
  }

  /** The transport is opened and reopened by its owner; the client only needs it attached. */
  open(callback: (error: Error | null) => void): void {
    callback(null);
  }

  close(callback?: (error: Error | null) => void): void {
    this.transport.off('data', this.#onData);
    this.#expect = null;
    callback?.(null);
  }

  write(data: Buffer): void {
    // Half duplex: whatever is still buffered belongs to an earlier, finished exchange.
    this.#buffer = new Uint8Array(0);
    const length = responseLength(data);
    const unit = data[0]!;
    // Unit 0 is a broadcast: nobody answers.
    this.#expect = length !== null && unit !== 0 ? { unit, fc: data[1]!, length } : null;
    // A failed write surfaces as the library's timeout; the transport reports the line itself.
    this.transport.write(data).catch(() => undefined);
  }

  #receive(chunk: Buffer): void {
    const expect = this.#expect;
    if (!expect) return;
    const b = new Uint8Array(this.#buffer.length + chunk.length);
    b.set(this.#buffer);
    b.set(chunk, this.#buffer.length);
    const found = findResponse(b, expect.unit, expect.fc, expect.length);
    if (!found) {
      // Keep at most one answer's worth of bytes while waiting for the rest.
      this.#buffer = b.length > 512 ? b.slice(-256) : b;
      return;
    }
    this.#buffer = new Uint8Array(0);
    this.#expect = null;
    this.emit('data', Buffer.from(found.frame));
  }
}
