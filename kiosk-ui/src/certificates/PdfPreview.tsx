// The preview of an uploaded PDF: one page at a time, fitted to the width, with big
// 上一页/下一页 buttons and 第 n / N 页 between them (a touch screen: no small scroll area
// inside the list, and only one page's canvas in memory). pdf.js is fetched the first time a
// PDF preview opens (pdf-render.ts, its own chunk); the document is destroyed when the
// preview closes (another document's preview, 返回, 首页 or the idle reset).
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { messages } from '../messages.ts';
import { createPdfPreview } from './pdf-preview.ts';
// Types only: the module itself (and pdf.js with it) comes through import() below.
import type * as PdfRender from './pdf-render.ts';

const c = messages.certificates;

let renderer: Promise<typeof PdfRender> | null = null;

/** pdf.js and its glue, loaded once; a failed load (network) is tried again next time. */
function loadRenderer(): Promise<typeof PdfRender> {
  renderer ??= import('./pdf-render.ts').catch((e: unknown) => {
    renderer = null;
    throw e;
  });
  return renderer;
}

const cancelled = (e: unknown) => (e as { name?: string } | null)?.name === 'RenderingCancelledException';

export function PdfPreview({ load }: { load: () => Promise<ArrayBuffer> }) {
  const preview = useMemo(() => createPdfPreview({ fetch: load, open: async (data) => (await loadRenderer()).openPdf(data) }), []);
  useEffect(() => {
    void preview.load();
    return () => void preview.close();
  }, [preview]);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const s = preview.state.value;
  const page = s.kind === 'ready' ? s.page : 0;

  useEffect(() => {
    const doc = preview.document();
    const el = canvas.current;
    const box = frame.current;
    if (page === 0 || !doc || !el || !box) return;
    let live = true;
    delete el.dataset.page;
    doc.render(page, el, box.clientWidth).then(
      () => {
        if (live) el.dataset.page = String(page);
      },
      (e: unknown) => {
        if (live && !cancelled(e)) preview.pageFailed(e);
      },
    );
    return () => void (live = false);
  }, [preview, page, s.kind]);

  return (
    <div class="cert-pdf" data-testid="cert-preview" data-source="pdf" data-state={s.kind}>
      {s.kind === 'loading' && (
        <p class="cert-pdf-status" role="status">
          {c.previewLoading}
        </p>
      )}
      {s.kind === 'failed' && (
        <div class="cert-pdf-failed" role="alert">
          <p class="cert-fault">{c.previewFailed}</p>
          <p class="notice-text">{s.message}</p>
          <button type="button" class="primary-button" data-action="preview-retry" onClick={() => void preview.load()}>
            {c.previewRetry}
          </button>
        </div>
      )}
      {s.kind === 'ready' && (
        <div class="cert-pdf-pager">
          <button type="button" class="secondary-button" data-action="page-prev" disabled={s.page <= 1} onClick={preview.previous}>
            {c.prevPage}
          </button>
          <span class="cert-pdf-page" aria-live="polite">
            {c.pageOf(s.page, s.pageCount)}
          </span>
          <button type="button" class="secondary-button" data-action="page-next" disabled={s.page >= s.pageCount} onClick={preview.next}>
            {c.nextPage}
          </button>
        </div>
      )}
      <div class="cert-pdf-frame" ref={frame} hidden={s.kind !== 'ready'}>
        <canvas ref={canvas} role="img" aria-label={s.kind === 'ready' ? `${c.previewLabel} ${c.pageOf(s.page, s.pageCount)}` : c.previewLabel} />
      </div>
    </div>
  );
}
