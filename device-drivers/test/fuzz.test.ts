// Random bytes into every parser that reads from a device: nothing may throw, and no parser
// may hold on to more than its documented bound however the bytes are chunked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, MAX_COMMAND_BYTES } from '../src/printer/codec-decode.ts';
import { PaperModel } from '../src/printer/paper.ts';
import { PrinterStatusParser } from '../src/printer/codec-status.ts';
import { MAX_FRAME_LENGTH, SamFrameParser, buildResponse, parseReadData, parseResponse } from '../src/idcard/codec-frame.ts';
import { decodeIdCardText } from '../src/idcard/codec-text.ts';
import { Rs485Parser, encodeRs485, fromDeviceLimits } from '../src/window/codec.ts';
import { HidPosAssembler, MAX_SCAN_BYTES, ScanLineAssembler, decodeScan } from '../src/scanner/codec.ts';
import { IppDecodeError, decodeIppResponse } from '../src/a4/ipp-message.ts';

const chunks = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 });
const runs = { numRuns: 300 };

describe('parsers under random input', () => {
  it('ESC/POS decoder', () => {
    fc.assert(
      fc.property(chunks, (parts) => {
        const decoder = new EscPosDecoder();
        const paper = new PaperModel();
        for (const p of parts) {
          for (const e of decoder.push(p)) paper.apply(e);
          expect(decoder.bufferedBytes).toBeLessThanOrEqual(MAX_COMMAND_BYTES);
        }
      }),
      runs,
    );
  });

  it('ESC/POS decoder with a command prefix that claims a huge length', () => {
    const decoder = new EscPosDecoder();
    // GS ( k with length 0xFFFF, then GS v 0 with 0xFFFF × 0xFFFF bytes.
    decoder.push(Uint8Array.of(0x1d, 0x28, 0x6b, 0xff, 0xff, 0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff));
    decoder.push(new Uint8Array(200_000).fill(0x41));
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(MAX_COMMAND_BYTES);
  });

  it('printer status parser', () => {
    fc.assert(
      fc.property(chunks, (parts) => {
        const parser = new PrinterStatusParser();
        for (const p of parts) parser.push(p);
        expect(parser.pendingBytes).toBeLessThan(4);
      }),
      runs,
    );
  });

  it('SAM frame parser, with real frames mixed into the noise', () => {
    const frame = fc.constantFrom(buildResponse(0x9f, [0, 0, 0, 0]), buildResponse(0x90, new Uint8Array(40)), Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), frame), { maxLength: 40 }), (parts) => {
        const parser = new SamFrameParser();
        for (const p of parts) {
          for (const e of parser.push(p)) if (e.type === 'frame') parseResponse(e.body);
          expect(parser.bufferedBytes).toBeLessThanOrEqual(MAX_FRAME_LENGTH + 7);
        }
      }),
      runs,
    );
  });

  it('SAM read data and card text decoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (data, withFingerprint) => {
        parseReadData(data, withFingerprint);
        decodeIdCardText(data.subarray(0, 256), data.subarray(256));
      }),
      runs,
    );
  });

  it('RS-485 parser', () => {
    const frame = fc.constantFrom(encodeRs485({ address: 1, command: 1, data: Uint8Array.of(0x0c) }), Uint8Array.of(0xff, 0x68, 0x05, 0x05, 0x68));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 100 }), frame), { maxLength: 40 }), (parts) => {
        const parser = new Rs485Parser(fromDeviceLimits);
        for (const p of parts) {
          parser.push(p);
          expect(parser.bufferedBytes).toBeLessThanOrEqual(fromDeviceLimits.maxLength + 7);
        }
      }),
      runs,
    );
  });

  it('scanner line and HID report assemblers, and text decoding', () => {
    fc.assert(
      fc.property(chunks, (parts) => {
        const lines = new ScanLineAssembler();
        const reports = new HidPosAssembler(true);
        for (const p of parts) {
          for (const line of lines.push(p)) decodeScan(line, 'auto');
          const scan = reports.push(p);
          if (scan) decodeScan(scan, 'gb18030');
          expect(lines.bufferedBytes).toBeLessThanOrEqual(MAX_SCAN_BYTES);
          expect(reports.bufferedBytes).toBeLessThanOrEqual(MAX_SCAN_BYTES);
        }
      }),
      runs,
    );
  });

  it('IPP responses: only a typed decode error, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          decodeIppResponse(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(IppDecodeError);
        }
      }),
      runs,
    );
  });
});
