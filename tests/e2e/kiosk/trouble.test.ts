// When drawing cannot go the simple way: quota gone, category closed (with the hall's
// alternatives), the printer out of paper (the ticket still issued once, shown with its QR,
// the fault reported to staff), and the help button.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemoHall } from '@hall/fixtures';
import type { CategoryWithStats } from '@hall/common/api';
import type { HallSnapshot } from '@hall/common/events';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

// A browser on a loaded two-core CI machine is slow; each step still fails on its own
// (15 s action timeout) long before this.
vi.setConfig({ testTimeout: 60_000 });

let env: KioskEnv;
let admin: string;

beforeAll(async () => {
  const seed = loadDemoHall();
  for (const c of seed.categories) {
    if (c.id === 'employment') c.dailyQuota = 1;
    // Wednesday 10:00 on the test clock: this one opens at 14:00.
    if (c.id === 'real-estate-registration') c.hours = [{ start: '14:00', end: '16:30' }];
  }
  env = await startKioskEnv({ seed, alwaysOpen: false });
  admin = await env.hall.login();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

async function issuedToday(categoryId: string): Promise<number> {
  const { body } = await env.hall.request<CategoryWithStats[]>('GET', '/api/categories');
  return body.find((c) => c.category.id === categoryId)!.stats.issuedToday;
}

describe('when a ticket cannot simply be drawn', () => {
  it('quota exhausted: the grid says so, and the tile offers the configured alternative', async () => {
    const other = await env.hall.connect('/kiosk', { deviceId: 'kiosk-2' });
    await other.ok('ticket:issue', { idempotencyKey: 'quota-test-0001', categoryId: 'employment' });
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    const tile = page.locator('[data-category="employment"]');
    await tile.getByText('今日号源已取完').waitFor();
    await tile.tap();
    await page.locator('.unavailable-why', { hasText: '今日号源已取完' }).waitFor();
    await page.getByText('明天 09:00 开始取号').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-portrait-quota.png') });
    await page.getByRole('button', { name: '改取「综合咨询」号' }).tap();
    await page.locator('.confirm-category', { hasText: '综合咨询' }).waitFor();
    await context.close();
  });

  it('category closed: why, when it opens, an appointment and another category instead', async () => {
    const { page, context } = await env.open({ screen: 'kioskLandscape' });
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="real-estate-registration"]').tap();
    await page.locator('.unavailable-why', { hasText: '当前不在取号时间' }).waitFor();
    await page.getByText('今天 14:00 开始取号').waitFor();
    await page.locator('.alternative-appointment').waitFor();
    await page.getByRole('button', { name: '改取「综合咨询」号' }).waitFor();
    await page.screenshot({ path: artifactPath('kiosk-landscape-closed.png') });
    await context.close();
  });

  it('printer out of paper: issued once, shown with its QR, the fault reaches the server, help can be called', async () => {
    await env.sim('/sim/printer/paper?level=end');
    const before = await issuedToday('tax');
    const { page, context } = await env.open();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="tax"]').tap();
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.print-failed-box').waitFor();
    await page.getByText('打印机缺纸').first().waitFor();
    await page.getByText('请用手机拍下本页的号码和二维码').waitFor();
    await page.locator('.qr img').waitFor();
    const number = await page.getByTestId('ticket-number').textContent();
    expect(number).toMatch(/^D\d{3}$/);
    await page.screenshot({ path: artifactPath('kiosk-portrait-print-failed.png') });
    expect(await issuedToday('tax')).toBe(before + 1);

    // Staff see the printer fault on the kiosk's device health.
    await expect
      .poll(async () => {
        const { body } = await env.hall.request<Array<{ deviceId: string; faults: Array<{ code: string }> }>>('GET', '/api/admin/device-health', undefined, admin);
        return body.find((d) => d.deviceId === 'kiosk-1')?.faults.map((f) => f.code) ?? [];
      }, { timeout: 8000 })
      .toContain('PAPER_END');

    // 请工作人员帮助 from the ticket screen carries the ticket.
    const staff = await env.hall.connect('/admin', { token: admin });
    await page.locator('.help-inline').tap();
    const event = await staff.waitFor((e) => e.type === 'help:requested');
    const snapshot = (await staff.ok('snapshot:get')) as HallSnapshot;
    const request = snapshot.helpRequests.find((r) => r.deviceId === 'kiosk-1');
    expect(event.type).toBe('help:requested');
    expect(request?.ticketId).toBeTruthy();
    await page.locator('.help-inline', { hasText: '已通知工作人员' }).waitFor();

    // Paper back: the next ticket prints and the fault clears.
    await env.sim('/sim/printer/paper?level=ok');
    await page.getByRole('button', { name: '完成' }).tap();
    await page.locator('[data-tile="ticketing"]').tap();
    await page.locator('[data-category="tax"]').tap();
    await page.getByRole('button', { name: '确认取号' }).last().tap();
    await page.locator('.ticket-printed').waitFor();
    await expect
      .poll(async () => {
        const { body } = await env.hall.request<Array<{ deviceId: string; faults: unknown[] }>>('GET', '/api/admin/device-health', undefined, admin);
        return body.find((d) => d.deviceId === 'kiosk-1')?.faults.length;
      }, { timeout: 8000 })
      .toBe(0);

    // Setup mode keeps the fault among its recent errors after it cleared.
    await page.getByRole('button', { name: '完成' }).tap();
    for (let i = 0; i < 5; i++) await page.getByTestId('setup-corner').tap();
    for (const c of '246810') await page.locator(`.keypad [data-key="${c}"]`).tap();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.locator('.setup-tabs .chip', { hasText: '设备' }).tap();
    await page.getByTestId('recent-errors').getByText('小票打印机：打印机缺纸').first().waitFor();
    await context.close();
  });
});
