// 设置模式 end to end: the hidden gesture and the PIN (with lockout), device tests against the
// simulated devices, tiles, a new PIN, pairing a kiosk from nothing, leaving when idle.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
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

async function enterPin(page: Page, pin: string): Promise<void> {
  for (let i = 0; i < 5; i++) await page.getByTestId('setup-corner').tap();
  await page.getByText('请输入管理密码').waitFor();
  for (const c of pin) await page.locator(`.keypad [data-key="${c}"]`).tap();
  await page.getByRole('button', { name: '确定' }).tap();
}

describe('setup mode', () => {
  it('three wrong PINs lock it; then even the right PIN is refused', async () => {
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').waitFor();
    await enterPin(page, '111111');
    await page.getByText('密码错误，还可尝试 2 次').waitFor();
    for (const left of [1]) {
      for (const c of '222222') await page.locator(`.keypad [data-key="${c}"]`).tap();
      await page.getByRole('button', { name: '确定' }).tap();
      await page.getByText(`密码错误，还可尝试 ${left} 次`).waitFor();
    }
    for (const c of '333333') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.getByText('密码错误次数过多，请 5 分钟后再试').waitFor();
    for (const c of '246810') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.getByText('密码错误次数过多').waitFor();
    expect(await page.locator('.setup-screen').count()).toBe(0);
    await context.close();
  });

  it('the right PIN opens it: device tests with results, tiles, a new PIN', async () => {
    const { page, context } = await env.open({ screen: 'kioskLandscape' });
    await page.locator('[data-tile="guides"]').waitFor();
    await enterPin(page, '246810');
    await page.locator('.setup-screen').waitFor();
    await page.getByTestId('paired-name').getByText('已配对').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-landscape-setup-server.png') });

    await page.locator('.setup-tabs .chip', { hasText: '设备' }).tap();
    await page.locator('[data-device="ticketPrinter"] .state-ready').waitFor();
    const before = ((await env.sim('/sim/printer/tickets', 'GET')) as unknown[]).length;
    await page.getByRole('button', { name: '打印测试票' }).tap();
    await page.getByTestId('test-result').getByText(/测试票已打印/).waitFor();
    const tickets = (await env.sim('/sim/printer/tickets', 'GET')) as Array<{ text: string }>;
    expect(tickets).toHaveLength(before + 1);
    expect(tickets.at(-1)!.text).toContain('T000');

    await page.getByRole('button', { name: '测试读卡' }).tap();
    await page.getByTestId('test-result').getByText('请在读卡器上放置身份证…').waitFor();
    await env.sim('/sim/idcard/present?card=residentB');
    await page.getByTestId('test-result').getByText('读卡成功：1101**********0026').waitFor();
    await env.sim('/sim/idcard/remove');

    await page.getByRole('button', { name: '测试扫码' }).tap();
    await env.sim('/sim/scanner/scan?text=hall-test-42');
    await page.getByTestId('test-result').getByText('扫码成功：hall-test-42').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-landscape-setup-devices.png') });

    await page.locator('.setup-tabs .chip', { hasText: '本机' }).tap();
    // Name it with the pinyin keyboard: "dating" → 大厅.
    await page.getByTestId('kiosk-name').tap();
    for (const c of 'dating') await page.locator(`.keyboard [data-key="${c}"]`).tap();
    await page.locator('.candidate', { hasText: /^大厅$/ }).tap();
    await page.locator('.keyboard .key-done').tap();
    expect(await page.getByTestId('kiosk-name').textContent()).toBe('大厅');
    await page.locator('.chip[data-tile="guides"]').tap();
    await page.getByTestId('step-idleSeconds').getByRole('button', { name: '+' }).tap();
    await page.getByTestId('step-idleSeconds').getByText('75').waitFor();

    await page.locator('.setup-tabs .chip', { hasText: '管理密码' }).tap();
    for (const c of '135790') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '修改密码' }).tap();
    await page.getByText('密码已修改').waitFor();

    await page.getByRole('button', { name: '退出设置' }).tap();
    await page.locator('[data-tile="ticketing"]').waitFor();
    expect(await page.locator('[data-tile="guides"]').count()).toBe(0);
    // The other default tile stays.
    expect(await page.locator('[data-tile="forms"]').count()).toBe(1);

    await enterPin(page, '246810');
    await page.getByText('密码错误，还可尝试 2 次').waitFor();
    for (const c of '135790') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.locator('.setup-screen').waitFor();
    await context.close();
  });

  it('leaves by itself when idle', { timeout: 60_000 }, async () => {
    const { page, context } = await env.open({ settings: { idleSeconds: 15, countdownSeconds: 3 } });
    await enterPin(page, '246810');
    await page.locator('.setup-screen').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-setup.png') });
    await page.getByTestId('idle-countdown').waitFor({ timeout: 20_000 });
    await page.locator('[data-tile="ticketing"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('.setup-screen').count()).toBe(0);
    await context.close();
  });
});

describe('pairing a kiosk from nothing', () => {
  // A hall without the demo's automatic pairing of kiosks on localhost.
  let bare: KioskEnv;
  beforeAll(async () => {
    bare = await startKioskEnv({ demo: false });
  }, 60_000);
  afterAll(async () => {
    await bare?.close();
  });

  it('an unpaired kiosk asks for a code; with one from the admin console it is paired and stays so', async () => {
    const admin = await bare.hall.login();
    expect((await bare.hall.request('POST', '/api/admin/devices', { id: 'kiosk-9', kind: 'kiosk', name: '9号自助机' }, admin)).status).toBe(201);
    const { body } = await bare.hall.request<{ code: string }>('POST', '/api/admin/devices/kiosk-9/pairing-code', {}, admin);

    const { page, context } = await bare.open({ query: '' });
    await page.getByText('本机尚未与大厅服务器配对').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-pairing.png') });
    for (const c of body.code) await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '配对' }).tap();
    await page.locator('[data-tile="ticketing"]').waitFor();

    await page.reload();
    await page.locator('[data-tile="ticketing"]').waitFor();
    await enterPin(page, '246810');
    await page.getByTestId('paired-name').getByText('已配对：9号自助机').waitFor();
    await context.close();
  });

  it('or from setup mode, with the code on the server tab', async () => {
    const admin = await bare.hall.login();
    expect((await bare.hall.request('POST', '/api/admin/devices', { id: 'kiosk-10', kind: 'kiosk', name: '10号自助机' }, admin)).status).toBe(201);
    const { body } = await bare.hall.request<{ code: string }>('POST', '/api/admin/devices/kiosk-10/pairing-code', {}, admin);
    const { page, context } = await bare.open({ query: '' });
    await page.getByText('本机尚未与大厅服务器配对').waitFor();
    await enterPin(page, '246810');
    await page.getByTestId('paired-name').getByText('未配对').waitFor();
    for (const c of body.code) await page.locator(`.setup-section .keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '配对', exact: true }).tap();
    await page.getByText('配对成功，正在重新连接').waitFor();
    await page.getByTestId('paired-name').getByText('已配对：10号自助机').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '退出设置' }).tap();
    await page.locator('[data-tile="ticketing"]').waitFor();
    await context.close();
  });
});
