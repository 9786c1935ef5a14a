// 证照打印's preview of an uploaded PDF, in real Chromium with the built kiosk: pdf.js is
// fetched only when the preview opens (not before home), draws every page of a real
// three-page Chinese PDF made by the hall server's own renderer (Noto Sans SC embedded) one
// page at a time with 上一页/下一页, and of a PDF whose Chinese font is not embedded (the
// UniGB-UCS2-H CMap and ZapfDingbats' standard font data, from the files shipped beside the
// app, never a CDN). A
// failed load says so and 重新加载预览 recovers; closing the preview ends pdf.js's worker.
// The hall server and device agent are real; its certificate look-up and preview routes are
// stood in for by page.route, to serve hand-made PDFs and to fail on purpose. The real routes
// are exercised end to end in certificates.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { KioskCertificate } from '@hall/common/certificates';
import { renderDocument, type DocumentSpec } from '@hall/server/src/documents/index.ts';
import { pdfFromObjects } from '@hall/fixtures/src/pdf.ts';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

vi.setConfig({ testTimeout: 120_000 });

let env: KioskEnv;

/** A three-page document as the hall server renders one, Chinese text on every page. */
async function chinesePdf(): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const spec: DocumentSpec = {
    meta: { title: '食品经营许可证（测试）', createdAt: '2026-12-01T08:00:00+08:00' },
    body: [
      { kind: 'heading', text: '食品经营许可证', level: 1 },
      { kind: 'fields', rows: [{ label: '经营者名称', value: '西安市新城区王记面馆' }, { label: '经营场所', value: '陕西省西安市新城区解放路26号' }, { label: '经营项目', value: '热食类食品制售' }] },
      { kind: 'pageBreak' },
      { kind: 'heading', text: '第二页：许可事项说明', level: 2 },
      { kind: 'paragraph', text: '本许可证正本、副本具有同等法律效力。'.repeat(12), indentChars: 2 },
      { kind: 'pageBreak' },
      { kind: 'heading', text: '第三页：变更记录', level: 2 },
      { kind: 'paragraph', text: '二〇二六年十一月二十日，经营项目增加冷食类食品制售。' },
    ],
  };
  const rendered = await renderDocument(spec);
  return { bytes: rendered.bytes, pageCount: rendered.pageCount };
}

/**
 * Two pages whose fonts are not embedded: 证照打印 in STSong-Light through the predefined
 * UniGB-UCS2-H CMap (pdf.js needs its CMap files for the codes), a Helvetica line (a system
 * font when the machine has one, else pdf.js's standard font data) and ZapfDingbats check
 * marks (always pdf.js's standard font data: FoxitDingbats.pfb). A filled bar on each page.
 */
