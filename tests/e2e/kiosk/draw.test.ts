// 分类抽号 end to end: a citizen draws a ticket by touch, with and without an ID card, and the
// simulated printer prints the very ticket the server issued.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

interface PrintedTicket {
  text: string;
  qrCodes: string[];
}

// A browser on a loaded two-core CI machine is slow; each step still fails on its own
// (15 s action timeout) long before this.
vi.setConfig({ testTimeout: 60_000 });

let env: KioskEnv;
beforeAll(async () => {
  env = await startKioskEnv();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

async function printed(): Promise<PrintedTicket[]> {
  return (await env.sim('/sim/printer/tickets', 'GET')) as PrintedTicket[];
}

async function typeDigits(page: Page, text: string): Promise<void> {
  for (const c of text) await page.locator(`.keypad [data-key="${c}"]`).tap();
}

describe('drawing a ticket', () => {
  it('three taps: 分类抽号, a category, 确认取号 → printed, and the screen shows the same number and QR', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="tax"]').tap();
    await expect.poll(() => page.locator('.materials li').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.ticket-printed').waitFor();
    const number = await page.getByTestId('ticket-number').textContent();
    expect(number).toMatch(/^[A-Z]\d{3}$/);
    const last = (await printed()).at(-1)!;
    expect(last.text).toContain(number!);
    const qr = await page.locator('.qr').getAttribute('data-qr');
    expect(last.qrCodes).toContain(qr);
    await page.locator('.qr img').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-ticket.png') });
    await page.getByRole('button', { name: '完成' }).tap();
    await page.locator('[data-tile="ticketing"]').waitFor();
    await context.close();
  });

  it('with an ID card: the animated prompt, the card on the reader, then materials and the ticket', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="social-medical-insurance"]').tap();
    await page.locator('.card-reader-anim').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-identity.png') });
    await env.sim('/sim/idcard/present?card=residentA');
    await page.locator('.materials-title').waitFor();
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.ticket-printed').waitFor();
    const number = await page.getByTestId('ticket-number').textContent();
    expect((await printed()).at(-1)!.text).toContain(number!);
    await env.sim('/sim/idcard/remove');

    // The same person again: no second ticket, the first one reprinted.
    await page.getByRole('button', { name: '完成' }).tap();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="social-medical-insurance"]').tap();
    await page.locator('.card-reader-anim').waitFor();
    await env.sim('/sim/idcard/present?card=residentA');
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.already-text').waitFor();
    expect(await page.locator('.already-text').textContent()).toContain(number!);
    const before = (await printed()).length;
    await page.getByRole('button', { name: '重新打印原号' }).tap();
    await page.locator('.ticket-reprint').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe(number);
    const after = await printed();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.text).toContain(number!);
    await env.sim('/sim/idcard/remove');
    await context.close();
  });

  it('typed ID number: the check digit is verified; age from the number routes to the priority lane', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="housing-fund"]').tap();
    await page.getByRole('button', { name: '输入身份证号码' }).tap();
    await typeDigits(page, '110105194912310021');
    await page.getByRole('button', { name: '确定' }).tap();
    await page.getByText('身份证号码校验位不正确，请逐位核对').waitFor();
    await page.locator('.keypad [data-key="back"]').tap();
    await typeDigits(page, 'X');
    await page.screenshot({ path: artifactPath('kiosk-portrait-id-keypad.png') });
    await page.getByRole('button', { name: '确定' }).tap();
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.ticket-printed').waitFor();
    // Born 1949: past the category's priority age (70) on the hall's date.
    await page.getByText('已为您安排优先办理').waitFor();
    await context.close();
  });

  it('search by pinyin initials: "gszc" finds 公司注册 and draws in its category', async () => {
    const { page, context } = await env.open({ screen: 'kioskLandscape' });
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('.category-tile').first().waitFor();
    await page.screenshot({ path: artifactPath('kiosk-landscape-categories.png') });
    await page.getByRole('button', { name: '查找业务' }).tap();
    for (const c of 'gszc') await page.locator(`.keyboard [data-key="${c}"]`).tap();
    const hit = page.locator('.search-hit', { hasText: '有限责任公司设立登记' });
    await hit.waitFor();
    // The pinyin composer offers phrases for the same letters.
    await page.locator('.candidate', { hasText: '公司' }).first().waitFor();
    await page.screenshot({ path: artifactPath('kiosk-landscape-search.png') });
    await hit.tap();
    await page.locator('.confirm-category', { hasText: '商事登记' }).waitFor();
    await context.close();
  });

  it('办事指南: browse, open a guide, go draw a ticket for it', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="guides"]').tap();
    await page.locator('.guide-item').first().waitFor();
    expect(await page.locator('.guide-item').count()).toBeGreaterThan(20);
    // Phrase input: "fapiao" offers 发票; choosing it types the word and filters the list.
    await page.getByTestId('guide-search').tap();
    for (const c of 'fapiao') await page.locator(`.keyboard [data-key="${c}"]`).tap();
    await page.locator('.candidate', { hasText: /^发票$/ }).tap();
    await page.locator('.keyboard .key-done').tap();
    expect(await page.getByTestId('guide-search').textContent()).toBe('发票');
    await expect.poll(() => page.locator('.guide-item').count()).toBeLessThan(5);
    await page.getByTestId('guide-search').tap();
    for (let i = 0; i < 2; i++) await page.locator('.keyboard button[aria-label="删除"]').tap();
    await page.locator('.keyboard .key-done').tap();
    await page.locator('.chip', { hasText: '税务局' }).first().tap();
    await page.locator('.guide-item', { hasText: '发票领用' }).tap();
    await page.locator('.guide-body').getByText('申请材料').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-guide.png') });
    await page.getByRole('button', { name: '去取号' }).tap();
    await page.locator('.confirm-category', { hasText: '税务' }).waitFor();
    await context.close();
  });
});
