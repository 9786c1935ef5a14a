// The verification stamp laid on every page of a PDF the hall did not draw itself (a licence
// a department uploaded): the QR to /v/<code>, 扫码验真, the short code and where it was
// printed, on a white panel with a thin border, so it reads on any background. Rendered as a
// one-page PDF of exactly the stamp's size; certificates/uploaded-pdf.ts places it.
import { loadFonts } from './fonts.ts';
import type { Mm } from './model.ts';
import { drawQr, loadPdfKit, mm, type RenderOptions } from './render.ts';

export interface VerificationStamp {
  qrPayload: string;
  /** The short code as printed, e.g. ABCDE-23456. */
  code: string;
  /** Above the code: 扫码验真. */
  label: string;
  /** Below the code, small: where and when it was printed. */
  note: string;
}

/** The stamp's size on paper. */
export const stampSizeMm: { width: Mm; height: Mm } = { width: 64, height: 24 };

export async function renderStamp(stamp: VerificationStamp, options: RenderOptions = {}): Promise<Uint8Array> {
  const [fonts, PDFDocument] = await Promise.all([options.fonts ?? loadFonts(), loadPdfKit()]);
  const width = mm(stampSizeMm.width);
  const height = mm(stampSizeMm.height);
  const doc = new PDFDocument({ size: [width, height], margin: 0, pdfVersion: '1.7', info: { Title: stamp.label, Producer: 'hall-server documents' } });
  for (const weight of ['regular', 'bold'] as const) doc.registerFont(weight, fonts[weight] as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const inset = mm(0.6);
  doc.rect(inset, inset, width - 2 * inset, height - 2 * inset).lineWidth(0.5).fillAndStroke('#ffffff', '#8c8c8c');
  const qrSize = mm(20);
  drawQr(doc, stamp.qrPayload, width - qrSize - mm(2), (height - qrSize) / 2, qrSize);
  const textX = mm(3);
  const textWidth = width - qrSize - mm(6);
  const text = (value: string, y: number, size: number, weight: 'regular' | 'bold', color: string) =>
    doc.font(weight).fontSize(size).fillColor(color).text(value, textX, y, { width: textWidth, lineBreak: true, height: height - y - mm(1.5), ellipsis: true });
  text(stamp.label, mm(3.2), 8, 'regular', '#333333');
  text(stamp.code, mm(7.6), 12, 'bold', '#000000');
  text(stamp.note, mm(14), 6.5, 'regular', '#333333');
  doc.end();
  await done;
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
