// 自助填单 end to end: a citizen lays a fictional ID card on the simulated reader, fills the
// 食品经营许可申请书 on the touch screen (typing only a phone number and the business
// details; everything personal comes from the card or one-tap suggestions), signs on the pad,
// prints it on the simulated A4 printer (whose PDF pdftotext reads back), draws a ticket; then
// a clerk calls that ticket and finds the same values on the server.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CLERK } from '@hall/server/testing';
import type { SubmissionList } from '@hall/common/forms/submission';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

// A long form on a loaded two-core machine; each step still fails on its own (15 s).
vi.setConfig({ testTimeout: 180_000 });

let env: KioskEnv;
beforeAll(async () => {
  env = await startKioskEnv();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

const field = (page: Page, path: string): Locator => page.getByTestId(`field-${path}`);

/** Letters and digits on the open full keyboard, as they are (english mode or digits). */
async function typeKeys(page: Page, text: string): Promise<void> {
  for (const c of text) await page.locator(`.keyboard [data-key="${c}"]`).tap();
}

/** Chinese through the pinyin composer: each pair is the letters typed and the candidate chosen. */
async function typeHan(page: Page, words: Array<[string, string] | string>): Promise<void> {
  for (const word of words) {
    if (typeof word === 'string') {
      await typeKeys(page, word);
      continue;
    }
    const [letters, han] = word;
    await typeKeys(page, letters);
    await page.locator('.keyboard .candidate').getByText(han, { exact: true }).first().tap();
    await expect.poll(() => page.locator('.keyboard-buffer').textContent()).toBe('');
  }
}

async function keyboardDone(page: Page): Promise<void> {
  await page.locator('.keyboard .key-done').tap();
  await page.locator('.keyboard').waitFor({ state: 'detached' });
}

async function keypad(page: Page, digits: string): Promise<void> {
  for (const c of digits) await page.locator(`.input-keypad [data-key="${c}"]`).tap();
  await page.locator('.input-keypad .primary-button').tap();
  await page.locator('.input-keypad').waitFor({ state: 'detached' });
}

async function fillText(page: Page, path: string, words: Array<[string, string] | string>, english = false): Promise<void> {
  await field(page, path).tap();
  if (english) await page.locator('.keyboard .key-wide', { hasText: '拼音' }).tap();
  await typeHan(page, words);
  await keyboardDone(page);
}

async function choose(page: Page, path: string, value: string): Promise<void> {
  await field(page, path).locator(`[data-value="${value}"]`).tap();
}

async function next(page: Page, pageId: string): Promise<void> {
  await page.getByTestId('forms-next').tap();
  await page.locator(`.forms-fill[data-page="${pageId}"]`).waitFor();
}

describe('自助填单', () => {
  it('ID card → 食品经营许可申请书 on the touch screen → signed, printed on A4 with every value → ticket → the clerk sees the same data', async () => {
    // A fresh kiosk's settings: 自助填单 is on home without setup mode.
    const { page } = await env.open();
    // Region lists come from the hall server (not a copy in the kiosk's build).
    const regionFetches: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.includes('regions')) regionFetches.push(`${r.status()} ${path}`);
    });
    await page.locator('[data-tile="forms"]').tap();

    // Found by pinyin initials, then what to have at hand.
    await page.getByTestId('form-search').tap();
    await typeKeys(page, 'spjy');
    await page.locator('[data-form="food-business-licence"]').tap();
    await page.locator('.forms-materials .materials li', { hasText: '营业执照' }).waitFor();
    await page.getByTestId('forms-start').tap();

    // The identity screen's card prompt; the card fills the legal representative.
    await page.locator('.card-reader-anim').waitFor();
    await env.sim('/sim/idcard/present?card=residentA');
    await page.locator('.forms-fill[data-page="applicant"]').waitFor();
    await env.sim('/sim/idcard/remove');
    expect(await field(page, 'applicant.legalRep').textContent()).toBe('测试甲');
    expect(await field(page, 'applicant.legalRepIdNumber').textContent()).toBe('110101199003070011');
    expect(await page.locator('.forms-field.prefilled').count()).toBe(2);
    await page.locator('.forms-prefilled-note').waitFor();

    // 下一步 on an empty page: plain-Chinese messages beside the fields.
    await page.getByTestId('forms-next').tap();
    await page.locator('[data-field="applicant.name"] .forms-issue', { hasText: '请填写经营者名称' }).waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-form-errors.png') });

    await fillText(page, 'applicant.name', [['wang', '王'], ['ji', '记'], ['mianguan', '面馆']]);
    await fillText(page, 'applicant.creditCode', ['92610102ma6x8k3l25'], true);
    expect(await field(page, 'applicant.creditCode').textContent()).toBe('92610102MA6X8K3L25');
    await choose(page, 'applicant.legalRepIdType', 'resident-id');
    await field(page, 'applicant.legalRepPhone').tap();
    await keypad(page, '13991234567');
    await fillText(page, 'applicant.domicile', [['jiefang', '解放'], ['lu', '路'], '26', ['hao', '号']]);
    // The region cascade down to the street: no typing.
    for (const code of ['610000', '610100', '610102', '610102004']) await field(page, 'business.premisesRegion').locator(`[data-code="${code}"]`).tap();
    await field(page, 'business.premisesRegion').locator('.forms-region-name', { hasText: '韩森寨街道' }).waitFor();
    expect([...new Set(regionFetches)].sort()).toEqual(['200 /api/regions', '200 /api/regions/61/streets']);
    await fillText(page, 'business.premisesAddress', [['jiefang', '解放'], ['lu', '路'], '26', ['hao', '号']]);
    await field(page, 'business.premisesArea').tap();
    await keypad(page, '48.5');
    await choose(page, 'business.hasWarehouse', 'false');
    expect(await page.locator('[data-field="applicant.name"] .forms-issue').count()).toBe(0);
    await next(page, 'business');

    await choose(page, 'business.type', 'catering');
    await choose(page, 'business.cateringKind', 'general');
    await choose(page, 'business.online', 'none');
    await choose(page, 'business.cateringItems', 'hot');
    // 餐饮 makes the seats on the first page required: 下一步 goes back there.
    await next(page, 'applicant');
    await page.locator('[data-field="business.seats"] .forms-issue', { hasText: '请填写就餐座位数' }).waitFor();
    await field(page, 'business.seats').tap();
    await keypad(page, '24');
    await next(page, 'business');
    await next(page, 'people');

    // The same person manages food safety and is the contact: one tap each.
    for (const path of ['safety.managerName', 'safety.managerIdNumber', 'safety.managerPhone', 'contact.name', 'contact.phone']) {
      await page.getByTestId(`suggest-${path}`).tap();
    }
    expect(await field(page, 'safety.managerPhone').textContent()).toBe('13991234567');
    await field(page, 'staff').getByRole('button', { name: '添加一行' }).tap();
    await page.getByTestId('suggest-staff.0.name').tap();
    await fillText(page, 'staff.0.post', [['chushi', '厨师']]);
    // 大写: one tap capitalises one letter; a double tap locks capitals until the next tap.
    await field(page, 'staff.0.healthCertNo').tap();
    await page.locator('.keyboard .key-wide', { hasText: '拼音' }).tap();
    const shiftKey = page.locator('.keyboard .key-shift');
    await shiftKey.tap();
    await page.locator('.keyboard .key-shift[data-shift="once"]').waitFor();
    expect(await page.locator('.keyboard [data-key="x"]').textContent()).toBe('X');
    await typeKeys(page, 'x');
    await page.locator('.keyboard .key-shift[data-shift="off"]').waitFor();
    expect(await page.locator('.keyboard [data-key="c"]').textContent()).toBe('c');
    await shiftKey.dblclick();
    await page.locator('.keyboard .key-shift[data-shift="locked"]').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-keyboard-caps-lock.png') });
    await typeKeys(page, 'c');
    expect(await page.locator('.keyboard [data-key="q"]').textContent()).toBe('Q');
    await shiftKey.tap();
    await page.locator('.keyboard .key-shift[data-shift="off"]').waitFor();
    await typeKeys(page, '202600871');
    await keyboardDone(page);
    expect(await field(page, 'staff.0.healthCertNo').textContent()).toBe('XC202600871');
    await field(page, 'staff.0.certValidUntil').locator('[data-unit="year"] [data-step="+"]').tap();
    await field(page, 'equipment').getByRole('button', { name: '添加一行' }).tap();
    await fillText(page, 'equipment.0.name', [['xiaodu', '消毒'], ['gui', '柜']]);
    await field(page, 'equipment.0.quantity').tap();
    await keypad(page, '1');
    await fillText(page, 'equipment.0.location', [['chufang', '厨房']]);
    await page.screenshot({ path: artifactPath('kiosk-portrait-form-people.png') });
    await next(page, 'sign');

    // A signature drawn with a finger on the pad.
    const pad = page.locator('.forms-signature-canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.2 + i * 0.05), box.y + box.height * (0.6 - 0.3 * Math.sin(i)));
    await page.mouse.up();
    await page.locator('.forms-signature.signed').waitFor();
    await page.getByTestId('forms-next').tap();

    // The review shows the form as it will print.
    const sheet = page.getByTestId('forms-sheet');
    await sheet.waitFor();
    for (const text of ['王记面馆', '测试甲', '解放路26号', '陕西省西安市新城区韩森寨街道', '消毒柜']) await sheet.getByText(text).first().waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-form-review.png') });
    await page.getByTestId('forms-submit').tap();

    // Printed on A4 through the agent; the printer got the server's PDF with every value.
    await page.locator('.forms-print-printed').waitFor({ timeout: 30_000 });
    const code = (await page.getByTestId('form-code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    const jobs = (await env.sim('/sim/a4/jobs', 'GET')) as Array<{ jobId: number; title: string }>;
    const job = jobs.find((j) => j.title === `form-${code}`);
    expect(job).toBeDefined();
    const { pdfBase64 } = (await env.sim(`/sim/a4/pdf?job=${job!.jobId}`, 'GET')) as { pdfBase64: string };
    const file = join(mkdtempSync(join(tmpdir(), 'hall-form-')), 'printed.pdf');
    writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-'], { timeout: 20_000 });
    const printedText = stdout.replace(/\s+/g, '');
    for (const value of ['王记面馆', '92610102MA6X8K3L25', '测试甲', '110101199003070011', '13991234567', '解放路26号', '韩森寨街道', '48.5', '24', '餐饮服务经营者', '热食类', '厨师', 'XC202600871', '消毒柜', '厨房', code]) {
      expect(printedText, value).toContain(value);
    }

    // The ticket for the form's category, linked to the submission.
    await page.getByTestId('forms-draw').tap();
    const number = (await page.getByTestId('form-ticket-number').textContent())!;
    expect(number).toMatch(/^[A-Z]\d{3}$/);
    await page.screenshot({ path: artifactPath('kiosk-portrait-form-done.png') });

    // A clerk at a food licence window calls it and sees the same values, typed by nobody.
    const token = await env.hall.login(CLERK(5));
    const clerk = await env.hall.connect('/counter', { token });
    await clerk.ok('window:signIn', { windowId: 'w05' });
    const called = await clerk.ok<{ ticket: { id: string; number: string } }>('ticket:callNext', { windowId: 'w05' });
    expect(called.ticket.number).toBe(number);
    const { status, body } = await env.hall.request<SubmissionList>('GET', `/api/submissions?ticketId=${called.ticket.id}`, undefined, token);
    expect(status).toBe(200);
    const submission = body.submissions[0]!;
    expect(submission.code).toBe(code);
    const text = Object.fromEntries(submission.fields.map((f) => [f.path, f.text]));
    expect(text).toMatchObject({
      'applicant.name': '王记面馆',
      'applicant.creditCode': '92610102MA6X8K3L25',
      'applicant.legalRep': '测试甲',
      'applicant.legalRepIdNumber': '110101199003070011',
      'applicant.legalRepPhone': '13991234567',
      'applicant.domicile': '解放路26号',
      'business.premisesAddress': '解放路26号',
      'safety.managerName': '测试甲',
      'contact.phone': '13991234567',
    });
    expect(submission.data).toMatchObject({
      business: { premisesRegion: '610102004', premisesArea: 48.5, seats: 24, type: 'catering', cateringItems: ['hot'], hasWarehouse: false },
      staff: [{ name: '测试甲', post: '厨师', healthCertNo: 'XC202600871' }],
      equipment: [{ name: '消毒柜', quantity: 1, location: '厨房' }],
    });
    expect(String(submission.data.signature)).toMatch(/^data:image\/png;base64,/);

    // The food licence needs a floor plan: straight on to the editor, whose title block takes
    // the business name and premises address from this form and links the plan to it.
    await page.getByTestId('draw-plan-next').tap();
    await page.locator('[data-template="noodle-shop"]').tap();
    await page.getByTestId('plan-canvas').waitFor();
    await page.getByTestId('to-title').tap();
    await page.getByTestId('from-form').tap();
    await expect.poll(() => page.getByTestId('title-operator').textContent()).toContain('王记面馆');

    // 首页 clears everything (the plan, the form's handoff): the next citizen starts from an empty tile.
    await page.getByTestId('fp-home').tap();
    await page.getByTestId('confirm-yes').tap(); // the plan has a title now: it asks first
    await page.locator('[data-tile="floorplan"]').tap();
    await page.locator('[data-template="noodle-shop"]').tap();
    await page.getByTestId('to-title').tap();
    expect(await page.getByTestId('from-form').count()).toBe(0);
  });

  it('from a service guide into its form; the idle reset warns about the half-filled form, then clears it and the card data', async () => {
    const { page, context } = await env.open({ settings: { idleSeconds: 15, countdownSeconds: 3 } });
    await page.locator('[data-tile="guides"]').tap();
    await page.locator('.guide-item', { hasText: '食品经营许可证核发' }).tap();
    await page.locator('[data-fill-form="food-business-licence"]').tap();
    await page.getByTestId('forms-start').tap();
    await page.locator('.card-reader-anim').waitFor();
    await env.sim('/sim/idcard/present?card=residentA');
    await page.locator('.forms-fill[data-page="applicant"]').waitFor();
    await env.sim('/sim/idcard/remove');
    await fillText(page, 'applicant.name', [['wang', '王'], ['ji', '记']]);

    // 首页 with a half-filled form asks first.
    await page.locator('.forms-fill .back-button').tap();
    await page.getByRole('alertdialog').getByText('离开将清除已填写的内容').waitFor();
    await page.getByRole('button', { name: '继续填写' }).tap();
    expect(await field(page, 'applicant.name').textContent()).toBe('王记');

    // Left alone: the countdown names the form, then everything is gone.
    await page.getByTestId('idle-countdown').getByText('将清除您正在填写的申请表').waitFor({ timeout: 30_000 });
    await page.locator('[data-tile="forms"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-tile="forms"]').tap();
    await page.getByTestId('form-search').waitFor();
    expect(await page.locator('.forms-fill').count()).toBe(0);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const personal of ['王记', '测试甲', '110101199003070011']) expect(stored).not.toContain(personal);
    await context.close();
  });
});
