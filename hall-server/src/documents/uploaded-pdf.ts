// PDFs made elsewhere (a licence a department uploads in place of a certificate type's
// template): checked when uploaded (a PDF, not encrypted, a page count within the caller's
// limit, every page of a printable size), and stamped when printed — the verification stamp
// (stamp.ts) at the bottom right of every page as the reader sees it, whatever the page's
// /Rotate. pdf-lib (the maintained @pdfme fork) loads with the first upload, like pdfkit with
// the first document. Both run on the document thread (document-thread.ts).
import { createHash } from 'node:crypto';
import type * as PdfLibModule from '@pdfme/pdf-lib';
import { HallError } from '@hall/common/errors';
import { mm } from './render.ts';

type PdfLib = typeof PdfLibModule;
let pdfLib: Promise<PdfLib> | undefined;

function loadPdfLib(): Promise<PdfLib> {
  pdfLib ??= import('@pdfme/pdf-lib');
  return pdfLib;
}

/** Pages smaller than a business card or larger than A3 are not something a kiosk prints on A4. */
const minSideMm = 50;
const maxSideMm = 430;
/** From the page's visible edges to the stamp, clear of what printers cannot reach. */
const stampInsetMm = 6;

const invalid = (message: string) => new HallError('VALIDATION_FAILED', { field: 'pdf.data', message });

export interface UploadedPdfFacts {
  pageCount: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
}

/** Checks an upload; throws VALIDATION_FAILED (field pdf.data) with a Chinese reason. */
export async function inspectUploadedPdf(bytes: Uint8Array, limits: { maxPages: number }): Promise<UploadedPdfFacts> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw invalid('上传的文件不是PDF，请选择PDF格式的证照文件');
  const { PDFDocument, EncryptedPDFError } = await loadPdfLib();
  let pages: PdfLibModule.PDFPage[];
  try {
    // A broken file may load and fail only when its page tree is read.
    pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPages();
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw invalid('上传的PDF已加密，请上传未加密的文件');
    throw invalid('上传的PDF文件已损坏，无法读取，请重新导出后上传');
  }
  if (pages.length === 0) throw invalid('上传的PDF没有页面');
  if (pages.length > limits.maxPages) throw invalid(`上传的PDF有${pages.length}页，最多${limits.maxPages}页`);
  pages.forEach((page, i) => {
    const { width, height } = page.getCropBox();
    const sides = [width / mm(1), height / mm(1)];
    if (sides.some((s) => s < minSideMm || s > maxSideMm)) throw invalid(`上传的PDF第${i + 1}页尺寸异常（${sides.map((s) => Math.round(s)).join('×')}毫米），请使用A4页面`);
  });
  return { pageCount: pages.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The uploaded PDF with `stamp` (a one-page PDF) drawn on every page, at the bottom right as
 * the page is displayed and printed, upright, shrunk only if the page is too narrow for it.
 */
export async function stampUploadedPdf(bytes: Uint8Array, stamp: Uint8Array, meta: { title: string; subject: string }): Promise<Uint8Array> {
  const { PDFDocument, degrees } = await loadPdfLib();
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const [embedded] = await pdf.embedPdf(stamp, [0]);
  if (!embedded) throw new Error('the verification stamp has no page');
  const inset = mm(stampInsetMm);
  for (const page of pdf.getPages()) {
    const box = page.getCropBox();
    const angle = ((page.getRotation().angle % 360) + 360) % 360;
    // /Rotate must be a multiple of 90; viewers ignore anything else, and so do we.
    const rotation = ([0, 90, 180, 270] as const).find((a) => a === angle) ?? 0;
    const turned = rotation === 90 || rotation === 270;
    const shown = { width: turned ? box.height : box.width, height: turned ? box.width : box.height };
    const scale = Math.min(1, (shown.width - 2 * inset) / embedded.width);
    const size = { width: embedded.width * scale, height: embedded.height * scale };
    // The stamp's lower left corner as the reader sees the page…
    const u = shown.width - inset - size.width;
    const v = inset;
    // …in the page's own coordinates, where the stamp is drawn turned by the page's rotation.
    const at = {
      0: { x: u, y: v },
      90: { x: box.width - v, y: u },
      180: { x: box.width - u, y: box.height - v },
      270: { x: v, y: box.height - u },
    }[rotation];
    page.drawPage(embedded, { x: box.x + at.x, y: box.y + at.y, ...size, rotate: degrees(rotation) });
  }
  pdf.setTitle(meta.title);
  pdf.setSubject(meta.subject);
  pdf.setProducer('hall-server certificates');
  return pdf.save();
}