function standardFontPdf(): Uint8Array {
  const ucs2 = (s: string) => [...s].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('').toUpperCase();
  const content = (n: number) =>
    `BT /F1 40 Tf 72 720 Td <${ucs2('证照打印预览')}> Tj ET\nBT /F2 28 Tf 72 640 Td (Standard font page ${n} of 2) Tj ET\nBT /F3 28 Tf 72 600 Td (4444) Tj ET\n0.1 0.3 0.6 rg 72 ${560 - n * 60} 300 30 re f\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 7 0 R /F3 11 0 R >> >> /Contents 9 0 R >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 7 0 R /F3 11 0 R >> >> /Contents 10 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R /DW 1000 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ...[1, 2].map((n) => `<< /Length ${content(n).length} >>\nstream\n${content(n)}endstream`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>',
  ];
  return pdfFromObjects(objects);
}

function kioskCert(over: Partial<KioskCertificate>): KioskCertificate {
  return {
    id: 'x',
    typeName: '食品经营许可证',
    kind: 'licence',
    holderKind: 'business',
    holderMasked: '西安******面馆（9261**********3L25）',
    documentNumber: 'JY16101020012345',
    lines: [],
    source: 'pdf',
    pageCount: null,
    relation: '法定代表人',
    issuer: '西安市新城区市场监督管理局',
    validFrom: '2026-11-20',
    validUntil: '2031-11-19',
    status: 'valid',
    printCount: 0,
    printLimit: 3,
    blocked: null,
    ...over,
  };
}

/** What the canvas shows: its size, how many pixels are not near-white, and a digest. */
function canvasFacts(page: Page) {
  return page.locator('.cert-pdf-frame canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) {
        inked++;
        hash = (hash * 31 + i) | 0;
      }
    }
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.getBoundingClientRect().width, inked, hash, total: canvas.width * canvas.height };
  });
}

describe('证照打印: the preview of an uploaded PDF', () => {
  beforeAll(async () => {
    env = await startKioskEnv();
  }, 90_000);
  afterAll(async () => {
    await env?.close();
  });

  it('pdf.js loads only when the preview opens; every page of a real Chinese PDF is drawn; a failure has a retry; closing ends the worker', async () => {
    const chinese = await chinesePdf();
    expect(chinese.pageCount).toBe(3);
    const standard = standardFontPdf();
    const certificates = [
      kioskCert({ id: 'pdf-cn', pageCount: chinese.pageCount }),
      kioskCert({ id: 'pdf-std', typeName: '办结证明', kind: 'proof', pageCount: 2 }),
      kioskCert({ id: 'tpl', typeName: '缴费证明', kind: 'proof', source: 'template', lines: [{ label: '缴费项目', value: '工本费' }] }),
    ];

    const { context, page } = await env.open();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const workers: string[] = [];
    const closedWorkers: string[] = [];
    page.on('worker', (w) => {
      workers.push(w.url());
      w.on('close', () => closedWorkers.push(w.url()));
    });

    await context.route('**/api/certificates/lookup', (route) => route.fulfill({ json: { certificates } }));
    const bodies: unknown[] = [];
    let failNext = true;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/api/certificates/*/preview', async (route) => {
      bodies.push(route.request().postDataJSON());
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/')[3]!);
      if (id === 'pdf-cn' && failNext) {
        failNext = false;
        // Held until the test has seen the loading state, then the server is "busy".
        await held;
        return route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: '证照文件暂时无法读取，请稍后再试' } } });
      }
      return route.fulfill({ status: 200, contentType: 'application/pdf', body: Buffer.from(id === 'pdf-cn' ? chinese.bytes : standard) });
    });

    await page.locator('[data-tile="certificates"]').tap();
    await page.getByTestId('cert-card').waitFor();
    await env.sim('/sim/idcard/present?card=residentA');
    await page.locator('.cert-item').nth(2).waitFor();
    await env.sim('/sim/idcard/remove');

    // Nothing of pdf.js so far: home and the list ran without it.
    const pdfjsLoaded = () => requests.some((r) => /pdf-render|pdf\.worker/.test(r.url()));
    expect(pdfjsLoaded()).toBe(false);

    // The first document: loading, then the server fails, then 重新加载预览 shows page 1 of 3.
    const item = page.locator('.cert-item[data-cert="pdf-cn"]');
    await item.locator('[data-action="preview"]').tap();
    const preview = item.getByTestId('cert-preview');
    await preview.locator('.cert-pdf-status', { hasText: '正在加载预览…' }).waitFor();
    release();
    const failed = preview.locator('.cert-pdf-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('预览加载失败');
    expect(await failed.textContent()).toContain('证照文件暂时无法读取，请稍后再试');
    await failed.getByRole('button', { name: '重新加载预览' }).tap();

    const seen = new Set<number>();
    for (let n = 1; n <= chinese.pageCount; n++) {
      await preview.locator(`canvas[data-page="${n}"]`).waitFor();
      expect(await preview.locator('.cert-pdf-page').textContent()).toBe(`第 ${n} / ${chinese.pageCount} 页`);
      const facts = await canvasFacts(page);
      // Fitted to the frame's width, drawn at the device's pixel ratio (1 in this context).
      expect(facts.cssWidth).toBeGreaterThan(400);
      expect(Math.abs(facts.width - facts.cssWidth)).toBeLessThanOrEqual(1);
      expect(facts.height / facts.width).toBeCloseTo(297 / 210, 1);
      // Text on the page: not blank, and not the previous page again.
      expect(facts.inked, `page ${n} inked pixels`).toBeGreaterThan(facts.total * 0.002);
      expect(seen.has(facts.hash), `page ${n} differs from the pages before`).toBe(false);
      seen.add(facts.hash);
      if (n === 1) await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-pdf-preview.png') });
      expect(await preview.locator('[data-action="page-prev"]').isDisabled()).toBe(n === 1);
      expect(await preview.locator('[data-action="page-next"]').isDisabled()).toBe(n === chinese.pageCount);
      if (n < chinese.pageCount) await preview.locator('[data-action="page-next"]').tap();
    }
    expect(seen.size).toBe(chinese.pageCount);
    await preview.locator('[data-action="page-prev"]').tap();
    await preview.locator('canvas[data-page="2"]').waitFor();

    // The preview asked with the card read, and pdf.js came now, from the kiosk's own files.
    expect(bodies[0]).toEqual({ identity: { idNumber: '110101199003070011', source: 'card', cardKind: 'resident' } });
    expect(pdfjsLoaded()).toBe(true);
    expect(workers.filter((u) => /pdf\.worker/.test(u))).toHaveLength(1);

    // Closing the preview destroys the document and with it pdf.js's worker.
    await item.locator('[data-action="preview"]').tap();
    await expect.poll(() => closedWorkers.filter((u) => /pdf\.worker/.test(u)).length).toBe(1);
    expect(await item.getByTestId('cert-preview').count()).toBe(0);

    // Fonts not embedded: the CMap and the standard font data come from /kiosk/pdfjs/, both pages draw.
    const second = page.locator('.cert-item[data-cert="pdf-std"]');
    await second.locator('[data-action="preview"]').tap();
    const preview2 = second.getByTestId('cert-preview');
    for (let n = 1; n <= 2; n++) {
      await preview2.locator(`canvas[data-page="${n}"]`).waitFor();
      expect(await preview2.locator('.cert-pdf-page').textContent()).toBe(`第 ${n} / 2 页`);
      const facts = await canvasFacts(page);
      expect(facts.inked, `standard-font page ${n}`).toBeGreaterThan(facts.total * 0.002);
      if (n < 2) await preview2.locator('[data-action="page-next"]').tap();
    }
    const assets = requests.map((r) => new URL(r.url())).filter((u) => u.pathname.startsWith('/kiosk/pdfjs/'));
    expect(assets.map((u) => u.pathname)).toContain('/kiosk/pdfjs/cmaps/UniGB-UCS2-H.bcmap');
    expect(assets.map((u) => u.pathname)).toContain('/kiosk/pdfjs/standard_fonts/FoxitDingbats.pfb');
    for (const r of requests.filter((x) => new URL(x.url()).pathname.startsWith('/kiosk/pdfjs/'))) {
      const response = await r.response();
      expect(response?.status(), r.url()).toBe(200);
      expect(response?.headers()['content-type'] ?? '', r.url()).not.toContain('text/html');
    }
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-pdf-preview-standard-fonts.png') });

    // Nothing left the hall: every request went to the kiosk's own server or its agent.
    const hosts = new Set(requests.map((r) => new URL(r.url()).host).filter((h) => h !== ''));
    for (const host of hosts) expect(host, host).toMatch(/^127\.0\.0\.1:\d+$/);

    // A template document keeps the HTML sheet.
    const tpl = page.locator('.cert-item[data-cert="tpl"]');
    await tpl.locator('[data-action="preview"]').tap();
    await tpl.locator('.cert-sheet', { hasText: '工本费' }).waitFor();

    // 首页 unmounts the flow: the second document's worker ends too.
    await page.getByRole('button', { name: '首页' }).tap();
    await expect.poll(() => closedWorkers.filter((u) => /pdf\.worker/.test(u)).length).toBe(2);
    await context.close();
  });
});
