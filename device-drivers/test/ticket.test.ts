import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ticketSlipSchema, type TicketSlip } from '@hall/common/ticket-slip';
import { EscPosDecoder } from '../src/printer/codec-decode.ts';
import { PaperModel } from '../src/printer/paper.ts';
import { printerProfiles } from '../src/printer/profiles.ts';
import { renderTicketEscPos } from '../src/printer/ticket-escpos.ts';
import { formatIssuedAt, layoutTicket, waitText, wrapText } from '../src/printer/ticket-layout.ts';
import { renderTicketSvg } from '../src/printer/ticket-svg.ts';
import { renderPageSvg } from '../src/printer/page-svg.ts';

const golden = new URL('../../fixtures/golden/', import.meta.url);
const slip: TicketSlip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('ticket-slip.json', golden), 'utf8')));

function paperOf(bytes: Uint8Array) {
  const paper = new PaperModel();
  for (const e of new EscPosDecoder().push(bytes)) paper.apply(e);
  return paper;
}

describe('ticket slip schema', () => {
  it('accepts the golden slip and rejects a time without offset or a negative queue', () => {
    expect(ticketSlipSchema.safeParse(slip).success).toBe(true);
    expect(ticketSlipSchema.safeParse({ ...slip, issuedAt: '2026-11-23T09:05:07' }).success).toBe(false);
    expect(ticketSlipSchema.safeParse({ ...slip, peopleAhead: -1 }).success).toBe(false);
  });
});

describe('ticket layout', () => {
  it('prints the hall local time as sent, whatever the machine time zone', () => {
    expect(formatIssuedAt('2026-11-23T23:59:59+08:00')).toBe('2026-11-23 23:59');
  });

  it('words the wait estimate for every case', () => {
    expect(waitText(null)).toBe('预计等候时间：暂无法估算');
    expect(waitText(0)).toBe('预计等候：即将叫号');
    expect(waitText(24.6)).toBe('预计等候：约25分钟');
  });

  it('wraps by display columns, a Chinese character counting two', () => {
    expect(wrapText('一二三四五', 4)).toEqual(['一二', '三四', '五']);
    expect(wrapText('AB一CD', 4)).toEqual(['AB一', 'CD']);
  });

  it('lays out every field of the slip, the number largest', () => {
    const blocks = layoutTicket(slip, printerProfiles['generic-80']);
    const texts = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toEqual([
      '示例区政务服务中心',
      '不动产登记',
      'A012',
      '您前面还有 7 人等候',
      '预计等候：约25分钟',
      '请留意叫号屏，到3号窗口办理',
      '取号时间：2026-11-23 09:05',
      '扫码查看排队进度',
      '过号请重新取号，当日有效。',
      '请妥善保管小票，凭票办理业务。',
    ]);
    const number = blocks.find((b) => b.kind === 'text' && b.text === 'A012');
    expect(number).toMatchObject({ scale: 4, bold: true });
    expect(blocks).toContainEqual({ kind: 'qr', data: slip.qrUrl });
  });

  it('leaves out the window hint and notice rule when there are none', () => {
    const blocks = layoutTicket({ ...slip, windowHint: undefined, notices: [] }, printerProfiles['generic-58']);
    expect(blocks.some((b) => b.kind === 'rule')).toBe(false);
    expect(blocks.some((b) => b.kind === 'text' && b.text.includes('窗口'))).toBe(false);
  });
});

describe('ticket on paper', () => {
  for (const profile of Object.values(printerProfiles)) {
    it(`${profile.id}: matches the golden byte stream`, () => {
      const expected = new Uint8Array(readFileSync(new URL(`ticket-${profile.id}.bin`, golden)));
      expect(Buffer.from(renderTicketEscPos(slip, profile)).equals(Buffer.from(expected))).toBe(true);
    });
  }

  it('a typical ticket with native QR is at most 1.2 KB on the wire', () => {
    for (const id of ['generic-58', 'generic-80'] as const) {
      expect(renderTicketEscPos(slip, printerProfiles[id]).length).toBeLessThanOrEqual(1200);
    }
  });

  it('decodes back to the slip text and its QR link', () => {
    const paper = paperOf(renderTicketEscPos(slip, printerProfiles['generic-58']));
    expect(paper.pages).toHaveLength(1);
    const text = paper.pages[0]!.lines.map((l) => l.text).join('\n');
    for (const expected of ['不动产登记', 'A012', '您前面还有 7 人等候', '取号时间：2026-11-23 09:05', '请留意叫号屏']) {
      expect(text).toContain(expected);
    }
    expect(paper.pages[0]!.qrCodes).toEqual([slip.qrUrl]);
  });

  it('sends the QR as an image on printers without native QR', () => {
    const paper = paperOf(renderTicketEscPos(slip, printerProfiles['raster-80']));
    expect(paper.pages[0]!.qrCodes).toEqual([]);
    expect(paper.pages[0]!.images).toBe(1);
  });

  it('never lets slip text break the command stream', () => {
    const hostile = { ...slip, categoryName: '不动产\u001dV\u0000登记', notices: ['\u001b@\u001c.注意'] };
    const paper = paperOf(renderTicketEscPos(hostile, printerProfiles['generic-80']));
    expect(paper.pages).toHaveLength(1);
    const text = paper.pages[0]!.lines.map((l) => l.text);
    expect(text).toContain('不动产V登记');
    expect(text).toContain('@.注意');
  });
});

describe('ticket preview', () => {
  it('renders an SVG with the same text and a QR drawing, XML-escaped', () => {
    const svg = renderTicketSvg({ ...slip, notices: ['<请> & "注意"'] }, printerProfiles['generic-80']);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="576"');
    expect(svg).toContain('>A012</text>');
    expect(svg).toContain('&lt;请&gt; &amp; &quot;注意&quot;');
    expect(svg).toMatch(/<path d="M\d+ \d+h6v6h-6z/);
  });

  it('draws what the bytes put on paper, in paper order, for the simulated printer', () => {
    const page = paperOf(renderTicketEscPos(slip, printerProfiles['generic-58'])).pages[0]!;
    const kinds = page.items.map((i) => (i.kind === 'line' ? i.text : `<${i.kind}>`));
    expect(kinds.indexOf('<qr>')).toBe(kinds.indexOf('取号时间：2026-11-23 09:05') + 1);
    const svg = renderPageSvg(page, printerProfiles['generic-58']);
    expect(svg).toContain('width="384"');
    expect(svg).toContain('>A012</text>');
    expect(svg).toMatch(/<path d="M\d+ \d+h5v5h-5z/);
  });
});
