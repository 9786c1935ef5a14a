// DocumentSpec → PDF bytes, with pdfkit. The body flows down A4 pages: blocks that must stay
// whole (a table row, a drawing, a signature box) move to the next page when they do not fit,
// paragraphs break between lines. Running headers, footers and the per-page QR mark are drawn
// last, once the page count is known.
import type PDFKitDocument from 'pdfkit';
import { loadFonts, type DocumentFonts } from './fonts.ts';
import type {
  Align,
  Block,
  DocumentSpec,
  DrawingBlock,
  FieldsBlock,
  FontWeight,
  Margins,
  PageMark,
  Point,
  RunningText,
  Shape,
  SignatureBlock,
  StrokeStyle,
  TableBlock,
  TextStyle,
} from './model.ts';
import { darkRuns, qrMatrix, quietZoneModules } from './qr.ts';

const ptPerMm = 72 / 25.4;
/** Millimetres to PDF points. */
export const mm = (value: number): number => value * ptPerMm;

const bodySize = 10.5;
const black = '#000000';
const labelShade = '#f2f2f2';
const rule = '#000000';
const cellPadding = mm(1.4);
const minRowHeight = mm(7);

export interface RenderedDocument {
  bytes: Uint8Array;
  pageCount: number;
  /** Characters the font has no glyph for (they print as empty boxes): rare name characters. */
  missingCharacters: string[];
}

export interface RenderOptions {
  /** Parsed fonts; loaded once per process when not given. */
  fonts?: DocumentFonts;
}

let pdfkit: Promise<typeof PDFKitDocument> | undefined;

/** pdfkit is loaded with the first document: start-up and memory stay small until one is printed. */
export function loadPdfKit(): Promise<typeof PDFKitDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}

export async function renderDocument(spec: DocumentSpec, options: RenderOptions = {}): Promise<RenderedDocument> {
  const [fonts, PDFDocument] = await Promise.all([options.fonts ?? loadFonts(), loadPdfKit()]);
  const writer = new Writer(spec, fonts, PDFDocument);
  for (const block of spec.body) writer.block(block);
  return writer.finish();
}

let prepared: Promise<void> | undefined;

/**
 * Parses the fonts and renders a throw-away page once, so that the first citizen's document
 * does not pay for font-table parsing and JIT warm-up (about half a second on this machine).
 * Call it when the server starts; later calls return the same promise.
 */
export function prepareDocuments(): Promise<void> {
  prepared ??= (async () => {
    await renderDocument({
      meta: { title: '预热' },
      pageMark: { qrPayload: 'warm-up', code: 'WARM-UP' },
      body: [
        { kind: 'heading', text: '申请书 Application 2026' },
        { kind: 'fields', columns: 2, rows: [{ label: '经营者名称', value: '西安市新城区示例店' }, { label: '电话', value: '13900000000' }] },
        { kind: 'table', columns: [{ title: '序号' }, { title: '姓名' }], rows: [['1', '王小明']] },
        { kind: 'paragraph', text: '本人承诺所填内容真实有效。' },
      ],
    });
  })();
  prepared.catch(() => {
    prepared = undefined;
  });
  return prepared;
}

type PdfDoc = PDFKit.PDFDocument;

class Writer {
  readonly doc: PdfDoc;
  private readonly margins: Margins;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private readonly missing = new Set<string>();
  private readonly checked = new Set<string>();
  /** Where the next block starts, in points from the top of the current page. */
  private y: number;

  constructor(
    private readonly spec: DocumentSpec,
    private readonly fonts: DocumentFonts,
    PDFDocument: typeof PDFKitDocument,
  ) {
    const markSize = spec.pageMark ? (spec.pageMark.sizeMm ?? 16) : 0;
    this.margins = {
      top: spec.header ? 22 : 18,
      right: 18,
      bottom: spec.pageMark ? Math.max(18, markSize + 10) : 18,
      left: 20,
      ...spec.page?.marginsMm,
    };
    const m = this.margins;
    const info: PDFKit.DocumentInfo = { Title: spec.meta.title, Producer: 'hall-server documents', Creator: 'hall-server' };
    if (spec.meta.author) info.Author = spec.meta.author;
    if (spec.meta.subject) info.Subject = spec.meta.subject;
    if (spec.meta.keywords) info.Keywords = spec.meta.keywords.join(', ');
    if (spec.meta.createdAt) info.CreationDate = new Date(spec.meta.createdAt);
    this.doc = new PDFDocument({
      size: 'A4',
      layout: spec.page?.orientation ?? 'portrait',
      margins: { top: mm(m.top), right: mm(m.right), bottom: mm(m.bottom), left: mm(m.left) },
      bufferPages: true,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      info,
    });
    // pdfkit's types take a path or bytes; it also accepts a parsed fontkit font (anything
    // with layout()), which spares parsing 8 MB per document.
    for (const weight of ['regular', 'bold'] as const) {
      this.doc.registerFont(weight, this.fonts[weight] as unknown as PDFKit.Mixins.PDFFontSource);
    }
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.doc.font('regular').fontSize(bodySize);
    this.y = this.top;
  }

