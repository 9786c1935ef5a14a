// The on-screen preview of an uploaded PDF (证照打印, source 'pdf') as a small state machine:
//   loading → ready (one page shown at a time, 上一页/下一页) | failed (with 重新加载预览)
// The bytes come from the hall server (POST /api/certificates/:id/preview) and the document
// is opened by pdf.js, but both arrive as arguments: this file never imports pdf.js, so it
// costs nothing before a PDF preview opens and tests drive it without a browser.
// A document opened here is always destroyed again: on close (the preview or the whole flow
// goes away), on retry, and when it arrives after the preview was closed. A kiosk runs for
// days; a forgotten pdf.js document keeps its worker and page caches alive.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { messages } from '../messages.ts';
import { FormsApiError } from '../forms/forms-api.ts';

const c = messages.certificates;

/** An opened PDF as the preview needs it (pdf-render.ts makes one from pdf.js). */
export interface PreviewDocument {
  readonly pageCount: number;
  /** Draws page `pageNumber` (1-based) into the canvas, `cssWidth` CSS pixels wide. */
  render(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  /** Frees the document, its pages and its worker. */
  destroy(): Promise<void>;
}

/** Thrown by `open` when the bytes are not a PDF pdf.js can show. */
export class BrokenPdfError extends Error {}

export type PdfPreviewState =
  | { kind: 'loading' }
  | { kind: 'ready'; page: number; pageCount: number }
  | { kind: 'failed'; message: string };

export interface PdfPreviewDeps {
  /** The document's bytes from the hall server. */
  fetch: () => Promise<ArrayBuffer>;
  /** Opens the bytes (pdf.js, loaded on first use). */
  open: (data: ArrayBuffer) => Promise<PreviewDocument>;
}

export interface PdfPreview {
  readonly state: ReadonlySignal<PdfPreviewState>;
  /** The opened document while the state is 'ready'. */
  readonly document: () => PreviewDocument | null;
  load(): Promise<void>;
  next(): void;
  previous(): void;
  /** A page could not be drawn: the preview fails with a retry (load again). */
  pageFailed(e: unknown): void;
  /** The preview goes away: the document is destroyed, a load still running is dropped. */
  close(): Promise<void>;
}

/** What a failure says: the server's own words, a PDF that cannot be shown, or the network. */
export function previewFailure(e: unknown): string {
  if (e instanceof FormsApiError) return e.message;
  if (e instanceof BrokenPdfError) return c.previewBroken;
  return c.previewUnavailable;
}

export function createPdfPreview(deps: PdfPreviewDeps): PdfPreview {
  const state = signal<PdfPreviewState>({ kind: 'loading' });
  let doc: PreviewDocument | null = null;
  let attempt = 0;
  let closed = false;

  async function drop(): Promise<void> {
    const old = doc;
    doc = null;
    if (old) await old.destroy().catch(() => undefined);
  }

  return {
    state,
    document: () => doc,
    async load() {
      if (closed) return;
      const mine = ++attempt;
      state.value = { kind: 'loading' };
      await drop();
      let opened: PreviewDocument;
      try {
        opened = await deps.open(await deps.fetch());
      } catch (e) {
        if (mine === attempt && !closed) state.value = { kind: 'failed', message: previewFailure(e) };
        return;
      }
      if (mine !== attempt || closed) {
        // Closed (or retried) while it loaded: nobody will show it.
        await opened.destroy().catch(() => undefined);
        return;
      }
      if (opened.pageCount < 1) {
        await opened.destroy().catch(() => undefined);
        state.value = { kind: 'failed', message: c.previewBroken };
        return;
      }
      batch(() => {
        doc = opened;
        state.value = { kind: 'ready', page: 1, pageCount: opened.pageCount };
      });
    },
    next() {
      const s = state.value;
      if (s.kind === 'ready' && s.page < s.pageCount) state.value = { ...s, page: s.page + 1 };
    },
    previous() {
      const s = state.value;
      if (s.kind === 'ready' && s.page > 1) state.value = { ...s, page: s.page - 1 };
    },
    pageFailed(e) {
      if (state.value.kind === 'ready') state.value = { kind: 'failed', message: previewFailure(e) };
    },
    async close() {
      closed = true;
      ++attempt;
      await drop();
    },
  };
}
