// 证照打印 from a PDF the department uploads (instead of the type's template), on a real hall
// server and SQLite file, checked with poppler and zbar: the upload is validated (not a PDF,
// encrypted, too many pages, too large, bad base64 — each a 4xx naming pdf.data), kept sealed,
// previewed and printed with the verification stamp at the bottom right of every page as it is
// read (also on a page turned by /Rotate), idempotent by the file's hash, replaced, purged.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, degrees } from '@pdfme/pdf-lib';
import PDFKit from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVerificationCode, type CertificateSummary, type KioskCertificate, type LookupReply, type PrintJob, type PublishCertificateRequest, type Verification } from '@hall/common/certificates';
import { fontPath, renderDocument } from '../../src/documents/index.ts';
import { CLERK, TestClock, startHall, type TestHall } from '../harness.ts';
import { pairKiosk, key, type ErrorReply } from '../forms/support.ts';
import { decodeQr, pageText, pageWords, pdfText, pdfToPngs, squeeze, writeTempPdf } from '../documents/poppler.ts';

const A = { name: '测试甲', idNumber: '110101199003070011' };
const B = { name: '测试乙', idNumber: '110105198506120026' };
const card = (p: { idNumber: string }) => ({ idNumber: p.idNumber, source: 'card' as const, cardKind: 'resident' as const });

const clock = new TestClock();
let hall: TestHall;
let clerk: string;
let kiosk: string;
/** Two pages of Chinese text as a department's system would export them; page 2 turned 90°. */
let licencePdf: Uint8Array;

