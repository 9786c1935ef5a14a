import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import { FormsApiError } from '../forms/forms-api.ts';
import { createCertificatesApi } from './certificates-api.ts';
import { BrokenPdfError, createPdfPreview, type PreviewDocument } from './pdf-preview.ts';

const c = messages.certificates;
const identity = { idNumber: '110101199003070011', source: 'card', cardKind: 'resident' } as const;
const pdfBytes = () => new TextEncoder().encode('%PDF-1.7 …').buffer;

describe('证照打印 preview API', () => {
  it('POSTs the card identity to /api/certificates/:id/preview with the device token and returns the PDF bytes', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const api = createCertificatesApi({
      token: () => 'tok',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init! });
        return new Response(pdfBytes(), { status: 200, headers: { 'content-type': 'application/pdf' } });
      },
    });
    const bytes = await api.preview('c/1', identity);
    expect(new TextDecoder().decode(bytes)).toBe('%PDF-1.7 …');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/certificates/c%2F1/preview');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ identity });
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it("a refusal comes back as the server's code and Chinese message; no network is 暂时连不上", async () => {
    const refused = createCertificatesApi({
      fetch: async () => new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: '您无权查看该证照' } }), { status: 403, headers: { 'content-type': 'application/json' } }),
    });
    await expect(refused.preview('c1', identity)).rejects.toMatchObject({ code: 'FORBIDDEN', message: '您无权查看该证照' });
    const offline = createCertificatesApi({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline.preview('c1', identity)).rejects.toMatchObject({ code: 'OFFLINE', message: c.offline });
  });
});

function fakeDoc(pageCount: number, log: string[], name = 'doc'): PreviewDocument {
  return {
    pageCount,
    render: async (n) => void log.push(`${name} render ${n}`),
    destroy: async () => void log.push(`${name} destroyed`),
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PDF preview state', () => {
  it('loading → page 1 of N; 上一页/下一页 stay within the document; closing destroys it', async () => {
    const log: string[] = [];
    const opened: number[] = [];
    const preview = createPdfPreview({
      fetch: async () => pdfBytes(),
      open: async (data) => {
        opened.push(data.byteLength);
        return fakeDoc(3, log);
      },
    });
    expect(preview.state.value).toEqual({ kind: 'loading' });
    await preview.load();
    expect(opened).toEqual([pdfBytes().byteLength]);
    expect(preview.state.value).toEqual({ kind: 'ready', page: 1, pageCount: 3 });
    preview.previous();
    expect(preview.state.value).toMatchObject({ page: 1 });
    preview.next();
    preview.next();
    preview.next();
    expect(preview.state.value).toMatchObject({ page: 3 });
    preview.previous();
    expect(preview.state.value).toMatchObject({ page: 2 });
    expect(preview.document()?.pageCount).toBe(3);
    await preview.close();
    expect(log).toEqual(['doc destroyed']);
    expect(preview.document()).toBeNull();
  });

  it("a failed fetch shows the server's words; the retry loads it", async () => {
    let calls = 0;
    const log: string[] = [];
    const preview = createPdfPreview({
      fetch: async () => {
        if (++calls === 1) throw new FormsApiError('OFFLINE', c.offline);
        return pdfBytes();
      },
      open: async () => fakeDoc(2, log),
    });
    await preview.load();
    expect(preview.state.value).toEqual({ kind: 'failed', message: c.offline });
    await preview.load();
    expect(preview.state.value).toEqual({ kind: 'ready', page: 1, pageCount: 2 });
  });

  it('a file pdf.js cannot read, or one without pages, says so; any other failure asks for a retry', async () => {
    const broken = createPdfPreview({ fetch: async () => pdfBytes(), open: async () => Promise.reject(new BrokenPdfError('Invalid PDF structure.')) });
    await broken.load();
    expect(broken.state.value).toEqual({ kind: 'failed', message: c.previewBroken });

    const log: string[] = [];
    const empty = createPdfPreview({ fetch: async () => pdfBytes(), open: async () => fakeDoc(0, log) });
    await empty.load();
    expect(empty.state.value).toEqual({ kind: 'failed', message: c.previewBroken });
    expect(log).toEqual(['doc destroyed']);

    const chunk = createPdfPreview({ fetch: async () => pdfBytes(), open: async () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
    await chunk.load();
    expect(chunk.state.value).toEqual({ kind: 'failed', message: c.previewUnavailable });
  });

  it('a document that arrives after the preview closed is destroyed at once and never shown', async () => {
    const log: string[] = [];
    const pending = deferred<PreviewDocument>();
    const preview = createPdfPreview({ fetch: async () => pdfBytes(), open: () => pending.promise });
    const loading = preview.load();
    await preview.close();
    pending.resolve(fakeDoc(4, log, 'late'));
    await loading;
    expect(log).toEqual(['late destroyed']);
    expect(preview.state.value).toEqual({ kind: 'loading' });
    expect(preview.document()).toBeNull();
    await preview.load();
    expect(preview.state.value).toEqual({ kind: 'loading' });
  });

  it('loading again destroys the document shown before; a page that cannot be drawn fails the preview', async () => {
    const log: string[] = [];
    let n = 0;
    const preview = createPdfPreview({ fetch: async () => pdfBytes(), open: async () => fakeDoc(2, log, `doc${++n}`) });
    await preview.load();
    preview.pageFailed(new Error('canvas'));
    expect(preview.state.value).toEqual({ kind: 'failed', message: c.previewUnavailable });
    await preview.load();
    expect(log).toEqual(['doc1 destroyed']);
    expect(preview.state.value).toEqual({ kind: 'ready', page: 1, pageCount: 2 });
    await preview.close();
    expect(log).toEqual(['doc1 destroyed', 'doc2 destroyed']);
  });
});
