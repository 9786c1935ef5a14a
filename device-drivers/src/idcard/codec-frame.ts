// The SAM serial protocol of second-generation ID card readers (../shared/docs/devices.md §2):
// frames `AA AA AA 96 69 | len(2, big-endian) | body | xor`, where len counts the body and the
// checksum, and the checksum is the XOR of the length bytes and the body.

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/** Longest body we accept: text + photo + fingerprint + lengths + status, with room to spare. */
export const MAX_FRAME_LENGTH = 4096;

export const SamCommand = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  read: [0x30, 0x01],
  readWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export type SamCommandName = keyof typeof SamCommand;

function xor(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** A whole frame around `body` (CMD PARA data… for commands, SW1 SW2 SW3 data… for responses). */
export function buildFrame(body: Uint8Array | readonly number[]): Uint8Array {
  const length = body.length + 1;
  const frame = new Uint8Array(PREAMBLE.length + 2 + length);
  frame.set(PREAMBLE);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame.set(body, 7);
  frame[frame.length - 1] = xor(frame, 5, frame.length - 1);
  return frame;
}

export function buildCommand(name: SamCommandName, data: Uint8Array | readonly number[] = []): Uint8Array {
  return buildFrame([...SamCommand[name], ...data]);
}

export type SamFrameEvent =
  | { type: 'frame'; body: Uint8Array }
  | { type: 'error'; reason: 'checksum' | 'length'; skipped: number };

/**
 * Streaming frame parser. It does not trust the line: it hunts for the preamble, rejects
 * impossible lengths and bad checksums, and after any error restarts the hunt one byte past
 * the false start, so a real frame hidden in garbage is still found. It holds at most one
 * frame's worth of bytes.
 */
export class SamFrameParser {
  #buffer = new Uint8Array(0);

  get bufferedBytes(): number {
    return this.#buffer.length;
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): SamFrameEvent[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const events: SamFrameEvent[] = [];
    let at = 0;
    for (;;) {
      const start = findPreamble(joined, at);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble.
        at = Math.max(at, joined.length - (PREAMBLE.length - 1));
        break;
      }
      at = start;
      if (joined.length - start < 7) break;
      const length = (joined[start + 5]! << 8) | joined[start + 6]!;
      if (length < 2 || length > MAX_FRAME_LENGTH) {
        events.push({ type: 'error', reason: 'length', skipped: 1 });
        at = start + 1;
        continue;
      }
      const end = start + 7 + length;
      if (joined.length < end) break;
      if (xor(joined, start + 5, end - 1) !== joined[end - 1]) {
        events.push({ type: 'error', reason: 'checksum', skipped: 1 });
        at = start + 1;
        continue;
      }
      events.push({ type: 'frame', body: joined.slice(start + 7, end - 1) });
      at = end;
    }
    this.#buffer = joined.slice(at);
    return events;
  }
}

function findPreamble(bytes: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= bytes.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (bytes[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** SW3, the status byte that matters. */
export const samStatusNames = {
  0x90: 'ok',
  0x9f: 'cardFound',
  0x80: 'noCard',
  0x81: 'selectFailed',
  0x10: 'checksumError',
  0x11: 'lengthError',
  0x21: 'badCommand',
  0x23: 'notAuthorisedCommand',
  0x24: 'unrecognisedError',
  0x31: 'cardAuthenticationFailed',
  0x32: 'samAuthenticationFailed',
  0x33: 'verifyFailed',
  0x40: 'wrongCardType',
  0x41: 'readFailed',
  0x47: 'randomNumberFailed',
  0x60: 'samSelfTestFailed',
  0x66: 'samNotAuthorised',
  0x91: 'itemNotOnCard',
} as const;

export type SamStatus = (typeof samStatusNames)[keyof typeof samStatusNames] | 'unknown';

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  status: SamStatus;
  data: Uint8Array;
}

export function parseResponse(body: Uint8Array): SamResponse | null {
  if (body.length < 3) return null;
  const sw3 = body[2]!;
  return {
    sw1: body[0]!,
    sw2: body[1]!,
    sw3,
    status: (samStatusNames as Record<number, SamStatus>)[sw3] ?? 'unknown',
    data: body.slice(3),
  };
}

export function buildResponse(sw3: number, data: Uint8Array | readonly number[] = []): Uint8Array {
  return buildFrame([0x00, 0x00, sw3, ...data]);
}

export interface CardBlocks {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

/**
 * The data of a read response: 2 or 3 big-endian lengths (text, photo[, fingerprint]) then
 * the blocks. Returns null when the lengths do not fit the data.
 */
export function parseReadData(data: Uint8Array, withFingerprint: boolean): CardBlocks | null {
  const lengths = withFingerprint ? 3 : 2;
  if (data.length < lengths * 2) return null;
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  const fingerprintLength = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  const start = lengths * 2;
  if (start + textLength + photoLength + fingerprintLength > data.length) return null;
  const text = data.slice(start, start + textLength);
  const photo = data.slice(start + textLength, start + textLength + photoLength);
  if (!withFingerprint) return { text, photo };
  const fingerprint = data.slice(start + textLength + photoLength, start + textLength + photoLength + fingerprintLength);
  return { text, photo, fingerprint };
}

export function buildReadData(blocks: CardBlocks): Uint8Array {
  const withFingerprint = blocks.fingerprint !== undefined;
  const header = [blocks.text.length >> 8, blocks.text.length & 0xff, blocks.photo.length >> 8, blocks.photo.length & 0xff];
  if (withFingerprint) header.push(blocks.fingerprint!.length >> 8, blocks.fingerprint!.length & 0xff);
  const out = new Uint8Array(header.length + blocks.text.length + blocks.photo.length + (blocks.fingerprint?.length ?? 0));
  out.set(header);
  out.set(blocks.text, header.length);
  out.set(blocks.photo, header.length + blocks.text.length);
  if (blocks.fingerprint) out.set(blocks.fingerprint, header.length + blocks.text.length + blocks.photo.length);
  return out;
}
