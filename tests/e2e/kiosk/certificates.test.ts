// 证照打印 end to end: a clerk publishes a 食品经营许可证 from the desk (the type's template,
// the business's legal representative entitled to print it); the representative lays their
// fictional ID card on the kiosk's simulated reader, sees the licence and previews it; the
// printer is out of paper (not counted, staff told), then it prints on the simulated A4
// printer; pdftotext reads the printed PDF back, zbarimg decodes the QR from a page rendered
// by pdftoppm, and that link opens the public verification page on a phone-sized screen:
// 有效. A reprint asks for a reason. The clerk revokes it: the same page says 已撤销 and the
// kiosk refuses to print it. A second kiosk prints through CUPS (the cups-pdf printer A4PDF of
// .ci/setup-cups.sh) and the QR on the file CUPS wrote verifies too. A licence published as the
// department's own PDF (uploaded at the desk) previews page by page at the kiosk and prints
// with the verification stamp on every page.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, CLERK } from '@hall/server/testing';
import type { CertificateSummary, MailRequestList } from '@hall/common/certificates';
import { renderDocument } from '@hall/server/src/documents/index.ts';
import { artifactPath } from '../lib/browser.ts';
import { login, openDesk } from '../board-staff/support.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

vi.setConfig({ testTimeout: 180_000 });
const run = promisify(execFile);

let env: KioskEnv;
let desk: Page;

async function printedPdf(code: string, nth: number): Promise<{ text: string; qr: string[]; file: string }> {
  const jobs = (await env.sim('/sim/a4/jobs', 'GET')) as Array<{ jobId: number; title: string }>;
  const mine = jobs.filter((j) => j.title === `cert-${code}`);
  expect(mine.length).toBe(nth);
  const { pdfBase64 } = (await env.sim(`/sim/a4/pdf?job=${mine[nth - 1]!.jobId}`, 'GET')) as { pdfBase64: string };
  const dir = mkdtempSync(join(tmpdir(), 'hall-cert-'));
  const file = join(dir, 'printed.pdf');
  writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { timeout: 20_000 });
  await run('pdftoppm', ['-png', '-r', '300', '-f', '1', '-l', '1', file, join(dir, 'page')], { timeout: 30_000 });
  const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
  const decoded = await run('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, png)], { timeout: 20_000 });
  return { text: stdout.replace(/\s+/g, ''), qr: decoded.stdout.split('\n').filter(Boolean), file };
}

async function verificationPage(url: string): Promise<{ verdict: string; page: Page }> {
  // A bank clerk's phone: the link from the QR, on the hall server's address.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${env.hall.url}${new URL(url).pathname}`);
  const verdict = (await page.locator('.verdict').textContent())!;
  return { verdict, page };
}

