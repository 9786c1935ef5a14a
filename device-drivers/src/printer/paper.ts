// What ends up on paper: decoder events folded into printed lines, QR codes and images, one
// page per cut. The simulated printer keeps these; tests and previews read them.
import type { Align } from './codec-escpos.ts';
import type { EscPosEvent } from './codec-decode.ts';

export interface PrintedLine {
  text: string;
  align: Align;
  bold: boolean;
  /** Largest character scale used on the line. */
  scale: number;
}

export type PrintedItem = ({ kind: 'line' } & PrintedLine) | { kind: 'qr'; data: string } | { kind: 'image'; width: number; height: number };

export interface PrintedPage {
  lines: PrintedLine[];
  qrCodes: string[];
  images: number;
  /** Lines, QR codes and images in paper order (for previews). */
  items: PrintedItem[];
  cut: boolean;
}

/**
 * Folds decoder events into what ends up on paper, one page per cut. `lines` keeps blank
 * lines out: what a reader of the slip sees, not how much it was fed.
 */
export class PaperModel {
  readonly pages: PrintedPage[] = [];
  #page: PrintedPage = newPage();
  #line: PrintedLine | null = null;

  apply(event: EscPosEvent): PrintedPage | null {
    switch (event.type) {
      case 'text': {
        const line = (this.#line ??= { text: '', align: event.style.align, bold: false, scale: 1 });
        line.text += event.text;
        line.bold ||= event.style.bold;
        line.scale = Math.max(line.scale, event.style.width, event.style.height);
        return null;
      }
      case 'lineFeed':
        if (event.lines > 0) this.#endLine();
        return null;
      case 'qr': {
        this.#endLine();
        const data = new TextDecoder().decode(event.data);
        this.#page.qrCodes.push(data);
        this.#page.items.push({ kind: 'qr', data });
        return null;
      }
      case 'raster':
        this.#endLine();
        this.#page.images++;
        this.#page.items.push({ kind: 'image', width: event.width, height: event.height });
        return null;
      case 'cut': {
        this.#endLine();
        const page = { ...this.#page, cut: true };
        this.pages.push(page);
        this.#page = newPage();
        return page;
      }
      default:
        return null;
    }
  }

  /** What has been printed since the last cut. */
  get current(): PrintedPage {
    return this.#page;
  }

  #endLine(): void {
    if (this.#line && this.#line.text.trim() !== '') {
      this.#page.lines.push(this.#line);
      this.#page.items.push({ kind: 'line', ...this.#line });
    }
    this.#line = null;
  }
}

function newPage(): PrintedPage {
  return { lines: [], qrCodes: [], images: 0, items: [], cut: false };
}
