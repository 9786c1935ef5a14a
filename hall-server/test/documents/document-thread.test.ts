// The document thread: PDFs drawn and stamped on a worker thread of their own (the real one,
// from the sources), errors that keep their code across the thread, and the supervision — a
// job that hangs, a thread that dies or runs out of heap fails that job alone, and the jobs
// behind it run on a fresh thread (a stub worker speaking the same protocol).
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HallError } from '@hall/common/errors';
import { DocumentJobAbandoned, DocumentThread, renderDocument, type DocumentSpec } from '../../src/documents/index.ts';
import { pdfText, squeeze, writeTempPdf } from './poppler.ts';

const stub = new URL('./stub-document-worker.mjs', import.meta.url);
const titled = (title: string): DocumentSpec => ({ meta: { title }, body: [{ kind: 'paragraph', text: title }] });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

let threads: DocumentThread[] = [];
function thread(options: ConstructorParameters<typeof DocumentThread>[0] = {}): DocumentThread {
  const t = new DocumentThread(options);
  threads.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(threads.map((t) => t.close()));
  threads = [];
});

async function textOf(bytes: Uint8Array): Promise<string> {
  const file = await writeTempPdf(bytes);
  try {
    return squeeze(await pdfText(file.path));
  } finally {
    await file.cleanup();
  }
}

describe('the document thread', () => {
  const spec: DocumentSpec = {
    meta: { title: '食品经营许可申请书' },
    pageMark: { qrPayload: 'F-TEST', code: 'F-TEST' },
    body: [
      { kind: 'heading', text: '食品经营许可申请书' },
      { kind: 'fields', columns: 2, rows: [{ label: '经营者名称', value: '西安市新城区王记面馆' }, { label: '联系电话', value: '13900000000' }] },
    ],
  };

  it('draws the same document as the renderer does in the calling thread', async () => {
    const t = thread();
    const [there, here] = await Promise.all([t.render(spec), renderDocument(spec)]);
    expect(there.pageCount).toBe(here.pageCount);
    expect(there.bytes).toBeInstanceOf(Uint8Array);
    expect(text(there.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(await textOf(there.bytes)).toBe(await textOf(here.bytes));
    expect(t.stats).toEqual({ jobs: 1, failed: 0, timeouts: 0, crashes: 0, starts: 1, idleEnds: 0 });
  });

  it('a refused upload keeps its code, field and Chinese reason; the thread carries on', async () => {
    const t = thread();
    const png = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const refused = await t.inspectPdf(png, { maxPages: 20 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HallError);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pdf.data', message: '上传的文件不是PDF，请选择PDF格式的证照文件' });
    // The caller's bytes were copied, not moved: they are still there.
    expect(png.byteLength).toBe(16);
    const drawn = await t.render(spec);
    const facts = await t.inspectPdf(drawn.bytes, { maxPages: 20 });
    expect(facts.pageCount).toBe(1);
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn.bytes.byteLength).toBeGreaterThan(1000);
    expect(t.stats).toMatchObject({ jobs: 3, failed: 1, starts: 1 });
  });

  it('yields to the main thread: it runs at nice 10, the main thread as it was (Linux)', async () => {
    /** Nice value of each thread of this process (/proc/self/task/<tid>/stat, field 19). */
    const nices = () =>
      new Map(
        readdirSync('/proc/self/task').map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as const;
        }),
      );
    const before = nices();
    const atTen = (m: Map<number, number>) => [...m.values()].filter((n) => n === 10).length;
    const t = thread();
    await t.render(spec);
    const after = nices();
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect(after.get(process.pid)).not.toBe(10);
    expect(atTen(after)).toBe(atTen(before) + 1);
  });

  it('stamps a PDF made elsewhere on every page', async () => {
    const t = thread();
    const licence = await renderDocument({ meta: { title: '营业执照' }, body: [{ kind: 'paragraph', text: '第一页' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: '第二页' }] });
    const stamped = await t.stampPdf(licence.bytes, { qrPayload: 'https://hall.example/v/ABCDE23456', code: 'ABCDE-23456', label: '扫码验真', note: '测试大厅自助终端打印' }, { title: '营业执照', subject: 'test' });
    const words = await textOf(stamped);
    expect(words.match(/ABCDE-23456/g)).toHaveLength(2);
    expect(words).toContain('第二页');
  });
});

