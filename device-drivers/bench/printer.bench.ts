// Ticket printer figures for `npm run bench`: what a citizen waits for at the kiosk is the
// encode time plus the bytes on a 115200-baud line, so both are measured on a typical slip.
import { readFileSync } from 'node:fs';
import { ticketSlipSchema, type TicketSlip } from '@hall/common/ticket-slip';
import { EscPosDecoder } from '../src/printer/codec-decode.ts';
import { PaperModel } from '../src/printer/paper.ts';
import { printerProfiles } from '../src/printer/profiles.ts';
import { renderTicketEscPos } from '../src/printer/ticket-escpos.ts';
import { renderTicketSvg } from '../src/printer/ticket-svg.ts';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  reference?: number;
  note?: string;
  target?: { op: '<=' | '>='; value: number };
}

const slip: TicketSlip = ticketSlipSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/golden/ticket-slip.json', import.meta.url), 'utf8')));

/** Median time of one call in microseconds, after a warm-up. */
function medianMicros(fn: (i: number) => unknown, runs = 2_000): number {
  for (let i = 0; i < 200; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1_000);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(samples.length / 2)]! * 10) / 10;
}

/** 8N1: ten bits on the line per byte. */
const wireMs = (bytes: number, baud = 115_200) => Math.round(((bytes * 10) / baud) * 1000 * 10) / 10;

export async function run(): Promise<BenchRow[]> {
  const native80 = renderTicketEscPos(slip, printerProfiles['generic-80']).length;
  const native58 = renderTicketEscPos(slip, printerProfiles['generic-58']).length;
  const raster80 = renderTicketEscPos(slip, printerProfiles['raster-80']).length;
  // Vary the number so nothing is cached between runs.
  const encode = medianMicros((i) => renderTicketEscPos({ ...slip, number: `A${String(i % 1000).padStart(3, '0')}` }, printerProfiles['generic-80']));
  const encodeRaster = medianMicros((i) => renderTicketEscPos({ ...slip, number: `A${String(i % 1000).padStart(3, '0')}` }, printerProfiles['raster-80']), 300);
  const bytes = renderTicketEscPos(slip, printerProfiles['generic-80']);
  const decode = medianMicros(() => {
    const paper = new PaperModel();
    for (const e of new EscPosDecoder().push(bytes)) paper.apply(e);
  });
  const svg = medianMicros(() => renderTicketSvg(slip, printerProfiles['generic-80']), 500);
  return [
    { name: 'bytes per ticket, 80 mm, native QR', value: native80, unit: 'B', reference: raster80, target: { op: '<=', value: 1200 }, note: 'reference: the same ticket with the QR as a raster image' },
    { name: 'bytes per ticket, 58 mm, native QR', value: native58, unit: 'B', target: { op: '<=', value: 1200 } },
    { name: 'time on the wire at 115200 baud, native QR', value: wireMs(native80), unit: 'ms', reference: wireMs(raster80), note: 'reference: raster QR' },
    { name: 'encode a ticket (slip → ESC/POS), native QR', value: encode, unit: 'µs', reference: encodeRaster, note: 'median; reference: raster QR (includes QR symbol generation)' },
    { name: 'decode a ticket (simulator side)', value: decode, unit: 'µs', note: 'median' },
    { name: 'render the SVG preview', value: svg, unit: 'µs', note: 'median' },
  ];
}
