import { describe, expect, it } from 'vitest';
import {
  LedCodecError,
  baudCode,
  baudOfCode,
  fitText,
  fromSegments,
  int16Register,
  registerInt16,
  registersToText,
  segmentCodes,
  textRegisters,
  toSegments,
} from '../../src/led/codec.ts';
import { RtuRequestParser, crc16, encodeException, encodeRequest, encodeResponse, findResponse, responseLength } from '../../src/led/codec-rtu.ts';
import { blinkOn, defaultLedRules, isValidTemplate, ledContentFor, nextBlinkChange, renderTemplate } from '../../src/led/content.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ').toUpperCase();

// The table as the issue gives it, typed in again here so a slip in the source shows up.
const issueTable = `space 00, 0 3F, 1 06, 2 5B, 3 4F, 4 66, 5 6D, 6 7D, 7 07, 8 7F, 9 6F, A 77, B 7C, C 39, D 5E, E 79, F 71, G 3D, H 76, I 10, J 0E,
  K 7A, L 38, M 55, N 54, O 5C, P 73, Q 67, R 50, S 64, T 78, U 3E, V 62, W 6A, X 36, Y 6E, Z 49, - 40`;
const expected = new Map(
  issueTable.split(',').map((pair) => {
    const [c, code] = pair.trim().split(/\s+/) as [string, string];
    return [c === 'space' ? ' ' : c, parseInt(code, 16)] as const;
  }),
);

describe('seven-segment table', () => {
  it('has exactly the codes of the device table', () => {
    expect(expected.size).toBe(38);
    expect(new Map(Object.entries(segmentCodes))).toEqual(expected);
  });

  it('reads every code back as its character, so the simulator can tell them apart', () => {
    for (const [c, code] of expected) {
      expect(toSegments(c)).toEqual([code]);
      expect(fromSegments([code])).toBe(c);
    }
    expect(new Set(expected.values()).size).toBe(expected.size);
    expect(fromSegments([0x3f | 0x80])).toBe('0');
    expect(fromSegments([0x01])).toBe('?');
  });

  it('takes lower case, and names a character it cannot show', () => {
    expect(toSegments('a0z')).toEqual([0x77, 0x3f, 0x49]);
    expect(() => toSegments('A号')).toThrow(LedCodecError);
    expect(() => toSegments('A号')).toThrow(/号/);
  });
});