describe('证照打印 with the simulated A4 printer', () => {
  beforeAll(async () => {
    env = await startKioskEnv();
    desk = await openDesk(env.browser, env.hall, CLERK(1), 1);
    desk.setDefaultTimeout(15_000);
  }, 90_000);
  afterAll(async () => {
    await desk?.context().close();
    await env?.close();
  });

  it('publish at the desk → card at the kiosk → printed A4 with a QR that verifies → reprint with a reason → revoked: the page says so and the kiosk refuses', async () => {
    // The clerk fills the 食品经营许可证 template for a business; its legal representative may print.
    await desk.locator('.certificate-panel [data-tab="publish"]').click();
    const form = desk.locator('.certificate-form');
    await form.locator('select[name=typeId]').selectOption('food-business-licence');
    await form.locator('select[name=holderKind]').selectOption('business');
    await form.locator('input[name=businessName]').fill('西安市新城区王记面馆');
    await form.locator('input[name=creditCode]').fill('92610102MA6X8K3L25');
    await form.locator('input[name=personName]').fill('测试甲');
    await form.locator('input[name=personId]').fill('110101199003070011');
    await form.locator('input[name=documentNumber]').fill('JY16101020012345');
    await form.locator('input[name=issuer]').fill('西安市新城区市场监督管理局');
    await form.locator('input[name=validFrom]').fill('2026-11-20');
    await form.locator('input[name=validUntil]').fill('2031-11-19');
    await form.locator('input[name="field-经营场所"]').fill('陕西省西安市新城区解放路26号');
    await form.locator('input[name="field-经营项目"]').fill('热食类食品制售');
    await desk.getByTestId('certificate-publish').click();
    const published = desk.locator('.certificate-published');
    await published.waitFor();
    expect(await published.textContent()).toContain('可到自助机打印');
    const code = (await published.getAttribute('data-code'))!;
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    await desk.screenshot({ path: artifactPath('desk-certificate-published.png') });

    // The kiosk: the tile, then the card (no number to type on this screen).
    const { page } = await env.open();
    await page.locator('[data-tile="certificates"]').tap();
    await page.getByTestId('cert-card').waitFor();
    expect(await page.locator('.cert-flow input, .cert-flow .input-keypad').count()).toBe(0);
    await env.sim('/sim/idcard/present?card=residentA');
    const item = page.locator('.cert-item').first();
    await item.waitFor();
    await env.sim('/sim/idcard/remove');
    expect(await page.locator('.cert-item').count()).toBe(1);
    const listed = (await item.textContent())!;
    for (const text of ['食品经营许可证', '有效', '法定代表人', '西安******面馆', '已打印 0 / 3 次']) expect(listed, text).toContain(text);
    expect(listed).not.toContain('92610102MA6X8K3L25');
    await item.locator('[data-action="preview"]').tap();
    const preview = (await item.getByTestId('cert-preview').textContent())!;
    for (const text of ['JY16101020012345', '西安市新城区市场监督管理局', '陕西省西安市新城区解放路26号', '热食类食品制售']) expect(preview, text).toContain(text);
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-list.png') });

    // The A4 printer runs out of paper: the kiosk says so, nothing is counted, staff are told.
    await env.sim('/sim/a4/fail?reason=media-empty');
    await item.locator('[data-action="print"]').tap();
    const failed = page.getByTestId('cert-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain('打印机缺纸，请联系工作人员');
    expect(await failed.textContent()).toContain('本次打印不计次数');
    await desk.locator('.help-panel li', { hasText: '证照打印失败' }).waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-paper-out.png') });
    await env.sim('/sim/a4/fail?reason=');

    // Paper back: 重新打印 prints it on A4 through the agent.
    await page.getByRole('button', { name: '重新打印' }).tap();
    await page.getByTestId('cert-printed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('cert-printed').textContent()).toContain('本证照已打印 1 次，共可打印 3 次');
    const first = await printedPdf(code, 1);
    for (const value of ['食品经营许可证', 'JY16101020012345', '西安市新城区王记面馆', '92610102MA6X8K3L25', '测试甲', '陕西省西安市新城区解放路26号', '热食类食品制售', '西安市新城区市场监督管理局', '2031-11-19', '扫码验真', `${code.slice(0, 5)}-${code.slice(5)}`]) {
      expect(first.text, value).toContain(value);
    }
    expect(first.qr).toEqual([`http://localhost:8080/v/${code}`]);

    // Anyone with the paper: the QR's page says 有效, the holder masked, on a phone screen.
    const phone = await verificationPage(first.qr[0]!);
    expect(phone.verdict).toBe('有效');
    const facts = (await phone.page.locator('dl').textContent())!;
    for (const text of ['食品经营许可证', '西安******面馆', '西安市新城区市场监督管理局', '2026-11-20 至 2031-11-19']) expect(facts, text).toContain(text);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.page.screenshot({ path: artifactPath('phone-verify-valid.png') });

    // A second copy: the reason first.
    await page.getByRole('button', { name: '返回证照列表' }).tap();
    await item.locator('[data-action="print"]', { hasText: '补打' }).tap();
    await page.getByTestId('cert-reason').waitFor();
    await page.locator('[data-reason="原件遗失"]').tap();
    await page.getByTestId('cert-printed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('cert-printed').textContent()).toContain('本证照已打印 2 次');
    await printedPdf(code, 2);

    // The clerk revokes it with a reason.
    await desk.locator('.certificate-panel [data-tab="list"]').click();
    const row = desk.locator(`tr[data-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('2/3');
    desk.once('dialog', (dialog) => void dialog.accept('许可信息有误'));
    await row.getByRole('button', { name: '撤销' }).click();
    await row.locator('.certificate-status', { hasText: '已撤销' }).waitFor();

    // The same printout now verifies as revoked.
    await phone.page.reload();
    expect(await phone.page.locator('.verdict').textContent()).toBe('已撤销');
    await phone.page.screenshot({ path: artifactPath('phone-verify-revoked.png') });

    // And the kiosk refuses: the card read again lists it as revoked, with no print button to press.
    await page.getByRole('button', { name: '返回证照列表' }).tap();
    await env.sim('/sim/idcard/present?card=residentA');
    await item.locator('.cert-blocked', { hasText: '该证照已撤销，不能打印' }).waitFor();
    await env.sim('/sim/idcard/remove');
    expect(await item.locator('[data-action="print"]').isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-revoked.png') });
    const jobs = (await env.sim('/sim/a4/jobs', 'GET')) as Array<{ title: string }>;
    expect(jobs.filter((j) => j.title === `cert-${code}`).length).toBe(2);

    // The admin console lists it too, revoked, with its two prints.
    const admin = await (await env.browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' })).newPage();
    await admin.goto(`${env.hall.url}/staff/admin`);
    await login(admin, ADMIN);
    await admin.locator('.admin-nav a', { hasText: '证照' }).click();
    await admin.locator('.certificate-panel [data-tab="list"]').click();
    const adminRow = admin.locator(`tr[data-code="${code}"]`);
    await adminRow.locator('.certificate-status', { hasText: '已撤销' }).waitFor();
    expect(await adminRow.textContent()).toContain('2/3');
    await admin.context().close();

    // Someone else's card finds nothing.
    await page.getByRole('button', { name: '首页' }).tap();
    await page.locator('[data-tile="certificates"]').tap();
    await env.sim('/sim/idcard/present?card=residentB');
    await page.getByTestId('cert-none').waitFor();
    await env.sim('/sim/idcard/remove');
  });

  it("a department's own PDF: uploaded at the desk, previewed page by page at the kiosk, printed with the verification stamp on every page, verified", async () => {
    // What a department's system exports: two pages of Chinese text, fonts embedded.
    const source = await renderDocument({
      meta: { title: '营业执照' },
      body: [
        { kind: 'heading', text: '营业执照（副本）' },
        { kind: 'fields', columns: 1, rows: [{ label: '名称', value: '西安市新城区王记面馆' }, { label: '经营者', value: '测试甲' }, { label: '组成形式', value: '个人经营' }] },
        { kind: 'pageBreak' },
        { kind: 'paragraph', text: '经营范围：餐饮服务；食品销售（仅销售预包装食品）。登记机关：西安市新城区市场监督管理局。' },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'hall-cert-upload-'));
    const file = join(dir, '营业执照副本.pdf');
    writeFileSync(file, source.bytes);

    await desk.locator('.certificate-panel [data-tab="publish"]').click();
    const form = desk.locator('.certificate-form');
    await form.locator('select[name=typeId]').selectOption('business-licence-copy');
    await form.locator('select[name=holderKind]').selectOption('business');
    await form.locator('input[name=businessName]').fill('西安市新城区王记面馆');
    await form.locator('input[name=creditCode]').fill('92610102MA6X8K3L25');
    await form.locator('input[name=personName]').fill('测试甲');
    await form.locator('input[name=personId]').fill('110101199003070011');
    await form.locator('input[name=source][value=pdf]').check();
    await form.locator('input[name=pdf]').setInputFiles(file);
    expect(await desk.getByTestId('certificate-pdf-picked').textContent()).toContain('营业执照副本.pdf');
    await form.locator('input[name=documentNumber]').fill('92610102MA6X8K3L25');
    await form.locator('input[name=issuer]').fill('西安市新城区市场监督管理局');
    await form.locator('input[name=validFrom]').fill('2026-11-20');
    await desk.getByTestId('certificate-publish').click();
    const published = desk.locator('.certificate-published');
    await published.locator('text=营业执照').waitFor();
    const code = (await published.getAttribute('data-code'))!;
    await desk.locator('.certificate-panel [data-tab="list"]').click();
    expect(await desk.locator(`tr[data-code="${code}"]`).textContent()).toContain('PDF 2页');

    // The legal representative's card at the kiosk: the licence, its two pages on screen.
    const { page } = await env.open();
    await page.locator('[data-tile="certificates"]').tap();
    await page.getByTestId('cert-card').waitFor();
    await env.sim('/sim/idcard/present?card=residentA');
    const item = page.locator('.cert-item', { hasText: '营业执照（副本）' });
    await item.waitFor();
    await env.sim('/sim/idcard/remove');
    await item.locator('[data-action="preview"]').tap();
    const preview = item.locator('[data-testid="cert-preview"][data-source="pdf"]');
    await preview.locator('.cert-pdf-page', { hasText: '第 1 / 2 页' }).waitFor({ timeout: 30_000 });
    await preview.locator('canvas[data-page="1"]').waitFor({ timeout: 30_000 });
    await preview.locator('[data-action="page-next"]').tap();
    await preview.locator('canvas[data-page="2"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-uploaded-preview.png') });

    // Printed: the department's pages, each with 扫码验真, the code and the QR; the QR verifies.
    await item.locator('[data-action="print"]').tap();
    await page.getByTestId('cert-printed').waitFor({ timeout: 30_000 });
    const printed = await printedPdf(code, 1);
    for (const value of ['营业执照（副本）', '西安市新城区王记面馆', '经营范围：餐饮服务', '扫码验真']) expect(printed.text, value).toContain(value);
    expect(printed.text.split(`${code.slice(0, 5)}-${code.slice(5)}`).length - 1).toBe(2);
    expect(printed.qr).toEqual([`http://localhost:8080/v/${code}`]);
    const phone = await verificationPage(printed.qr[0]!);
    expect(phone.verdict).toBe('有效');
    expect(await phone.page.locator('dl').textContent()).toContain('营业执照（副本）');
    // The page's own web font is what draws its Chinese text.
    const loaded = await phone.page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded').length;
    });
    expect(loaded).toBeGreaterThan(0);
    await phone.page.screenshot({ path: artifactPath('phone-verify-uploaded-valid.png') });
    await phone.page.context().close();
  });
});

/** Where cups-pdf writes jobs: the anonymous spool, or the printing user's ~/PDF. */
const cupsOutputDirs = ['/var/spool/cups-pdf/ANONYMOUS', join(homedir(), 'PDF'), '/root/PDF'];

/** cups-pdf names its file after the job's title (cert-<code>, never a name) and the job number. */
function cupsPrinted(code: string, since: number): string | null {
  for (const dir of cupsOutputDirs) {
    if (!existsSync(dir)) continue;
    const name = readdirSync(dir).find((f) => f.startsWith(`cert-${code}`) && f.endsWith('.pdf') && statSync(join(dir, f)).mtimeMs >= since);
    if (name) return join(dir, name);
  }
  return null;
}

describe('证照打印 with the CUPS PDF printer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-cert-cups-'));
  const configPath = join(dir, 'agent.json');
  let cups: KioskEnv;

  beforeAll(async () => {
    if (!execFileSync('lpstat', ['-r'], { encoding: 'utf8' }).includes('is running')) throw new Error('CUPS is not running: run `bash .ci/setup-cups.sh` as root first');
    writeFileSync(
      configPath,
      JSON.stringify({
        devices: [
          { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-80' },
          { id: 'idCardReader', kind: 'idCardReader', uri: 'sim:' },
          { id: 'a4Printer', kind: 'a4Printer', uri: 'cups:A4PDF' },
        ],
      }),
    );
    cups = await startKioskEnv({}, { agentConfig: configPath });
  }, 90_000);
  afterAll(async () => {
    await cups?.close();
  });

  it('a proof published for a person prints through CUPS at the kiosk, and its QR verifies', async () => {
    const since = Date.now() - 1000;
    const clerk = await cups.hall.login(CLERK(2));
    const published = await cups.hall.request<CertificateSummary>(
      'POST',
      '/api/certificates',
      {
        idempotencyKey: `e2e-cups-${process.pid}-abcdef`,
        typeId: 'completion-proof',
        documentNumber: 'BJ2026-000777',
        issuer: '东城区政务服务中心',
        holder: { kind: 'person', person: { name: '测试乙', idNumber: '110105198506120026' } },
        validFrom: '2026-11-25',
        validUntil: null,
        fields: [
          { label: '办理事项', value: '居住证明' },
          { label: '办理结果', value: '准予办理' },
        ],
      },
      clerk,
    );
    expect(published.status).toBe(201);
    const code = published.body.code;

    const { page } = await cups.open();
    await page.locator('[data-tile="certificates"]').tap();
    await page.getByTestId('cert-card').waitFor();
    await cups.sim('/sim/idcard/present?card=residentB');
    const item = page.locator('.cert-item').first();
    await item.waitFor();
    await cups.sim('/sim/idcard/remove');
    expect(await item.textContent()).toContain('测*乙');
    await item.locator('[data-action="print"]').tap();
    await page.getByTestId('cert-printed').waitFor({ timeout: 60_000 });

    // The file cups-pdf wrote. It runs the job through Ghostscript, which turns the embedded
    // Chinese subset fonts into Type 3 glyphs without a text map, so pdftotext cannot read it
    // back (the text is checked on the simulated printer's PDF above); the page, its QR and
    // the link it carries are what a reader of the paper gets.
    // cups-pdf writes the file while the job runs: read it once it decodes.
    const qrOfPrinted = async (): Promise<string | null> => {
      const file = cupsPrinted(code, since);
      if (!file) return null;
      const pngDir = mkdtempSync(join(tmpdir(), 'hall-cert-cups-png-'));
      try {
        await run('pdftoppm', ['-png', '-r', '300', '-f', '1', '-l', '1', file, join(pngDir, 'page')], { timeout: 30_000 });
        const png = readdirSync(pngDir).find((f) => f.endsWith('.png'));
        if (!png) return null;
        return (await run('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(pngDir, png)], { timeout: 20_000 })).stdout.trim();
      } catch {
        return null;
      }
    };
    let url: string | null = null;
    await expect.poll(async () => (url = await qrOfPrinted()), { timeout: 45_000, interval: 1000 }).not.toBeNull();
    expect(url).toBe(`http://localhost:8080/v/${code}`);
    const res = await fetch(`${cups.hall.url}${new URL(url!).pathname}`);
    expect(await res.text()).toContain('data-status="valid">有效');

    // 免费邮寄 instead: the district picked by touch, the house number and phone on the keypads.
    await page.getByRole('button', { name: '返回证照列表' }).tap();
    await item.locator('[data-action="mail"]').tap();
    await page.getByTestId('cert-mail').waitFor();
    for (const regionCode of ['610000', '610100', '610102']) await page.getByTestId('mail-region').locator(`[data-code="${regionCode}"]`).tap();
    await page.getByTestId('mail-region').locator('.forms-region-name', { hasText: '新城区' }).waitFor();
    await page.getByTestId('mail-address').tap();
    for (const key of '26') await page.locator(`.keyboard [data-key="${key}"]`).tap();
    await page.locator('.keyboard .key-done').tap();
    await page.getByTestId('mail-phone').tap();
    for (const key of '13991234567') await page.locator(`.input-keypad [data-key="${key}"]`).tap();
    await page.locator('.input-keypad .primary-button').tap();
    await page.screenshot({ path: artifactPath('kiosk-portrait-certificates-mail.png') });
    await page.getByTestId('mail-submit').tap();
    await page.getByTestId('cert-mailed').waitFor();
    const mail = await cups.hall.request<MailRequestList>('GET', '/api/certificate-mail', undefined, clerk);
    expect(mail.body.requests.map((r) => ({ recipientName: r.recipientName, address: r.address, phone: r.phone, typeName: r.typeName }))).toEqual([
      { recipientName: '测试乙', address: '陕西省西安市新城区26', phone: '13991234567', typeName: '办结证明' },
    ]);
  });
});
