import { describe, expect, it } from 'vitest';
import { EscPosBuilder, encodeGb18030, qrToRaster } from '../src/printer/codec-escpos.ts';
import { EscPosDecoder } from '../src/printer/codec-decode.ts';
import { PaperModel } from '../src/printer/paper.ts';
import {
  PrinterStatusParser,
  automaticStatusBlock,
  emptyCondition,
  parseAutomaticStatus,
  parseRealtimeStatus,
  realtimeStatusByte,
} from '../src/printer/codec-status.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS encoder', () => {
  it('initialises and turns Chinese mode on', () => {
    expect(hex(new EscPosBuilder().initialize().bytes())).toBe('1b 40 1c 26');
  });

  it('encodes Chinese text as GB18030', () => {
    expect(hex(new EscPosBuilder().line('中文').bytes())).toBe('d6 d0 ce c4 0a');
    expect(hex(new EscPosBuilder().text('A012号').bytes())).toBe('41 30 31 32 ba c5');
  });

  it('prints 4-byte GB18030 characters only on printers that have them', () => {
    // U+20BB7 𠮷 is a 4-byte code in GB18030.
    expect(hex(encodeGb18030('𠮷', { fourByteGb18030: true }))).toBe('95 34 b2 35');
    expect(hex(encodeGb18030('𠮷', { fourByteGb18030: false }))).toBe('3f');
  });

  it('strips control characters so hall data cannot inject printer commands', () => {
    expect(hex(encodeGb18030('A\u001b@\u001dV\u0000B', { fourByteGb18030: false }))).toBe('41 40 56 42');
  });

  it('encodes size, bold, alignment, feed and cut', () => {
    const bytes = new EscPosBuilder().size(2).size(3, 1).size(1).bold(true).bold(false).align('center').align('right').feed(3).cut('partial').cut('full').bytes();
    expect(hex(bytes)).toBe('1d 21 11 1d 21 20 1d 21 00 1b 45 01 1b 45 00 1b 61 01 1b 61 02 1b 64 03 1d 56 01 1d 56 00');
  });

  it('counts the QR store length in bytes of the payload, not characters', () => {
    const url = 'https://例.cn/号';
    const payload = new TextEncoder().encode(url);
    expect(url.length).toBe(14);
    expect(payload.length).toBe(18);
    const bytes = new EscPosBuilder().qr(url, { moduleDots: 6, level: 'M' }).bytes();
    const expected = [
      '1d 28 6b 04 00 31 41 32 00', // model 2
      '1d 28 6b 03 00 31 43 06', // module size
      '1d 28 6b 03 00 31 45 31', // level M
      '1d 28 6b 15 00 31 50 30', // store: 18 + 3 = 0x15
      hex(payload),
      '1d 28 6b 03 00 31 51 30', // print
    ].join(' ');
    expect(hex(bytes)).toBe(expected);
  });

  it('rejects an empty or oversized QR payload instead of sending a broken command', () => {
    expect(() => new EscPosBuilder().qr('', { moduleDots: 4 })).toThrow(RangeError);
    expect(() => new EscPosBuilder().qr('x'.repeat(7090), { moduleDots: 4 })).toThrow(RangeError);
  });

  it('draws a raster QR with a quiet zone, padded to whole bytes', () => {
    const image = qrToRaster('https://hall.example.gov.cn/t/1', 3, 'M');
    // Version 3 is 29 modules; with 4 modules of quiet zone each side: 37 × 3 = 111 dots.
    expect(image.width).toBe(111);
    expect(image.bits.length).toBe(14 * 111);
    // The finder pattern's top-left module is dark, the quiet zone is white.
    const dark = (x: number, y: number) => (image.bits[y * 14 + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
    expect(dark(12, 12)).toBe(true);
    expect(dark(11, 11)).toBe(false);
    const header = new EscPosBuilder().raster(image).bytes().subarray(0, 8);
    expect(hex(header)).toBe('1d 76 30 00 0e 00 6f 00');
  });
});

describe('ESC/POS decoder', () => {
  const ticket = new EscPosBuilder()
    .initialize()
    .align('center')
    .size(2)
    .bold(true)
    .line('测试大厅')
    .size(1)
    .bold(false)
    .line('A012')
    .qr('https://例.cn/号', { moduleDots: 6 })
    .feed(2)
    .cut('partial')
    .bytes();

  function decode(chunks: Uint8Array[]) {
    const decoder = new EscPosDecoder();
    const paper = new PaperModel();
    for (const chunk of chunks) for (const e of decoder.push(chunk)) paper.apply(e);
    return { paper, decoder };
  }

  it('reads back text with style, QR payload and the cut', () => {
    const { paper } = decode([ticket]);
    expect(paper.pages).toHaveLength(1);
    const page = paper.pages[0]!;
    expect(page.lines.map((l) => l.text)).toEqual(['测试大厅', 'A012']);
    expect(page.lines[0]).toMatchObject({ align: 'center', bold: true, scale: 2 });
    expect(page.lines[1]).toMatchObject({ bold: false, scale: 1 });
    expect(page.qrCodes).toEqual(['https://例.cn/号']);
  });

  it('gives the same result whatever the chunking, even one byte at a time', () => {
    const oneByOne = decode(Array.from(ticket, (b) => Uint8Array.of(b)));
    expect(oneByOne.paper.pages).toEqual(decode([ticket]).paper.pages);
    expect(oneByOne.decoder.bufferedBytes).toBe(0);
  });

  it("skips other encoders' commands whole, so their arguments never print as text", () => {
    const gb = (t: string) => Array.from(encodeGb18030(t, { fourByteGb18030: false }));
    const stream = Uint8Array.from([
      0x1b, 0x40, 0x1b, 0x32, 0x1b, 0x33, 0x41, 0x1b, 0x2d, 0x01, 0x1d, 0x42, 0x01, 0x1d, 0x4c, 0x10, 0x00, 0x1c, 0x21, 0x0c,
      0x1b, 0x21, 0x38, ...gb('大字'), 0x0a,
      0x1b, 0x74, 0x50, 0x1d, 0x6b, 0x04, ...Array.from(Buffer.from('12345')), 0x00, 0x1d, 0x6b, 0x49, 0x03, 0x7b, 0x42, 0x31,
      0x1d, 0x28, 0x4c, 0x02, 0x00, 0x30, 0x32, 0x1b, 0x70, 0x00, 0x19, 0xfa,
      ...gb('正文'), 0x0a, 0x1d, 0x56, 0x42, 0x03,
    ]);
    const paper = new PaperModel();
    for (const e of new EscPosDecoder().push(stream)) paper.apply(e);
    expect(paper.pages).toHaveLength(1);
    expect(paper.pages[0]!.lines.map((l) => l.text)).toEqual(['大字', '正文']);
    expect(paper.pages[0]!.lines[0]).toMatchObject({ bold: true, scale: 2 });
  });

  it('reports status requests and automatic-status-back commands with their stream offsets', () => {
    const events = new EscPosDecoder().push(Uint8Array.of(0x10, 0x04, 0x02, 0x1d, 0x61, 0x0e));
    expect(events).toEqual([
      { type: 'statusRequest', n: 2, end: 3 },
      { type: 'automaticStatusBack', mask: 0x0e, end: 6 },
    ]);
  });
});

describe('printer status', () => {
  it('reads real-time replies per request', () => {
    expect(parseRealtimeStatus(1, 0x12)).toEqual({ offline: false });
    expect(parseRealtimeStatus(1, 0x1a)).toEqual({ offline: true });
    expect(parseRealtimeStatus(2, 0x16)).toEqual({ coverOpen: true, paperEnd: false });
    expect(parseRealtimeStatus(2, 0x32)).toEqual({ coverOpen: false, paperEnd: true });
    expect(parseRealtimeStatus(3, 0x1a)).toMatchObject({ cutterError: true });
    expect(parseRealtimeStatus(4, 0x1e)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parseRealtimeStatus(4, 0x72)).toEqual({ paperNearEnd: false, paperEnd: true });
  });

  it('answers like a real printer in the simulator (round trip)', () => {
    const c = { ...emptyCondition, paperNearEnd: true, coverOpen: true };
    expect(realtimeStatusByte(4, c)).toBe(0x1e);
    expect(realtimeStatusByte(2, c)).toBe(0x16);
    expect(parseAutomaticStatus(automaticStatusBlock(c))).toMatchObject({ paperNearEnd: true, coverOpen: true, paperEnd: false });
  });

  it('separates real-time bytes from ASB blocks, across chunks and through noise', () => {
    const parser = new PrinterStatusParser();
    const asb = automaticStatusBlock({ ...emptyCondition, paperEnd: true });
    const out = [
      ...parser.push(Uint8Array.of(0xff, 0x12, asb[0]!, asb[1]!)),
      ...parser.push(Uint8Array.of(asb[2]!, asb[3]!, 0x80, 0x16)),
    ];
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({ type: 'realtime', byte: 0x12 });
    expect(out[1]!.type).toBe('asb');
    expect(out[1]!.type === 'asb' && parseAutomaticStatus(out[1]!.block).paperEnd).toBe(true);
    expect(out[2]).toEqual({ type: 'realtime', byte: 0x16 });
    expect(parser.pendingBytes).toBe(0);
  });
});