beforeAll(async () => {
  hall = await startHall({ clock });
  const admin = await hall.login();
  clerk = await hall.login(CLERK(5));
  kiosk = await pairKiosk(hall, admin, 'kiosk-1');
  const drawn = await renderDocument({
    meta: { title: '营业执照' },
    body: [
      { kind: 'heading', text: '营业执照（副本）' },
      { kind: 'fields', columns: 1, rows: [{ label: '名称', value: '西安市新城区王记面馆' }, { label: '统一社会信用代码', value: '92610102MA6X8K3L25' }] },
      { kind: 'pageBreak' },
      { kind: 'paragraph', text: '经营范围：餐饮服务；食品销售。第二页。' },
    ],
  });
  const pdf = await PDFDocument.load(drawn.bytes);
  pdf.getPage(1).setRotation(degrees(90));
  licencePdf = await pdf.save();
});
afterAll(async () => {
  await hall?.cleanup();
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function upload(pdf: Uint8Array, overrides: Partial<PublishCertificateRequest> = {}): PublishCertificateRequest {
  return {
    idempotencyKey: key(),
    typeId: 'business-licence-copy',
    documentNumber: '92610102MA6X8K3L25',
    issuer: '西安市新城区市场监督管理局',
    holder: { kind: 'business', name: '西安市新城区王记面馆', creditCode: '92610102MA6X8K3L25', entitled: [{ name: A.name, idNumber: A.idNumber, role: 'legalRep' }] },
    validFrom: '2026-11-20',
    validUntil: null,
    fields: [{ label: '类型', value: '个体工商户' }],
    pdf: { filename: '营业执照副本.pdf', data: base64(pdf) },
    ...overrides,
  };
}

async function publish(request: PublishCertificateRequest, path = '/api/certificates') {
  return hall.request<CertificateSummary & ErrorReply>('POST', path, request, clerk);
}

async function lookup(person: { idNumber: string }): Promise<KioskCertificate[]> {
  const r = await hall.request<LookupReply>('POST', '/api/certificates/lookup', { identity: card(person) }, kiosk);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.certificates;
}

async function binary(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const res = await fetch(`${hall.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${kiosk}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Per page: its text, the QR codes found on it, and where the code sits as the page is seen. */
async function inspect(bytes: Uint8Array, code: string) {
  const doc = await writeTempPdf(bytes);
  try {
    const pdf = await PDFDocument.load(bytes);
    const pages = [];
    for (let n = 1; n <= pdf.getPageCount(); n++) {
      const text = squeeze(await pageText(doc.path, n));
      const png = (await pdfToPngs(doc, 150, n, n)).find((f) => f.endsWith(`-${n}.png`))!;
      // pdftotext places words as the page is displayed but states the unturned size.
      const { width, height, words } = await pageWords(doc.path, n);
      const turned = pdf.getPage(n - 1).getRotation().angle % 180 !== 0;
      const shown = turned ? { width: height, height: width } : { width, height };
      const word = words.find((w) => w.word === formatVerificationCode(code));
      const box = word ? { x: (word.xMin + word.xMax) / 2 / shown.width, y: (word.yMin + word.yMax) / 2 / shown.height, turned } : null;
      pages.push({ text, qr: await decodeQr(png), box });
    }
    return pages;
  } finally {
    await doc.cleanup();
  }
}

describe('证照打印 from an uploaded PDF', () => {
  let doc: CertificateSummary;

  it('publishes the PDF: source pdf, its page count, the hash of the file', async () => {
    const r = await publish(upload(licencePdf));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    doc = r.body;
    expect(doc).toMatchObject({ source: 'pdf', pageCount: 2, typeName: '营业执照（副本）', status: 'valid' });
    const row = hall.server.db.prepare('SELECT content_hash FROM certificates WHERE id = ?').get(doc.id) as { content_hash: string };
    expect(row.content_hash).toBe(createHash('sha256').update(licencePdf).digest('hex'));
    const listed = (await lookup(A)).find((c) => c.id === doc.id);
    expect(listed).toMatchObject({ source: 'pdf', pageCount: 2, relation: '法定代表人', blocked: null });
  });

  it('a retry with the same key and file returns the same document; another file under that key is refused', async () => {
    const request = upload(licencePdf);
    const first = await publish(request);
    const again = await publish(request);
    expect(again.body.id).toBe(first.body.id);
    const other = await renderDocument({ meta: { title: 'x' }, body: [{ kind: 'paragraph', text: '另一份文件' }] });
    const conflict = await publish({ ...request, pdf: { data: base64(other.bytes) } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    await hall.request('POST', `/api/certificates/${first.body.id}/revoke`, { reason: '重复发布' }, clerk);
  });

  it('prints the uploaded pages, each with the QR and code at its bottom right as read, also on the turned page', async () => {
    const job = await hall.request<PrintJob>('POST', `/api/certificates/${doc.id}/prints`, { idempotencyKey: key(), identity: card(A) }, kiosk);
    expect(job.status, JSON.stringify(job.body)).toBe(201);
    expect(job.body.pageCount).toBe(2);
    const printed = await binary('GET', `/api/certificate-prints/${job.body.jobId}/pdf`);
    expect(printed.status).toBe(200);
    expect(printed.type).toBe('application/pdf');
    const pages = await inspect(printed.bytes, doc.code);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.text).toContain('西安市新城区王记面馆');
    expect(pages[1]!.text).toContain('第二页');
    for (const page of pages) {
      expect(page.text).toContain(formatVerificationCode(doc.code));
      expect(page.text).toContain('扫码验真');
      expect(page.qr).toEqual([`${hall.server.hall.settings.publicBaseUrl.replace(/\/$/, '')}/v/${doc.code}`]);
      // Right half, bottom fifth of the page as displayed (pdftotext applies /Rotate).
      expect(page.box!.x).toBeGreaterThan(0.5);
      expect(page.box!.y).toBeGreaterThan(0.8);
    }
    expect(pages.map((p) => p.box?.turned)).toEqual([false, true]);
    const finished = await hall.request<{ printCount: number }>('POST', `/api/certificate-prints/${job.body.jobId}/outcome`, { ok: true }, kiosk);
    expect(finished.body.printCount).toBe(1);
    const v = (await hall.request<Verification>('GET', `/api/verify/${doc.code}`)).body;
    expect(v).toMatchObject({ status: 'valid', typeName: '营业执照（副本）', holderMasked: '西安******面馆（9261**********3L25）' });
  });

  it('previews the same stamped pages to the entitled card only, without counting a print', async () => {
    const preview = await binary('POST', `/api/certificates/${doc.id}/preview`, { identity: card(A) });
    expect(preview.status).toBe(200);
    const pdf = await PDFDocument.load(preview.bytes);
    expect(pdf.getPageCount()).toBe(2);
    const file = await writeTempPdf(preview.bytes);
    const text = squeeze(await pdfText(file.path).finally(() => file.cleanup()));
    expect(text).toContain(formatVerificationCode(doc.code));
    const stranger = await binary('POST', `/api/certificates/${doc.id}/preview`, { identity: card(B) });
    expect(stranger.status).toBe(403);
    expect((await lookup(A)).find((c) => c.id === doc.id)?.printCount).toBe(1);
  });

  it('refuses what is not a printable PDF, naming pdf.data, and stores nothing', async () => {
    const before = hall.server.db.prepare('SELECT COUNT(*) AS n FROM certificates').get() as { n: number };
    const encrypted = await new Promise<Uint8Array>((resolve) => {
      const d = new PDFKit({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
      const chunks: Buffer[] = [];
      d.on('data', (c: Buffer) => chunks.push(c));
      d.on('end', () => resolve(Buffer.concat(chunks)));
      d.font(fontPath('regular')).text('加密文件');
      d.end();
    });
    const many = await PDFDocument.create();
    for (let i = 0; i < 21; i++) many.addPage([595, 842]);
    const tiny = await PDFDocument.create();
    tiny.addPage([100, 100]);
    const cases: Array<[string, PublishCertificateRequest, string]> = [
      ['a PNG', upload(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), '不是PDF'],
      ['a broken PDF', upload(Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage')), '已损坏'],
      ['an encrypted PDF', upload(encrypted), '已加密'],
      ['21 pages', upload(await many.save()), '最多20页'],
      ['a 35 mm page', upload(await tiny.save()), '尺寸异常'],
      ['not base64', { ...upload(licencePdf), pdf: { data: '%%%not base64%%%' } }, 'base64'],
    ];
    for (const [what, request, message] of cases) {
      const r = await publish(request);
      expect(r.status, what).toBe(400);
      expect(r.body.error.code, what).toBe('VALIDATION_FAILED');
      expect(r.body.error.field, what).toBe('pdf.data');
      expect(r.body.error.message, what).toContain(message);
    }
    const huge = await publish(upload(new Uint8Array(12 * 1024 * 1024)));
    expect([400, 413]).toContain(huge.status);
    expect(huge.body.error.message).toMatch(/10MB|过大|太大/);
    expect(hall.server.db.prepare('SELECT COUNT(*) AS n FROM certificates').get()).toEqual(before);
  });

  it('a replacement by a new upload stops the old one printing; the file is sealed at rest and purged with the personal data', async () => {
    const replaced = await publish(upload(licencePdf, { printLimit: 1 }), `/api/certificates/${doc.id}/replace`);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(201);
    const old = (await lookup(A)).find((c) => c.id === doc.id);
    expect(old?.blocked).toContain('已换发');

    hall.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(join(hall.dir, 'hall.db'));
    // The PDF's own bytes (its header and font program name) never reach the file in clear.
    expect(raw.includes(Buffer.from(licencePdf.subarray(0, 400)))).toBe(false);
    expect(raw.includes(Buffer.from('92610102MA6X8K3L25'))).toBe(false);

    const files = () => (hall.server.db.prepare('SELECT COUNT(*) AS n FROM certificate_files').get() as { n: number }).n;
    expect(files()).toBeGreaterThanOrEqual(2);
    clock.advance((hall.server.hall.settings.personalDataRetentionDays + 1) * 86_400_000);
    hall.server.certificates.purge();
    // The printed one and the replaced one are gone; the new one, never printed and valid, stays.
    const left = hall.server.db.prepare('SELECT certificate_id FROM certificate_files').all() as Array<{ certificate_id: string }>;
    expect(left.map((r) => r.certificate_id)).toContain(replaced.body.id);
    expect(left.map((r) => r.certificate_id)).not.toContain(doc.id);
  });
});

describe('an upload the document thread cannot finish', () => {
  it('is refused like a broken file, naming pdf.data, and nothing is stored', async () => {
    // Every job outlives a 1 ms limit: starting the thread alone takes longer.
    const slow = await startHall({ clock: new TestClock(), documents: { timeoutMs: 1 } });
    try {
      const admin = await slow.login();
      const staff = await slow.login(CLERK(5));
      const r = await slow.request<ErrorReply>('POST', '/api/certificates', upload(licencePdf), staff);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'pdf.data' });
      expect(r.body.error.message).toContain('过于复杂');
      expect(slow.server.db.prepare('SELECT COUNT(*) AS n FROM certificates').get()).toEqual({ n: 0 });
      const health = await slow.request<{ documents: { code: string; timeouts: number; failed: number }; latency: Record<string, { count: number }> }>('GET', '/healthz', undefined, admin);
      expect(health.body.documents).toMatchObject({ code: 'sources', timeouts: 1, failed: 1 });
      expect(health.body.latency['document:inspectPdf']?.count).toBe(1);
    } finally {
      await slow.cleanup();
    }
  });
});
