// The admin console against a real hall: a validated change shows the server's message on
// its field; a saved change reaches a board and a kiosk live, without a reload; every page
// renders (screenshots).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, ADMIN, CLERK, type TestClient, type TestHall } from '@hall/server/testing';
import type { HallSnapshot } from '@hall/common/events';
import { artifactPath, desktopContext, launchBrowser } from '../lib/browser.ts';
import { login } from './support.ts';

let hall: TestHall;
let browser: Browser;
let admin: Page;
let board: Page;
let kiosk: TestClient;

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  browser = await launchBrowser();
  kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-2' });
  board = await (await desktopContext(browser, { width: 1080, height: 1920 })).newPage();
  board.setDefaultTimeout(5000);
  await board.goto(`${hall.url}/board/?device=board-portrait`);
  await board.locator('.board').waitFor();
  admin = await (await desktopContext(browser, { width: 1600, height: 1000 })).newPage();
  admin.setDefaultTimeout(5000);
  await admin.goto(`${hall.url}/staff/admin`);
  await login(admin, ADMIN);
  await admin.locator('.admin-nav').waitFor();
}, 60_000);

// A failed step leaves a picture of the console behind, to see what it showed.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await admin?.screenshot({ path: artifactPath(`board-staff-admin-FAILED-${ctx.task.name.slice(0, 20)}.png`), fullPage: true });
});

afterAll(async () => {
  await browser?.close();
  await hall?.cleanup();
});

async function openPage(name: string): Promise<void> {
  await admin.locator('.admin-nav a', { hasText: name }).click();
}

async function fill(path: string, value: string): Promise<void> {
  await admin.locator(`.edit-form [name="${path}"]`).fill(value);
}

