// An admin sets up a new hall in the console from a truly empty database: the server starts
// with nothing but the first admin account (the installer's HALL_INITIAL_ADMIN_PASSWORD). In
// the console: hall settings and hours, categories, windows, a clerk assigned to a window, a
// board and a kiosk paired with codes shown there. Then the kiosk draws a ticket, the clerk
// logs in and lands at the assigned window without choosing, calls it, and the board shows
// and announces it.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, type TestHall } from '@hall/server/testing';
import type { Staff } from '@hall/common/domain';
import { artifactPath, desktopContext, launchBrowser, screens } from '../lib/browser.ts';
import { drawTicket, expectedPhrase, login, waitForAnnouncement } from './support.ts';

const FIRST_ADMIN = { username: 'admin', password: 'first-admin-2026' };

let hall: TestHall;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  hall = await startHall({ initialAdminPassword: FIRST_ADMIN.password, demo: false, alwaysOpen: true });
  browser = await launchBrowser();
  admin = await (await desktopContext(browser, { width: 1600, height: 1000 })).newPage();
  admin.setDefaultTimeout(10_000);
}, 60_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await admin?.screenshot({ path: artifactPath('board-staff-new-hall-FAILED.png'), fullPage: true });
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
async function save(): Promise<void> {
  await admin.locator('.edit-form button[type=submit]').click();
}
async function addCategory(id: string, prefix: string, name: string): Promise<void> {
  await openPage('业务分类');
  await admin.locator('.add-button').click();
  await fill('id', id);
  await fill('prefix', prefix);
  await fill('name', name);
  await fill('group', name);
  await save();
  await admin.locator('.admin-table td', { hasText: name }).first().waitFor();
}
async function addWindow(id: string, number: number, name: string, categoryId: string): Promise<void> {
  await openPage('窗口');
  await admin.locator('.add-button').click();
  await fill('id', id);
  await fill('number', String(number));
  await fill('name', name);
  await admin.locator(`.edit-form [name="categories:${categoryId}"]`).check();
  await save();
  await admin.locator('.admin-table td', { hasText: name }).waitFor();
}
/** Creates a device in the console and returns the pairing code the console shows. */
async function deviceWithCode(id: string, name: string, kind: 'board' | 'kiosk'): Promise<string> {
  await openPage('设备');
  await admin.locator('.add-button').click();
  await fill('id', id);
  await fill('name', name);
  await admin.locator('.edit-form [name="kind"]').selectOption(kind);
  await save();
  await admin.locator('.admin-table tbody tr', { hasText: id }).click();
  await admin.locator('.form-actions button', { hasText: '生成配对码' }).click();
  const notice = await admin.locator('.form-notice', { hasText: '配对码' }).textContent();
  return /配对码 (\d{6,8})/.exec(notice ?? '')![1]!;
}

