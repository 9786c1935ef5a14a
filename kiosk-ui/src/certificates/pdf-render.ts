// pdf.js behind the preview: imported only through `import('./pdf-render.ts')` when a PDF
// preview opens, so pdfjs-dist is its own chunk and never part of the JavaScript loaded
// before home (see kiosk-ui/bench/kiosk.bench.ts). Its worker is a separate file Vite emits
// (`?url`); the CMaps, standard fonts, wasm decoders and ICC profile are copied out of
// pdfjs-dist at build time by build/pdfjs-assets-plugin.ts and served by the hall server
// beside the app (/kiosk/pdfjs/…), so nothing is fetched from elsewhere.
// Pages render on the main thread into the canvas the preview gives (no renderer worker:
// one page at a time on a kiosk does not need one).
import { getDocument, GlobalWorkerOptions, InvalidPDFException, PasswordException, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { BrokenPdfError, type PreviewDocument } from './pdf-preview.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where build/pdfjs-assets-plugin.ts puts pdf.js's data files (trailing slash). */
export const pdfjsAssets = `${import.meta.env.BASE_URL}pdfjs/`;

/** A canvas larger than this many pixels costs more memory than the screen can show. */
const MAX_CANVAS_PIXELS = 16_000_000;

export async function openPdf(data: ArrayBuffer): Promise<PreviewDocument> {
  const task = getDocument({
    // pdf.js moves the bytes to its worker; the caller's buffer is not used again.
    data: new Uint8Array(data),
    cMapUrl: `${pdfjsAssets}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsAssets}standard_fonts/`,
    wasmUrl: `${pdfjsAssets}wasm/`,
    iccUrl: `${pdfjsAssets}iccs/`,
    enableXfa: false,
    disableWorkerRendering: true,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    // Not a PDF, or one with a password: no retry will show it.
    throw e instanceof InvalidPDFException || e instanceof PasswordException ? new BrokenPdfError(String(e)) : e;
  }
  let current: RenderTask | null = null;
  return {
    pageCount: doc.numPages,
    async render(pageNumber, canvas, cssWidth) {
      // A page still drawing (the citizen tapped 下一页 quickly) gives way to the new one.
      if (current) {
        current.cancel();
        await current.promise.catch(() => undefined);
      }
      const page = await doc.getPage(pageNumber);
      try {
        const natural = page.getViewport({ scale: 1 });
        const fit = cssWidth / natural.width;
        let ratio = Math.max(1, window.devicePixelRatio || 1);
        if (natural.width * fit * ratio * natural.height * fit * ratio > MAX_CANVAS_PIXELS) ratio = Math.sqrt(MAX_CANVAS_PIXELS / (natural.width * natural.height * fit * fit));
        const viewport = page.getViewport({ scale: fit * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(natural.width * fit)}px`;
        canvas.style.height = `${Math.floor(natural.height * fit)}px`;
        const task = page.render({ canvas, viewport });
        current = task;
        try {
          await task.promise;
        } finally {
          if (current === task) current = null;
        }
      } finally {
        // The page's operator lists and decoded images go; the document keeps only what it needs.
        page.cleanup();
      }
    },
    async destroy() {
      current?.cancel();
      current = null;
      // Destroys the document, its pages and the worker this loading task started.
      await task.destroy();
    },
  };
}
