// Modbus RTU framing for the pieces modbus-serial leaves to its port: cutting the byte stream
// into whole frames. The host side (modbus-port.ts) needs to know where the answer to its
// request ends; the simulator needs requests. Frames are `unit fc data… crcLo crcHi`.

export const ModbusFunction = {
  readHoldingRegisters: 0x03,
  writeSingleRegister: 0x06,
  writeMultipleRegisters: 0x10,
} as const;

export const ModbusException = {
  illegalFunction: 0x01,
  illegalDataAddress: 0x02,
  illegalDataValue: 0x03,
} as const;

/** CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), sent low byte first. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** Appends the CRC to `unit fc data…`. */
export function withCrc(body: readonly number[] | Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 2);
  out.set(body);
  const crc = crc16(out.subarray(0, body.length));
  out[body.length] = crc & 0xff;
  out[body.length + 1] = crc >> 8;
  return out;
}

export function crcOk(frame: Uint8Array): boolean {
  if (frame.length < 4) return false;
  const crc = crc16(frame.subarray(0, frame.length - 2));
  return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >> 8;
}

const be = (v: number) => [(v >> 8) & 0xff, v & 0xff];

export type ModbusRequest =
  | { unit: number; fc: 0x03; address: number; count: number }
  | { unit: number; fc: 0x06; address: number; value: number }
  | { unit: number; fc: 0x10; address: number; values: number[] };

export function encodeRequest(request: ModbusRequest): Uint8Array {
  switch (request.fc) {
    case 0x03:
      return withCrc([request.unit, request.fc, ...be(request.address), ...be(request.count)]);
    case 0x06:
      return withCrc([request.unit, request.fc, ...be(request.address), ...be(request.value)]);
    case 0x10:
      return withCrc([request.unit, request.fc, ...be(request.address), ...be(request.values.length), request.values.length * 2, ...request.values.flatMap(be)]);
  }
}

/** A slave's answer: registers read, the echo of a write, or an exception. */
export function encodeResponse(request: ModbusRequest, registers: readonly number[] = []): Uint8Array {
  switch (request.fc) {
    case 0x03:
      return withCrc([request.unit, request.fc, registers.length * 2, ...registers.flatMap(be)]);
    case 0x06:
      return withCrc([request.unit, request.fc, ...be(request.address), ...be(request.value)]);
    case 0x10:
      return withCrc([request.unit, request.fc, ...be(request.address), ...be(request.values.length)]);
  }
}

export function encodeException(unit: number, fc: number, code: number): Uint8Array {
  return withCrc([unit, fc | 0x80, code]);
}

/** How long the answer to a request is (a function code we do not know: null). */
export function responseLength(request: Uint8Array): number | null {
  const fc = request[1];
  switch (fc) {
    case 0x01:
    case 0x02: {
      const n = ((request[4] ?? 0) << 8) | (request[5] ?? 0);
      return 5 + Math.ceil(n / 8);
    }
    case 0x03:
    case 0x04:
      return 5 + 2 * (((request[4] ?? 0) << 8) | (request[5] ?? 0));
    case 0x05:
    case 0x06:
    case 0x0f:
    case 0x10:
      return 8;
    default:
      return null;
  }
}

/** Most bytes a request frame takes (function 16 with 123 registers). */
const MAX_FRAME = 256;

/**
 * Host side: finds the answer to one request in what arrives, skipping noise and other units'
 * bytes. Returns the frame (answer or exception, CRC checked) and how many bytes it consumed.
 */
export function findResponse(buffer: Uint8Array, unit: number, fc: number, length: number): { frame: Uint8Array; end: number } | null {
  for (let at = 0; at + 5 <= buffer.length; at++) {
    if (buffer[at] !== unit) continue;
    const code = buffer[at + 1];
    const size = code === fc ? length : code === (fc | 0x80) ? 5 : 0;
    if (!size || at + size > buffer.length) continue;
    const frame = buffer.slice(at, at + size);
    if (crcOk(frame)) return { frame, end: at + size };
  }
  return null;
}

export type RtuRequestEvent = { type: 'request'; request: ModbusRequest; bytes: Uint8Array } | { type: 'unsupported'; unit: number; fc: number; bytes: Uint8Array };

/**
 * Slave side: a streaming parser of requests. A real slave frames by the 3.5-character
 * silence; over a pseudo-terminal there is no timing to go by, so frames are found by their
 * length and CRC, moving one byte on when they do not check out.
 */
export class RtuRequestParser {
  #buffer = new Uint8Array(0);

  get bufferedBytes(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): RtuRequestEvent[] {
    const b = new Uint8Array(this.#buffer.length + chunk.length);
    b.set(this.#buffer);
    b.set(chunk, this.#buffer.length);
    const events: RtuRequestEvent[] = [];
    let at = 0;
    while (b.length - at >= 8) {
      const unit = b[at]!;
      const fc = b[at + 1]!;
      let size: number;
      if (fc === 0x0f || fc === 0x10) size = 9 + b[at + 6]!;
      else if (fc >= 0x01 && fc <= 0x06) size = 8;
      else {
        at++;
        continue;
      }
      if (size > MAX_FRAME) {
        at++;
        continue;
      }
      if (b.length - at < size) break;
      const bytes = b.slice(at, at + size);
      if (!crcOk(bytes)) {
        at++;
        continue;
      }
      at += size;
      const word = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
      if (fc === 0x03) events.push({ type: 'request', request: { unit, fc, address: word(2), count: word(4) }, bytes });
      else if (fc === 0x06) events.push({ type: 'request', request: { unit, fc, address: word(2), value: word(4) }, bytes });
      else if (fc === 0x10 && bytes[6] === 2 * word(4)) {
        const values = Array.from({ length: word(4) }, (_, i) => word(7 + 2 * i));
        events.push({ type: 'request', request: { unit, fc, address: word(2), values }, bytes });
      } else events.push({ type: 'unsupported', unit, fc, bytes });
    }
    this.#buffer = b.slice(at);
    return events;
  }
}