it('an admin sets up a hall from an empty database in the console; the assigned clerk works it and the board announces', async () => {
  // Truly empty: nothing but the first admin account.
  expect((await hall.request<unknown[]>('GET', '/api/categories')).body).toEqual([]);
  const token = await hall.login(FIRST_ADMIN);
  expect((await hall.request<Staff[]>('GET', '/api/admin/staff', undefined, token)).body.map((s) => s.username)).toEqual(['admin']);
  expect((await hall.request<unknown[]>('GET', '/api/admin/windows', undefined, token)).body).toEqual([]);
  expect((await hall.request<unknown[]>('GET', '/api/admin/devices', undefined, token)).body).toEqual([]);

  await admin.goto(`${hall.url}/staff/admin#settings`);
  await login(admin, FIRST_ADMIN);
  await fill('name', '示范新区政务服务中心');
  await fill('weekdayHours', '08:30-12:00 13:30-17:30');
  await fill('weekendHours', '09:00-12:00');
  await fill('hotline', '12345');
  await save();
  await admin.locator('.form-saved').waitFor();

  await addCategory('social', 'B', '社保');
  await addCategory('tax', 'A', '税务');
  // Two windows, so that landing at the assigned one is not landing at the first one.
  await addWindow('w11', 11, '社保窗口', 'social');
  await addWindow('w12', 12, '税务综合窗口', 'tax');

  // The clerk, assigned to window 12 and only that one.
  await openPage('工作人员');
  await admin.locator('.add-button').click();
  await fill('username', 'li.na');
  await fill('displayName', '李娜');
  await fill('password', 'lina-2026-pass');
  await admin.locator('.edit-form [name="windowId"]').selectOption('w12');
  await admin.locator('.edit-form [name="windowLocked"]').check();
  await save();
  const row = admin.locator('.admin-table tbody tr', { hasText: 'li.na' });
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('12号（仅限）');
  await row.click();
  await expect(admin.locator('.edit-form [name="windowId"]').inputValue()).resolves.toBe('w12');
  await admin.screenshot({ path: artifactPath('board-staff-new-hall-staff.png'), fullPage: true });
  const account = (await hall.request<Staff[]>('GET', '/api/admin/staff', undefined, token)).body.find((s) => s.username === 'li.na');
  expect(account).toMatchObject({ displayName: '李娜', role: 'clerk', windowId: 'w12', windowLocked: true });

  // The board: registered in the console, paired on the TV with the code shown there.
  const boardCode = await deviceWithCode('hall-board', '大厅叫号屏', 'board');
  const board = await (await desktopContext(browser, screens.board)).newPage();
  board.setDefaultTimeout(10_000);
  await board.goto(`${hall.url}/board/`);
  await board.locator('.pairing-input').fill(boardCode);
  await board.locator('.pairing button[type=submit]').click();
  await board.locator('.hall-name', { hasText: '示范新区政务服务中心' }).waitFor();
  await board.locator('.board-hours', { hasText: '08:30-12:00 13:30-17:30' }).waitFor();
  await board.locator('.waiting-item', { hasText: '税务' }).waitFor();

  // The kiosk pairs the same way and draws through the kiosk API (its app is another
  // engineer's; its socket stands in).
  const kioskCode = await deviceWithCode('kiosk-1', '1号自助机', 'kiosk');
  const paired = await hall.request<{ token: string }>('POST', '/api/devices/pair', { code: kioskCode });
  expect(paired.status).toBe(200);
  const kiosk = await hall.connect('/kiosk', { token: paired.body.token });
  const { ticket } = await drawTicket(kiosk, 'tax');
  expect(ticket.number).toBe('A001');
  await admin.screenshot({ path: artifactPath('board-staff-new-hall-admin.png'), fullPage: true });

  // The clerk logs in and is at window 12 straight away: no window to choose.
  const desk = await (await desktopContext(browser, screens.desk)).newPage();
  desk.setDefaultTimeout(10_000);
  await desk.goto(`${hall.url}/staff/`);
  await login(desk, { username: 'li.na', password: 'lina-2026-pass' });
  await desk.locator('.desk-bar h1', { hasText: '12号窗口' }).waitFor();
  expect(hall.server.hall.windowState('w12')?.clerkId).toBe(account!.id);
  await desk.locator('.queue-table td', { hasText: '税务' }).waitFor();
  await desk.keyboard.press('F1');
  await desk.locator('.current-number', { hasText: 'A001' }).waitFor();
  await board.locator('.latest-number', { hasText: 'A001' }).waitFor({ timeout: 3000 });
  await expect(board.locator('.latest-window').textContent()).resolves.toBe('12');
  const entry = await waitForAnnouncement(board, (e) => e.ticketNumber === 'A001');
  const phrase = expectedPhrase('A001', ['shi', 'digit-2']);
  expect(entry.clips).toEqual(['chime', ...phrase, 'gap', ...phrase]);
  await board.screenshot({ path: artifactPath('board-staff-new-hall-board.png') });
  await desk.screenshot({ path: artifactPath('board-staff-new-hall-desk.png') });

  // Signed out, the picker offers the assigned window first; the account is locked to it, so
  // window 11 cannot be chosen.
  await desk.keyboard.press('F3');
  await desk.locator('.current-ticket.empty').waitFor();
  await desk.locator('.desk-bar button', { hasText: '签出' }).click();
  await desk.locator('.assigned-window', { hasText: '12号窗口' }).waitFor();
  const other = desk.locator('.window-choice', { has: desk.locator('.choice-number', { hasText: /^11$/ }) });
  expect(await other.isDisabled()).toBe(true);
  await expect(other.locator('.choice-state').textContent()).resolves.toContain('非指定窗口');
  await desk.locator('.window-choice.assigned .choice-tag', { hasText: '指定窗口' }).waitFor();
  await desk.screenshot({ path: artifactPath('board-staff-new-hall-picker.png') });
  await desk.locator('.assigned-sign-in').click();
  await desk.locator('.desk-bar h1', { hasText: '12号窗口' }).waitFor();
}, 120_000);