describe('supervision', () => {
  it('answers jobs one at a time, in order, on one thread', async () => {
    const t = thread({ workerUrl: stub });
    const replies = await Promise.all(['a', 'b', 'c'].map((title) => t.render(titled(title))));
    expect(replies.map((r) => r.pageCount)).toEqual([1, 2, 3]);
    expect(replies.map((r) => text(r.bytes).split(' ')[1])).toEqual(['a', 'b', 'c']);
    expect(new Set(replies.map((r) => text(r.bytes).split(' ')[3])).size).toBe(1);
    expect(t.backlog).toBe(0);
  });

  it('a job that runs past its time fails alone; the jobs behind it run on a new thread', async () => {
    const t = thread({ workerUrl: stub, timeoutMs: 300 });
    const hung = t.render(titled('hang')).catch((e: unknown) => e);
    const behind = t.render(titled('after'));
    expect(t.backlog).toBe(2);
    const error = await hung;
    expect(error).toBeInstanceOf(DocumentJobAbandoned);
    expect(error).toMatchObject({ kind: 'render', reason: 'timeout', exhausted: true });
    // A fresh thread: it has seen one job.
    expect((await behind).pageCount).toBe(1);
    expect(t.stats).toEqual({ jobs: 2, failed: 1, timeouts: 1, crashes: 0, starts: 2, idleEnds: 0 });
  });

  it.each([
    ['an uncaught error', 'throw'],
    ['process.exit', 'exit'],
    ['running out of its heap', 'oom'],
  ])('a thread that dies of %s fails its job alone', async (_what, title) => {
    const t = thread({ workerUrl: stub, maxHeapMb: 16 });
    expect((await t.render(titled('before'))).pageCount).toBe(1);
    const died = t.render(titled(title)).catch((e: unknown) => e);
    const behind = t.render(titled('after'));
    expect(await died).toMatchObject({ name: 'DocumentJobAbandoned', reason: 'crash', exhausted: title === 'oom' });
    expect((await behind).pageCount).toBe(1);
    expect(t.stats).toEqual({ jobs: 3, failed: 1, timeouts: 0, crashes: 1, starts: 2, idleEnds: 0 });
  });

  it('a job that cannot be sent to the thread fails alone', async () => {
    const t = thread({ workerUrl: stub });
    const unsendable = { ...titled('x'), meta: { title: 'x', author: (() => 'a function') as unknown as string } };
    await expect(t.render(unsendable)).rejects.toThrow(/could not be cloned/);
    expect((await t.render(titled('after'))).pageCount).toBe(1);
    expect(t.stats).toEqual({ jobs: 2, failed: 1, timeouts: 0, crashes: 0, starts: 1, idleEnds: 0 });
  });

  it('an idle thread ends, giving its memory back; the next job starts another', async () => {
    const t = thread({ workerUrl: stub, idleMs: 50 });
    expect((await t.render(titled('a'))).pageCount).toBe(1);
    expect((await t.render(titled('b'))).pageCount).toBe(2);
    while (t.stats.idleEnds === 0) await new Promise((r) => setTimeout(r, 10));
    // A fresh thread: it has seen one job.
    expect((await t.render(titled('c'))).pageCount).toBe(1);
    expect(t.stats).toMatchObject({ jobs: 3, failed: 0, crashes: 0, starts: 2, idleEnds: 1 });
  });

  it('close fails what is waiting and refuses what comes after', async () => {
    const t = thread({ workerUrl: stub });
    const running = t.render(titled('hang')).catch((e: unknown) => e);
    const waiting = t.render(titled('later')).catch((e: unknown) => e);
    await t.close();
    expect(await running).toMatchObject({ message: 'the document thread was closed' });
    expect(await waiting).toMatchObject({ message: 'the document thread was closed' });
    await expect(t.render(titled('late'))).rejects.toThrow('closed');
    expect(t.stats.crashes).toBe(0);
  });
});