  // --- page geometry -------------------------------------------------------------------

  private get top(): number {
    return mm(this.margins.top);
  }
  private get bottom(): number {
    return this.doc.page.height - mm(this.margins.bottom);
  }
  private get left(): number {
    return mm(this.margins.left);
  }
  private get right(): number {
    return this.doc.page.width - mm(this.margins.right);
  }
  private get width(): number {
    return this.right - this.left;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits (or the page is empty anyway). */
  private ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top + 0.5) this.newPage();
  }

  // --- text ----------------------------------------------------------------------------

  private style(style: TextStyle = {}): number {
    const size = style.size ?? bodySize;
    this.doc.font(style.weight ?? 'regular').fontSize(size).fillColor(style.color ?? black);
    return size;
  }

  private lineGap(size: number): number {
    return size * 0.2;
  }

  private textHeight(text: string, width: number, style: TextStyle = {}): number {
    const size = this.style(style);
    return this.doc.heightOfString(text || ' ', { width, lineGap: this.lineGap(size) });
  }

  /** Remembers characters the font cannot draw, so callers can warn about them. */
  private note(text: string, weight: FontWeight = 'regular'): void {
    const font = this.fonts[weight];
    for (const ch of text) {
      if (this.checked.has(ch)) continue;
      this.checked.add(ch);
      const code = ch.codePointAt(0)!;
      if (code > 0x20 && !font.hasGlyphForCodePoint(code)) this.missing.add(ch);
    }
  }

  /** Text in a fixed box that never triggers a page break. */
  private boxText(text: string, x: number, y: number, width: number, style: TextStyle = {}, align: Align = 'left', height?: number): void {
    const size = this.style(style);
    this.note(text, style.weight);
    const options: PDFKit.Mixins.TextOptions = { width, align, lineGap: this.lineGap(size) };
    if (height !== undefined) {
      options.height = height;
      options.ellipsis = true;
    }
    this.withoutPageBreaks(() => this.doc.text(text, x, y, options));
  }

  /** pdfkit adds a page when text runs past the bottom margin; inside boxes we never want that. */
  private withoutPageBreaks(draw: () => void): void {
    const page = this.doc.page;
    const saved = { ...page.margins };
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    try {
      draw();
    } finally {
      page.margins = saved;
    }
  }

  // --- blocks --------------------------------------------------------------------------

  block(block: Block): void {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, block.level ?? 1, block.align);
      case 'paragraph':
        return this.paragraph(block);
      case 'fields':
        return this.fields(block);
      case 'table':
        return this.table(block);
      case 'drawing':
        return this.drawing(block);
      case 'image': {
        const w = mm(block.widthMm);
        const h = mm(block.heightMm);
        this.ensureSpace(h);
        const x = this.alignedX(w, block.align ?? 'center');
        this.doc.image(Buffer.from(block.data), x, this.y, { fit: [w, h], align: 'center', valign: 'center' });
        this.y += h + mm(2);
        return;
      }
      case 'qr': {
        const size = mm(block.sizeMm);
        const captionH = block.caption ? this.textHeight(block.caption, this.width, { size: 9 }) : 0;
        this.ensureSpace(size + captionH);
        const x = this.alignedX(size, block.align ?? 'center');
        this.qr(block.payload, x, this.y, size);
        this.y += size;
        if (block.caption) {
          const align = block.align === 'left' ? 'left' : block.align === 'right' ? 'right' : 'center';
          this.boxText(block.caption, this.left, this.y, this.width, { size: 9 }, align);
          this.y += captionH;
        }
        this.y += mm(2);
        return;
      }
      case 'signature':
        return this.signature(block);
      case 'spacer':
        this.y = Math.min(this.y + mm(block.heightMm), this.bottom);
        return;
      case 'pageBreak':
        if (this.y > this.top + 0.5) this.newPage();
        return;
    }
  }

  private alignedX(width: number, align: 'left' | 'center' | 'right'): number {
    if (align === 'left') return this.left;
    if (align === 'right') return this.right - width;
    return this.left + (this.width - width) / 2;
  }

  private heading(text: string, level: 1 | 2 | 3, align?: Align): void {
    const style: TextStyle = { size: level === 1 ? 18 : level === 2 ? 13 : 11, weight: 'bold' };
    const before = level === 1 ? 0 : mm(level === 2 ? 3 : 2);
    const after = mm(level === 1 ? 5 : 2);
    const h = this.textHeight(text, this.width, style);
    // A heading never ends a page alone: keep room for a line or a table row after it.
    this.ensureSpace(before + h + minRowHeight);
    if (this.y > this.top + 0.5) this.y += before;
    this.boxText(text, this.left, this.y, this.width, style, align ?? (level === 1 ? 'center' : 'left'));
    this.y += h + after;
  }

  private paragraph(block: Extract<Block, { kind: 'paragraph' }>): void {
    const runs = block.runs ?? [{ text: block.text ?? '', ...block.style }];
    const first = runs[0] ?? { text: '' };
    const size = this.style({ ...block.style, ...first });
    this.ensureSpace(this.doc.currentLineHeight(true) + this.lineGap(size));
    const base: PDFKit.Mixins.TextOptions = {
      width: this.width,
      align: block.align ?? 'justify',
      lineGap: this.lineGap(size),
      indent: (block.indentChars ?? 0) * size,
    };
    runs.forEach((run, i) => {
      this.style({ ...block.style, ...run });
      this.note(run.text, run.weight ?? block.style?.weight);
      const options = { ...base, continued: i < runs.length - 1, underline: run.underline ?? false };
      if (i === 0) this.doc.text(run.text, this.left, this.y, options);
      else this.doc.text(run.text, options);
    });
    // pdfkit may have flowed onto new pages; carry on from where it stopped.
    this.y = this.doc.y + mm(block.spaceAfterMm ?? 2);
  }

  private fields(block: FieldsBlock): void {
    const size = block.size ?? 10;
    const columns = block.columns ?? 1;
    const labelW = mm(block.labelWidthMm ?? 34);
    type Cell = { label: string; value: string; x: number; valueW: number };
    const lines: Cell[][] = [];
    const full = (label: string, value: string): Cell => ({ label, value, x: this.left, valueW: this.width - labelW });
    const half = this.width / 2;
    // Two values share a line only if each fits on one line: a value wrapping beside another
    // wrapping cell would interleave with it in pdftotext, and the clerk could not search it.
    const oneLine = (value: string): boolean =>
      this.textHeight(value, half - labelW - 2 * cellPadding, { size }) <= this.textHeight('国', 1000, { size }) + 0.5;
    for (let i = 0; i < block.rows.length; i++) {
      const row = block.rows[i]!;
      const next = block.rows[i + 1];
      if (columns === 2 && !row.wide && next && !next.wide && oneLine(row.value) && oneLine(next.value)) {
        lines.push([
          { label: row.label, value: row.value, x: this.left, valueW: half - labelW },
          { label: next.label, value: next.value, x: this.left + half, valueW: half - labelW },
        ]);
        i++;
      } else {
        lines.push([full(row.label, row.value)]);
      }
    }
    const maxH = this.bottom - this.top - mm(10);
    const measure = (line: Cell[]): number =>
      Math.min(
        maxH,
        Math.max(
          minRowHeight,
          ...line.map(
            (c) =>
              Math.max(
                this.textHeight(c.label, labelW - 2 * cellPadding, { size }),
                this.textHeight(c.value, c.valueW - 2 * cellPadding, { size }),
              ) +
              2 * cellPadding,
          ),
        ),
      );
    let titleH = 0;
    if (block.title) titleH = Math.max(minRowHeight, this.textHeight(block.title, this.width - 2 * cellPadding, { size, weight: 'bold' }) + 2 * cellPadding);
    lines.forEach((line, index) => {
      const h = measure(line);
      if (index === 0 && block.title) {
        this.ensureSpace(titleH + h);
        this.cell(this.left, this.y, this.width, titleH, labelShade);
        this.boxText(block.title, this.left + cellPadding, this.y + (titleH - this.textHeight(block.title, this.width, { size, weight: 'bold' })) / 2, this.width - 2 * cellPadding, { size, weight: 'bold' });
        this.y += titleH;
      } else {
        this.ensureSpace(h);
      }
      for (const c of line) {
        this.cell(c.x, this.y, labelW, h, labelShade);
        this.cell(c.x + labelW, this.y, c.valueW, h);
        this.cellText(c.label, c.x, this.y, labelW, h, size);
        this.cellText(c.value, c.x + labelW, this.y, c.valueW, h, size);
      }
      this.y += h;
    });
    this.y += mm(3);
  }

  private cell(x: number, y: number, w: number, h: number, fill?: string): void {
    this.doc.save().lineWidth(0.6).undash();
    this.doc.rect(x, y, w, h);
    if (fill) this.doc.fillAndStroke(fill, rule);
    else this.doc.stroke(rule);
    this.doc.restore();
  }

  /**
   * Text in a cell: centred vertically in a one-line row, otherwise at the top, so that the
   * label and the first line of its value share a line and pdftotext keeps them in order.
   * Too long for a page, it is cut with an ellipsis.
   */
  private cellText(text: string, x: number, y: number, w: number, h: number, size: number, weight: FontWeight = 'regular', align: Align = 'left'): void {
    const inner = w - 2 * cellPadding;
    const textH = Math.min(this.textHeight(text, inner, { size, weight }), h - 2 * cellPadding);
    const offset = h <= minRowHeight + 0.5 ? (h - textH) / 2 : cellPadding;
    this.boxText(text, x + cellPadding, y + offset, inner, { size, weight }, align, h - 2 * cellPadding + 1);
  }

  private table(block: TableBlock): void {
    const size = block.size ?? 9.5;
    const total = block.columns.reduce((s, c) => s + (c.weight ?? 1), 0);
    const widths = block.columns.map((c) => (this.width * (c.weight ?? 1)) / total);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const rowHeight = (cells: string[], weight: FontWeight): number =>
      Math.max(minRowHeight * 0.9, ...cells.map((t, i) => this.textHeight(t, widths[i]! - 2 * cellPadding, { size, weight }) + 2 * cellPadding));
    const headerCells = block.columns.map((c) => c.title);
    const headerH = rowHeight(headerCells, 'bold');
    const titleH = block.title ? this.textHeight(block.title, this.width, { size: 11, weight: 'bold' }) + mm(1.5) : 0;
    const header = (): void => {
      headerCells.forEach((t, i) => {
        this.cell(xs[i]!, this.y, widths[i]!, headerH, labelShade);
        this.cellText(t, xs[i]!, this.y, widths[i]!, headerH, size, 'bold', 'center');
      });
      this.y += headerH;
    };
    const firstH = block.rows[0] ? rowHeight(block.rows[0], 'regular') : 0;
    this.ensureSpace(titleH + headerH + firstH);
    if (block.title) {
      this.boxText(block.title, this.left, this.y, this.width, { size: 11, weight: 'bold' });
      this.y += titleH;
    }
    header();
    for (const row of block.rows) {
      const h = Math.min(rowHeight(row, 'regular'), this.bottom - this.top - headerH - mm(5));
      if (this.y + h > this.bottom) {
        this.newPage();
        header();
      }
      block.columns.forEach((c, i) => {
        this.cell(xs[i]!, this.y, widths[i]!, h);
        this.cellText(row[i] ?? '', xs[i]!, this.y, widths[i]!, h, size, 'regular', c.align ?? 'left');
      });
      this.y += h;
    }
    this.y += mm(3);
  }

  private signature(block: SignatureBlock): void {
    const w = mm(block.widthMm ?? 60);
    const h = mm(block.heightMm ?? 16);
    const size = bodySize;
    const under = block.name ? mm(5) : 0;
    this.ensureSpace(h + under + mm(2));
    const labelW = this.doc.font('regular').fontSize(size).widthOfString(block.label) + mm(2);
    const x = this.left + mm(4);
    const lineH = this.textHeight(block.label, labelW + 10, { size });
    this.boxText(block.label, x, this.y + h - lineH, labelW + 10, { size });
    const boxX = x + labelW;
    this.doc.save().lineWidth(0.5).dash(mm(1), { space: mm(1) }).rect(boxX, this.y, w, h).stroke('#888888').undash().restore();
    if (block.image) {
      this.doc.image(Buffer.from(block.image), boxX + mm(1), this.y + mm(1), { fit: [w - mm(2), h - mm(2)], align: 'center', valign: 'center' });
    }
    if (block.name) this.boxText(block.name, boxX, this.y + h + mm(1), w, { size: 9 }, 'center');
    if (block.date !== undefined) {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(block.date)
        ? `${block.date.slice(0, 4)}年${Number(block.date.slice(5, 7))}月${Number(block.date.slice(8, 10))}日`
        : block.date;
      this.boxText(`日期：${date}`, boxX + w + mm(6), this.y + h - lineH, this.right - (boxX + w + mm(6)), { size });
    }
    this.y += h + under + mm(4);
  }

  // --- drawings ------------------------------------------------------------------------

  private drawing(block: DrawingBlock): void {
    const w = mm(block.widthMm);
    const h = mm(block.heightMm);
    const captionH = block.caption ? this.textHeight(block.caption, this.width, { size: 9 }) + mm(1) : 0;
    this.ensureSpace(h + captionH);
    const x0 = this.alignedX(w, 'center');
    const y0 = this.y;
    const k = mm(block.mmPerUnit ?? 1);
    const [ox, oy] = block.origin ?? [0, 0];
    const at = (p: Point): [number, number] => [x0 + (p[0] - ox) * k, y0 + (p[1] - oy) * k];
    this.doc.save();
    this.doc.rect(x0, y0, w, h).clip();
    for (const shape of block.shapes) this.shape(shape, at, k);
    this.doc.restore();
    if (block.frame) this.doc.save().lineWidth(0.5).undash().rect(x0, y0, w, h).stroke(black).restore();
    this.y += h;
    if (block.caption) {
      this.boxText(block.caption, this.left, this.y + mm(1), this.width, { size: 9 }, 'center');
      this.y += captionH;
    }
    this.y += mm(2);
  }

  private shape(shape: Shape, at: (p: Point) => [number, number], k: number): void {
    const doc = this.doc;
    if (shape.kind === 'text') {
      this.style({ size: shape.size ?? 9, weight: shape.weight ?? 'regular', color: shape.color ?? black });
      this.note(shape.text, shape.weight);
      const [px, py] = at(shape.at);
      const width = doc.widthOfString(shape.text);
      const dx = shape.anchor === 'middle' ? -width / 2 : shape.anchor === 'end' ? -width : 0;
      const lineH = doc.currentLineHeight();
      doc.save();
      if (shape.rotateDeg) doc.rotate(-shape.rotateDeg, { origin: [px, py] });
      this.withoutPageBreaks(() => doc.text(shape.text, px + dx, py - lineH / 2, { lineBreak: false }));
      doc.restore();
      return;
    }
    doc.save();
    applyStroke(doc, shape);
    switch (shape.kind) {
      case 'line': {
        doc.moveTo(...at(shape.from)).lineTo(...at(shape.to));
        break;
      }
      case 'rect': {
        const [x, y] = at([shape.x, shape.y]);
        doc.rect(x, y, shape.width * k, shape.height * k);
        break;
      }
      case 'path':
      case 'arrow': {
        polyline(doc, shape.points.map(at));
        if (shape.kind === 'path' && (shape.closed ?? true)) doc.closePath();
        break;
      }
      case 'circle': {
        doc.circle(...at(shape.center), shape.radius * k);
        break;
      }
      case 'arc': {
        const sweep = shape.endDeg - shape.startDeg;
        const steps = Math.max(8, Math.ceil(Math.abs(sweep) / 4));
        const points: Point[] = [];
        for (let i = 0; i <= steps; i++) {
          const a = ((shape.startDeg + (sweep * i) / steps) * Math.PI) / 180;
          // Counter-clockwise on paper, where y grows downwards.
          points.push([shape.center[0] + shape.radius * Math.cos(a), shape.center[1] - shape.radius * Math.sin(a)]);
        }
        polyline(doc, points.map(at));
        break;
      }
    }
    finishPath(doc, shape, shape.kind !== 'line' && shape.kind !== 'arc' && shape.kind !== 'arrow');
    if (shape.kind === 'arrow' && shape.points.length >= 2) {
      const tip = at(shape.points[shape.points.length - 1]!);
      const from = at(shape.points[shape.points.length - 2]!);
      const len = mm(shape.headMm ?? 3);
      const angle = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
      const side = (turn: number): [number, number] => [tip[0] - len * Math.cos(angle + turn), tip[1] - len * Math.sin(angle + turn)];
      doc.undash();
      polyline(doc, [tip, side(0.4), side(-0.4)]);
      doc.closePath().fill(shape.stroke ?? black);
    }
    doc.restore();
  }

  // --- QR and running text -------------------------------------------------------------

  private qr(payload: string, x: number, y: number, size: number): void {
    drawQr(this.doc, payload, x, y, size);
  }

  private running(text: RunningText, baseline: number, pageNumber: number, pageCount: number): void {
    const size = text.size ?? 9;
    const fill = (s: string): string => s.replaceAll('{page}', String(pageNumber)).replaceAll('{pages}', String(pageCount));
    const y = baseline;
    if (text.left) this.boxText(fill(text.left), this.left, y, this.width, { size, color: '#333333' }, 'left');
    if (text.center) this.boxText(fill(text.center), this.left, y, this.width, { size, color: '#333333' }, 'center');
    if (text.right) this.boxText(fill(text.right), this.left, y, this.width, { size, color: '#333333' }, 'right');
  }

  private pageMark(mark: PageMark, pageNumber: number): void {
    const size = mm(mark.sizeMm ?? 16);
    const x = this.right - size;
    const y = this.doc.page.height - mm(this.margins.bottom) + mm(3);
    this.qr(mark.qrPayload.replaceAll('{page}', String(pageNumber)), x, y, size);
    const textW = mm(50);
    const codeH = this.textHeight(mark.code, textW, { size: 10, weight: 'bold' });
    this.boxText(mark.code, x - textW - mm(1), y + size - codeH - mm(1), textW, { size: 10, weight: 'bold' }, 'right');
    if (mark.label) {
      const labelH = this.textHeight(mark.label, textW, { size: 8 });
      this.boxText(mark.label, x - textW - mm(1), y + size - codeH - labelH - mm(1), textW, { size: 8, color: '#333333' }, 'right');
    }
  }

  async finish(): Promise<RenderedDocument> {
    const { start, count } = this.doc.bufferedPageRange();
    const footer = this.spec.footer ?? { center: '第 {page} 页 共 {pages} 页' };
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const pageNumber = i - start + 1;
      if (this.spec.header) {
        const y = Math.max(mm(6), this.top - mm(10));
        this.running(this.spec.header, y, pageNumber, count);
        this.doc.save().lineWidth(0.4).moveTo(this.left, y + mm(5)).lineTo(this.right, y + mm(5)).stroke('#666666').restore();
      }
      const footerY = this.doc.page.height - mm(this.spec.pageMark ? 11 : 12);
      this.running(footer, footerY, pageNumber, count);
      if (this.spec.pageMark) this.pageMark(this.spec.pageMark, pageNumber);
    }
    this.doc.end();
    await this.done;
    const bytes = Buffer.concat(this.chunks);
    return {
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      pageCount: count,
      missingCharacters: [...this.missing],
    };
  }
}