describe('text registers', () => {
  it('puts two characters in each register, the first in the high byte, right-aligned', () => {
    expect(textRegisters('A012', 4)).toEqual([0x773f, 0x065b]);
    expect(textRegisters('A012', 6)).toEqual([0x0000, 0x773f, 0x065b]);
    // Odd widths end in a blank low byte.
    expect(textRegisters('A012', 5)).toEqual([0x0077, 0x3f06, 0x5b00]);
    expect(textRegisters('----', 4)).toEqual([0x4040, 0x4040]);
    expect(textRegisters('', 4)).toEqual([0, 0]);
  });

  it('reads registers back into what a person sees', () => {
    for (const [text, width] of [['A012', 4], ['BA105', 6], ['7', 3], ['HELP', 4]] as const) {
      expect(registersToText(textRegisters(text, width)).slice(0, width)).toBe(fitText(text, width));
    }
  });

  it('fits text to the display: padded on the left, or its last characters when too long', () => {
    expect(fitText('a7', 4)).toBe('  A7');
    expect(fitText('AB0123', 4)).toBe('0123');
    expect(() => fitText('1', 7)).toThrow(LedCodecError);
  });

  it('writes numbers as signed 16-bit registers and baud rates as codes', () => {
    expect(int16Register(-1)).toBe(0xffff);
    expect(int16Register(1234)).toBe(1234);
    expect(registerInt16(0x8000)).toBe(-32768);
    expect(() => int16Register(40000)).toThrow(LedCodecError);
    expect([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map(baudCode)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(baudOfCode(4)).toBe(9600);
    expect(() => baudCode(14400)).toThrow(LedCodecError);
  });
});

describe('Modbus RTU framing', () => {
  it('computes the CRC of the specification examples, low byte first', () => {
    expect(hex(encodeRequest({ unit: 1, fc: 0x03, address: 0, count: 10 }))).toBe('01 03 00 00 00 0A C5 CD');
    expect(hex(encodeRequest({ unit: 1, fc: 0x06, address: 1, value: 3 }))).toBe('01 06 00 01 00 03 98 0B');
    expect(crc16(Uint8Array.of(0x01, 0x03, 0x00, 0x00, 0x00, 0x0a))).toBe(0xcdc5);
  });

  it('encodes the write of "A012" to display 5', () => {
    const frame = encodeRequest({ unit: 5, fc: 0x10, address: 0x80, values: textRegisters('A012', 4) });
    expect(hex(frame.subarray(0, -2))).toBe('05 10 00 80 00 02 04 77 3F 06 5B');
    expect(responseLength(frame)).toBe(8);
    expect(responseLength(encodeRequest({ unit: 5, fc: 0x03, address: 0, count: 3 }))).toBe(11);
  });

  it('parses requests split across chunks and between noise', () => {
    const a = encodeRequest({ unit: 2, fc: 0x10, address: 0x80, values: [0x773f, 0x065b] });
    const b = encodeRequest({ unit: 3, fc: 0x06, address: 0x02, value: 9 });
    const c = encodeRequest({ unit: 4, fc: 0x03, address: 0x00, count: 1 });
    const broken = a.slice();
    broken[8] = broken[8]! ^ 0xff;
    const stream = Uint8Array.from([0x00, 0x13, ...broken, ...a, 0x77, ...b, ...c]);
    for (const size of [1, 5, 200]) {
      const parser = new RtuRequestParser();
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...parser.push(stream.subarray(i, i + size)));
      expect(out.map((e) => (e.type === 'request' ? e.request : e))).toEqual([
        { unit: 2, fc: 0x10, address: 0x80, values: [0x773f, 0x065b] },
        { unit: 3, fc: 0x06, address: 0x02, value: 9 },
        { unit: 4, fc: 0x03, address: 0, count: 1 },
      ]);
      expect(parser.bufferedBytes).toBeLessThan(8);
    }
  });

  it('finds the answer to a request among other bytes, exceptions included', () => {
    const request = { unit: 2, fc: 0x06, address: 0, value: 7 } as const;
    const answer = encodeResponse(request);
    const other = encodeResponse({ ...request, unit: 3 });
    const found = findResponse(Uint8Array.from([0x02, 0x06, ...other, ...answer]), 2, 0x06, 8);
    expect(found && hex(found.frame)).toBe(hex(answer));
    const refusal = encodeException(2, 0x10, 0x02);
    expect(hex(refusal.subarray(0, 3))).toBe('02 90 02');
    expect(findResponse(refusal, 2, 0x10, 8)?.frame).toEqual(refusal);
    expect(findResponse(answer.subarray(0, 7), 2, 0x06, 8)).toBeNull();
  });
});

describe('what a window display shows', () => {
  const state = (status: 'closed' | 'open' | 'paused', number: string | null) => ({ windowNumber: 5, status, number });

  it('blinks a call and a recall, dashes on pause, blank when idle or signed out', () => {
    expect(ledContentFor(state('open', 'A012'), 'call', defaultLedRules)).toEqual({ text: 'A012', blink: defaultLedRules.blink });
    expect(ledContentFor(state('open', 'A012'), 'recall', defaultLedRules)).toEqual({ text: 'A012', blink: defaultLedRules.blink });
    expect(ledContentFor(state('open', 'A012'), 'update', defaultLedRules)).toEqual({ text: 'A012', blink: null });
    expect(ledContentFor(state('paused', 'A012'), 'update', defaultLedRules)).toEqual({ text: '------', blink: null });
    expect(ledContentFor(state('open', null), 'update', defaultLedRules)).toEqual({ text: '', blink: null });
    expect(ledContentFor(state('closed', null), 'update', defaultLedRules)).toEqual({ text: '', blink: null });
  });

  it('fills templates and blanks what a display cannot show', () => {
    expect(renderTemplate('{window}-{number}', { windowNumber: 5, number: 'A1' })).toBe('5-A1');
    expect(renderTemplate('号{number}', { windowNumber: 5, number: null })).toBe(' ');
    expect(isValidTemplate('P{window}')).toBe(true);
    expect(isValidTemplate('暂停')).toBe(false);
  });

  it('alternates lit and dark each half period and stays lit after the blink', () => {
    const blink = { periodMs: 400, durationMs: 1000 };
    expect([0, 199, 200, 399, 400, 700, 1000, 5000].map((t) => blinkOn(t, blink))).toEqual([true, true, false, false, true, false, true, true]);
    expect([0, 200, 950, 1000].map((t) => nextBlinkChange(t, blink))).toEqual([200, 400, 1000, null]);
  });
});
