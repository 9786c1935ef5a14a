// Printer status on the wire: real-time status (DLE EOT n, one byte back) and automatic
// status back (GS a n, four bytes on every change). Both arrive on the same line, told apart
// by the low bits of the first byte: 0xx1xx10 for a real-time reply, 0xx1xx00 for ASB.
import type { PrinterCondition } from '@hall/common/agent';
import { DLE, GS } from './codec-escpos.ts';

export type StatusRequest = 1 | 2 | 3 | 4;

export function realtimeStatusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, 0x04, n);
}

/** ASB for online/offline, errors and the paper sensor (GS a 0x0E). */
export const ASB_MASK = 0x0e;

export function automaticStatusBack(mask = ASB_MASK): Uint8Array {
  return Uint8Array.of(GS, 0x61, mask);
}

export const emptyCondition: PrinterCondition = {
  offline: false,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

export function isRealtimeReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

function isAsbFirstByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** What one real-time reply says, as the fields that request n covers. */
export function parseRealtimeStatus(n: StatusRequest, byte: number): Partial<PrinterCondition> {
  switch (n) {
    case 1:
      return { offline: bit(byte, 3) };
    case 2:
      // Bit 5: printing stopped because the paper ran out. Bit 6: some error is present.
      return { coverOpen: bit(byte, 2), paperEnd: bit(byte, 5) };
    case 3:
      return { cutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      return { paperNearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) || bit(byte, 6) };
  }
}

/** The byte a printer in `condition` answers to DLE EOT n; simulators use it. */
export function realtimeStatusByte(n: StatusRequest, c: PrinterCondition): number {
  let byte = 0x12;
  const set = (on: boolean, b: number) => {
    if (on) byte |= 1 << b;
  };
  switch (n) {
    case 1:
      set(c.offline, 3);
      break;
    case 2:
      set(c.coverOpen, 2);
      set(c.paperEnd, 5);
      set(c.cutterError || c.unrecoverableError || c.autoRecoverableError, 6);
      break;
    case 3:
      set(c.cutterError, 3);
      set(c.unrecoverableError, 5);
      set(c.autoRecoverableError, 6);
      break;
    case 4:
      if (c.paperNearEnd) byte |= 0x0c;
      if (c.paperEnd) byte |= 0x60;
      break;
  }
  return byte;
}

/** Epson-style ASB block: byte 1 offline/cover, byte 2 errors, byte 3 paper sensors. */
export function parseAutomaticStatus(block: Uint8Array): PrinterCondition {
  const [b1 = 0, b2 = 0, b3 = 0] = block;
  return {
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    cutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperEnd: (b3 & 0x0c) !== 0,
  };
}

export function automaticStatusBlock(c: PrinterCondition): Uint8Array {
  let b1 = 0x10;
  if (c.offline || c.coverOpen || c.paperEnd) b1 |= 0x08;
  if (c.coverOpen) b1 |= 0x20;
  let b2 = 0x00;
  if (c.cutterError) b2 |= 0x08;
  if (c.unrecoverableError) b2 |= 0x20;
  if (c.autoRecoverableError) b2 |= 0x40;
  let b3 = 0x00;
  if (c.paperNearEnd) b3 |= 0x03;
  if (c.paperEnd) b3 |= 0x0c;
  return Uint8Array.of(b1, b2, b3, 0x00);
}

export type StatusMessage = { type: 'realtime'; byte: number } | { type: 'asb'; block: Uint8Array };

/**
 * Splits the printer's replies into real-time bytes and 4-byte ASB blocks. Bytes that fit
 * neither (line noise, a block cut short by an unplug) are dropped; state is at most 3 bytes.
 */
export class PrinterStatusParser {
  #block: number[] = [];

  push(chunk: Uint8Array): StatusMessage[] {
    const out: StatusMessage[] = [];
    for (const byte of chunk) {
      if (this.#block.length > 0) {
        // ASB bytes 2–4 keep bits 4 and 7 clear; anything else means the block was cut.
        if ((byte & 0x90) === 0) {
          this.#block.push(byte);
          if (this.#block.length === 4) {
            out.push({ type: 'asb', block: Uint8Array.from(this.#block) });
            this.#block = [];
          }
          continue;
        }
        this.#block = [];
      }
      if (isRealtimeReply(byte)) out.push({ type: 'realtime', byte });
      else if (isAsbFirstByte(byte)) this.#block = [byte];
    }
    return out;
  }

  get pendingBytes(): number {
    return this.#block.length;
  }
}
