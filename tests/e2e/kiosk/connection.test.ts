// The kiosk on a bad day: the hall server unreachable and back, the device agent missing, and
// a citizen who walks away halfway (the idle reset clears what they typed).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

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

describe('connections', () => {
  it('hall server down: a banner, 确认取号 disabled with the reason; back: resynced and drawing works', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="tax"]').tap();
    const confirm = page.getByRole('button', { name: '确认取号' }).last();
    await confirm.waitFor();
    expect(await confirm.isEnabled()).toBe(true);

    await env.relay.down();
    await page.getByText('与服务器的连接已断开，正在重新连接…').waitFor();
    await page.getByText('与服务器断开，暂时无法取号').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('kiosk-portrait-server-down.png') });

    // Tickets drawn elsewhere meanwhile show up after the resync.
    const other = await env.hall.connect('/kiosk', { deviceId: 'kiosk-2' });
    await other.ok('ticket:issue', { idempotencyKey: 'while-down-0001', categoryId: 'tax' });
    await other.ok('ticket:issue', { idempotencyKey: 'while-down-0002', categoryId: 'tax' });

    await env.relay.up();
    await page.locator('.connection-banner').first().waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: '返回' }).first().tap();
    await page.locator('[data-category="tax"]').getByText('等候 2 人').waitFor();
    await page.locator('[data-category="tax"]').tap();
    await confirm.tap();
    await page.locator('.ticket-printed').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('D003');
    await context.close();
  });

  it('no device agent: a banner, typing instead of the card; setup mode points the kiosk at the agent', async () => {
    const { page, context } = await env.open({ settings: { agentUrl: 'http://127.0.0.1:9' } });
    await page.getByTestId('agent-banner').waitFor();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="social-medical-insurance"]').tap();
    await page.getByText('读卡器暂不可用，请输入身份证号码').waitFor();
    await page.getByRole('button', { name: '返回' }).first().tap();
    await page.locator('[data-category="tax"]').tap();
    await page.getByText('打印机暂不可用').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-agent-down.png') });
    await page.getByRole('button', { name: '返回' }).first().tap();
    await page.getByRole('button', { name: '首页' }).tap();

    // Setup mode: the agent's address.
    for (let i = 0; i < 5; i++) await page.getByTestId('setup-corner').tap();
    for (const c of '246810') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.locator('.setup-tabs .chip', { hasText: '设备' }).tap();
    await page.getByTestId('agent-url').tap();
    for (let i = 0; i < 20; i++) await page.locator('.keyboard button[aria-label="删除"]').tap();
    const port = String(new URL(env.agentUrl).port);
    for (const c of `127.0.0.1:${port}`) await page.locator(`.keyboard [data-key="${c}"]`).tap();
    await page.locator('.keyboard .key-done').tap();
    await page.getByTestId('agent-status').getByText('已连接').waitFor();
    await page.locator('[data-device="ticketPrinter"]').waitFor();
    await page.getByRole('button', { name: '退出设置' }).tap();
    await page.getByTestId('agent-banner').waitFor({ state: 'detached' });
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('hall.kiosk.settings') ?? '{}') as { agentUrl?: string });
    expect(stored.agentUrl).toBe(env.agentUrl);
    await context.close();
  });
});

describe('idle', () => {
  it('a countdown, then every typed character and display choice is gone and home is back', { timeout: 60_000 }, async () => {
    const { page, context } = await env.open({ settings: { idleSeconds: 15, countdownSeconds: 3 } });
    await page.getByRole('button', { name: '长辈模式' }).tap();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="housing-fund"]').tap();
    await page.getByRole('button', { name: '输入身份证号码' }).tap();
    for (const c of '1101051949') await page.locator(`.keypad [data-key="${c}"]`).tap();
    expect(await page.getByTestId('id-number').textContent()).toBe('1101051949');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);

    await page.getByTestId('idle-countdown').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('kiosk-portrait-idle-countdown.png') });
    await page.locator('[data-tile="ticketing"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('body').textContent()).not.toContain('1101051949');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);

    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="housing-fund"]').tap();
    await page.getByRole('button', { name: '输入身份证号码' }).tap();
    expect((await page.getByTestId('id-number').textContent())?.trim()).toBe('');
    await context.close();
  });
});

describe('attract screen', () => {
  it('after a quiet spell at home; the first touch only wakes the kiosk', { timeout: 60_000 }, async () => {
    const { page, context } = await env.open({ settings: { attractSeconds: 30 } });
    await page.locator('[data-tile="ticketing"]').waitFor();
    await page.getByTestId('attract').waitFor({ timeout: 40_000 });
    await page.screenshot({ path: artifactPath('kiosk-portrait-attract.png') });
    await page.getByTestId('attract').tap();
    await page.getByTestId('attract').waitFor({ state: 'detached' });
    // The wake-up touch opened nothing: still at home.
    await page.locator('[data-tile="ticketing"]').waitFor();
    expect(await page.locator('.category-screen').count()).toBe(0);
    await context.close();
  });
});
