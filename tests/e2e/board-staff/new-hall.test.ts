// An admin sets up a new hall in the console, starting from a database that holds only the
// installer's minimum (hall settings, one placeholder category and window, one admin
// account; no devices, no clerks): categories, a window, a clerk, a board paired with a code
// from the console, a kiosk. Then a clerk works the new window and the new board announces.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, type TestHall } from '@hall/server/testing';
import type { HallSeed } from '@hall/common/seed';
import { artifactPath, desktopContext, launchBrowser, screens } from '../lib/browser.ts';
import { drawTicket, expectedPhrase, login, waitForAnnouncement } from './support.ts';

const seed: HallSeed = {
  settings: {
    name: '新建政务服务中心',
    timeZone: 'Asia/Shanghai',
    weekdayHours: [{ start: '09:00', end: '17:00' }],
    weekendHours: [],
    publicBaseUrl: 'https://hall.example.gov.cn',
    recallLimit: 3,
    priorityStreak: 3,
    reactivatePosition: 'back',
    reactivateDelayMinutes: 5,
    appointmentLateMinutes: 15,
    personalDataRetentionDays: 30,
    hotline: '',
  },
  categories: [
    {
      id: 'placeholder',
      prefix: 'Z',
      name: '待配置',
      group: '待配置',
      department: '',
      description: '',
      numberWidth: 3,
      dailyQuota: null,
      onePerPerson: true,
      identityRequired: false,
      priorityEnabled: true,
      priorityAge: null,
      hours: null,
      weekendService: false,
      defaultServiceMinutes: 10,
      alternatives: { appointment: false, categoryIds: [] },
      materials: [],
      enabled: false,
      sortOrder: 0,
    },
  ],
  windows: [{ id: 'placeholder', number: 999, name: '待配置', zone: '', categories: [], enabled: false }],
  calendar: [],
  notices: [],
  serviceItems: [],
  staff: [{ id: 'admin', username: 'admin', displayName: '管理员', role: 'admin', enabled: true, windowId: null, windowLocked: false, password: 'admin-new-hall-2026' }],
  devices: [],
};

let hall: TestHall;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  hall = await startHall({ seed, demo: false, alwaysOpen: true });
  browser = await launchBrowser();
  admin = await (await desktopContext(browser, { width: 1600, height: 1000 })).newPage();
  admin.setDefaultTimeout(10_000);
}, 60_000);

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

it('an admin sets up the hall in the console; a clerk then works it and the board announces', async () => {
  await admin.goto(`${hall.url}/staff/admin#settings`);
  await login(admin, { username: 'admin', password: 'admin-new-hall-2026' });
  await fill('name', '示范新区政务服务中心');
  await fill('weekdayHours', '08:30-12:00 13:30-17:30');
  await fill('hotline', '12345');
  await save();
  await admin.locator('.form-saved').waitFor();

  await openPage('业务分类');
  await admin.locator('.add-button').click();
  await fill('id', 'tax');
  await fill('prefix', 'A');
  await fill('name', '税务');
  await fill('group', '税务');
  await save();
  await admin.locator('.admin-table td', { hasText: '税务' }).first().waitFor();

  await openPage('窗口');
  await admin.locator('.add-button').click();
  await fill('id', 'w1');
  await fill('number', '12');
  await fill('name', '税务综合窗口');
  await admin.locator('.edit-form [name="categories:tax"]').check();
  await save();
  await admin.locator('.admin-table td', { hasText: '税务综合窗口' }).waitFor();

  await openPage('工作人员');
  await admin.locator('.add-button').click();
  await fill('username', 'li.na');
  await fill('displayName', '李娜');
  await fill('password', 'lina-2026-pass');
  await save();
  await admin.locator('.admin-table td', { hasText: 'li.na' }).waitFor();

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

  // The kiosk pairs the same way (its app is another engineer's; its socket stands in).
  const kioskCode = await deviceWithCode('kiosk-1', '1号自助机', 'kiosk');
  const paired = await hall.request<{ token: string }>('POST', '/api/devices/pair', { code: kioskCode });
  expect(paired.status).toBe(200);
  const kiosk = await hall.connect('/kiosk', { token: paired.body.token });
  const { ticket } = await drawTicket(kiosk, 'tax');
  expect(ticket.number).toBe('A001');
  await admin.screenshot({ path: artifactPath('board-staff-new-hall-admin.png'), fullPage: true });

  // The new clerk works the new window.
  const desk = await (await desktopContext(browser, screens.desk)).newPage();
  desk.setDefaultTimeout(10_000);
  await desk.goto(`${hall.url}/staff/`);
  await login(desk, { username: 'li.na', password: 'lina-2026-pass' });
  await desk.locator('.window-choice', { hasText: '12' }).click();
  await desk.locator('.queue-table td', { hasText: '税务' }).waitFor();
  await desk.keyboard.press('F1');
  await board.locator('.latest-number', { hasText: 'A001' }).waitFor({ timeout: 3000 });
  await expect(board.locator('.latest-window').textContent()).resolves.toBe('12');
  const entry = await waitForAnnouncement(board, (e) => e.ticketNumber === 'A001');
  const phrase = expectedPhrase('A001', ['shi', 'digit-2']);
  expect(entry.clips).toEqual(['chime', ...phrase, 'gap', ...phrase]);
  await board.screenshot({ path: artifactPath('board-staff-new-hall-board.png') });
}, 90_000);