/** A QR code of `size` points square at (x, y), on white, quiet zone included, in vector runs. */
export function drawQr(doc: PdfDoc, payload: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(payload);
  const module = size / (matrix.size + 2 * quietZoneModules);
  const origin = quietZoneModules * module;
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  // Runs overlap their neighbours below by a hair so that rasterisers leave no seams.
  for (const run of darkRuns(matrix)) {
    doc.rect(x + origin + run.col * module, y + origin + run.row * module, run.length * module, module * 1.02);
  }
  doc.fill(black);
  doc.restore();
}

function polyline(doc: PdfDoc, points: Array<[number, number]>): void {
  points.forEach((p, i) => (i === 0 ? doc.moveTo(...p) : doc.lineTo(...p)));
}

function applyStroke(doc: PdfDoc, style: StrokeStyle): void {
  doc.lineWidth(mm(style.strokeMm ?? 0.25)).lineJoin('round').lineCap('butt');
  if (style.dashMm) doc.dash(mm(style.dashMm[0]), { space: mm(style.dashMm[1]) });
  else doc.undash();
  if (style.opacity !== undefined) doc.opacity(style.opacity);
}

function finishPath(doc: PdfDoc, style: StrokeStyle, canFill: boolean): void {
  const stroke = style.stroke === undefined ? black : style.stroke;
  const fill = canFill ? (style.fill ?? null) : null;
  if (fill && stroke) doc.fillAndStroke(fill, stroke);
  else if (fill) doc.fill(fill);
  else if (stroke) doc.stroke(stroke);
}