describe('admin console', () => {
  it('a clerk account cannot open it', async () => {
    const page = await (await desktopContext(browser, { width: 1280, height: 800 })).newPage();
    await page.goto(`${hall.url}/staff/admin`);
    await login(page, CLERK(5));
    await page.getByText('管理控制台仅限管理员账号使用').waitFor({ timeout: 5000 });
    await page.context().close();
  });

  it('the live overview shows windows, queues and devices', async () => {
    const clerk = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
    await clerk.ok('window:signIn', { windowId: 'w01' });
    await clerk.ok('window:pause', { windowId: 'w01', reason: '会议' });
    await admin.locator('.overview-windows tr.status-paused', { hasText: '会议' }).waitFor();
    await kiosk.ok('help:request', { note: '不会操作' });
    await admin.locator('.help-panel li', { hasText: '不会操作' }).waitFor();
    await kiosk.ok('device:status', { faults: [{ device: 'printer', code: 'paper_end', message: '小票打印机缺纸' }] });
    await admin.locator('.device-trouble li', { hasText: '小票打印机缺纸' }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-overview.png'), fullPage: true });
    clerk.close();
  });

  it('a refused change shows the server’s Chinese message on its field', async () => {
    await openPage('业务分类');
    await admin.locator('.add-button').click();
    await fill('id', 'pension');
    await fill('prefix', 'A');
    await fill('name', '养老服务');
    await fill('group', '民政');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-error', { hasText: '前缀 A 已被“商事登记”使用' }).waitFor();
    await admin.locator('.form-row.has-error [name="prefix"]').waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-category-error.png'), fullPage: true });
  });

  it('a new category reaches the board and the kiosk without a reload', async () => {
    const before = kiosk.events.length;
    await fill('prefix', 'R');
    await fill('dailyQuota', '200');
    await fill('hours', '09:00-12:00 14:00-17:00');
    // Typed key by key, as an admin would: each new line must survive.
    await admin.locator('.edit-form [name="materials"]').pressSequentially('身份证\n户口簿');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-notice', { hasText: '已新增业务分类' }).waitFor();
    await admin.locator('.admin-table td', { hasText: '养老服务' }).waitFor();
    // The board (16 queue rows a page in portrait) lists it by itself.
    await board.locator('.waiting-item', { hasText: '养老服务' }).waitFor({ timeout: 5000 });
    // The kiosk hears config:changed and its snapshot has the category as saved.
    await kiosk.waitFor((e) => e.type === 'config:changed', 5000);
    expect(kiosk.events.length).toBeGreaterThan(before);
    const reply = await kiosk.command<HallSnapshot>('snapshot:get', {});
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      const category = reply.data.categories.find((c) => c.id === 'pension');
      expect(category).toMatchObject({ prefix: 'R', name: '养老服务', dailyQuota: 200, hours: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }], materials: ['身份证', '户口簿'] });
    }
  });

  it('a window gets the new category with a weight; a board is set to its zone and that queue, live', async () => {
    await openPage('窗口');
    await admin.locator('.admin-table tbody tr').filter({ has: admin.locator('td:first-child', { hasText: /^17$/ }) }).click();
    await admin.locator('.edit-form [name="categories:pension"]').check();
    await admin.locator('.edit-form [name="categories:pension:weight"]').fill('2');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-saved').waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-windows.png'), fullPage: true });

    await openPage('设备');
    await admin.locator('.admin-table tr', { hasText: 'board-portrait' }).click();
    await fill('board.zone', '北区');
    await admin.locator('.edit-form [name="board.categoryIds:pension"]').check();
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-saved').waitFor();
    // The board applies its own new settings live: zone in the title, only that queue.
    await board.locator('.board-zone', { hasText: '北区' }).waitFor();
    await expect(board.locator('.waiting-item').count()).resolves.toBe(1);
    await admin.locator('.form-actions button', { hasText: '生成配对码' }).click();
    await admin.locator('.form-notice', { hasText: /配对码 \d{6,8}/ }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-devices.png'), fullPage: true });
    await board.screenshot({ path: artifactPath('board-staff-board-portrait-zone.png') });
  });

  it('staff: create a clerk with a password, who can then log in', async () => {
    await openPage('工作人员');
    await admin.locator('.add-button').click();
    await fill('username', 'zhang.wei');
    await fill('displayName', '张伟');
    await fill('password', 'short');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-error', { hasText: '密码至少8位' }).waitFor();
    await fill('password', 'zhangwei-2026');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.admin-table td', { hasText: 'zhang.wei' }).waitFor({ timeout: 10_000 });
    const r = await hall.request('POST', '/api/auth/login', { username: 'zhang.wei', password: 'zhangwei-2026' });
    expect(r.status).toBe(200);
  });

  it('staff: a window assigned in the console reaches the clerk’s open picker without a reload', async () => {
    const desk = await (await desktopContext(browser, { width: 1280, height: 800 })).newPage();
    desk.setDefaultTimeout(5000);
    await desk.goto(`${hall.url}/staff/`);
    await login(desk, { username: 'zhang.wei', password: 'zhangwei-2026' });
    await desk.locator('.picker-grid .window-choice').first().waitFor();
    expect(await desk.locator('.assigned-window').count()).toBe(0);

    await openPage('工作人员');
    await admin.locator('.admin-table tbody tr', { hasText: 'zhang.wei' }).click();
    // The lock is offered only once a window is chosen.
    expect(await admin.locator('.edit-form [name="windowLocked"]').count()).toBe(0);
    await admin.locator('.edit-form [name="windowId"]').selectOption('w05');
    await admin.locator('.edit-form [name="windowLocked"]').check();
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.admin-table tbody tr', { hasText: 'zhang.wei' }).filter({ hasText: '5号（仅限）' }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-staff.png'), fullPage: true });

    await desk.locator('.assigned-window', { hasText: '5号窗口' }).waitFor();
    const six = desk.locator('.window-choice', { has: desk.locator('.choice-number', { hasText: /^6$/ }) });
    expect(await six.isDisabled()).toBe(true);
    await desk.locator('.assigned-sign-in').click();
    await desk.locator('.desk-bar h1', { hasText: '5号窗口' }).waitFor();
    await desk.locator('.desk-bar button', { hasText: '签出' }).click();
    await desk.locator('.assigned-window').waitFor();
    await desk.context().close();
    const audit = await hall.request<Array<{ action: string; target: string }>>('GET', '/api/admin/audit?limit=20', undefined, await hall.login(ADMIN));
    expect(audit.body.some((a) => a.action === 'staff.update' && a.target === 'zhang-wei')).toBe(true);
  });

  it('settings, holidays, notices, service items and the audit log render and save', async () => {
    await openPage('大厅设置');
    await admin.locator('.edit-form [name="weekdayHours"]').waitFor();
    await fill('weekdayHours', '上午');
    await admin.locator('.field-error', { hasText: '无法识别' }).waitFor();
    expect(await admin.locator('.edit-form button[type=submit]').isDisabled()).toBe(true);
    await fill('weekdayHours', '08:30-12:00 13:30-17:30');
    await fill('hotline', '0571-12345');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.form-saved').waitFor();
    await board.locator('.board-hours', { hasText: '08:30-12:00' }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-settings.png'), fullPage: true });

    await openPage('节假日');
    await admin.locator('.add-button').click();
    await fill('date', '2026-12-30');
    await fill('name', '大厅设备检修');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.admin-table td', { hasText: '大厅设备检修' }).waitFor();

    await openPage('公告');
    await admin.locator('.add-button').click();
    await fill('id', 'winter-hours');
    await fill('text', '冬季作息：下午13:30开始办公');
    await admin.locator('.edit-form button[type=submit]').click();
    await admin.locator('.admin-table td', { hasText: '冬季作息' }).waitFor();
    await board.locator('.notice-track', { hasText: '冬季作息' }).waitFor();

    await openPage('办事事项');
    await admin.locator('.search').fill('食品');
    await admin.locator('.admin-table tbody tr').first().click();
    await admin.locator('.edit-form [name="guide.procedure"]').waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-service-items.png'), fullPage: true });

    await openPage('操作日志');
    await admin.locator('.admin-table td', { hasText: 'categories.create' }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-audit.png'), fullPage: true });
  });

  it('申请表: a new version of a form definition is uploaded and served at once; a broken one is refused by name', async () => {
    const path = fileURLToPath(new URL('../../../fixtures/forms/outdoor-signage.v1.json', import.meta.url));
    const definition = JSON.parse(readFileSync(path, 'utf8')) as { version: number; title: string; updated: string };
    await openPage('申请表');
    const row = admin.locator('tr[data-form="outdoor-signage"]');
    await row.locator('[data-origin]', { hasText: '随系统提供' }).waitFor();
    const input = admin.locator('.forms-page input[type=file]');

    // Not JSON at all, then JSON that is no definition: each refused with a message, nothing changes.
    await input.setInputFiles({ name: 'signage.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await admin.locator('[data-upload-result].form-error', { hasText: '不是有效的 JSON' }).waitFor();
    await input.setInputFiles({ name: 'signage.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...definition, version: 2, layout: { pages: [] } })) });
    await admin.locator('[data-upload-result].form-error', { hasText: 'layout' }).waitFor();
    expect(await row.locator('[data-version]').textContent()).toBe('第1版');

    const next = { ...definition, version: 2, title: '户外招牌设置申请表（2027版）', updated: '2026-12-01' };
    await input.setInputFiles({ name: 'outdoor-signage.v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
    await admin.locator('[data-upload-result].form-saved', { hasText: '第2版' }).waitFor();
    await row.locator('[data-version]', { hasText: '第2版' }).waitFor();
    await row.locator('[data-origin]', { hasText: '管理员上传' }).waitFor();
    await admin.screenshot({ path: artifactPath('board-staff-admin-forms.png'), fullPage: true });
    // Kiosks get the new version from the public route.
    const served = (await hall.request<{ version: number; title: string }>('GET', '/api/forms/outdoor-signage')).body;
    expect(served).toMatchObject({ version: 2, title: '户外招牌设置申请表（2027版）' });
  });
});
