// A board cut off from the hall server for 30 seconds, while the server itself is stopped and
// started again on the same database, comes back in sync by itself: what happened while it was
// away shows from a fresh snapshot, and old calls are not announced again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, CLERK, type TestHall } from '@hall/server/testing';
import { artifactPath, desktopContext, launchBrowser, screens } from '../lib/browser.ts';
import { announcerLog, drawTicket } from './support.ts';
import { startRelay, type Relay } from './tcp-relay.ts';

const CUT_OFF_MS = 30_000;

let hall: TestHall;
let relay: Relay;
let browser: Browser;
let board: Page;
let windowScreen: Page;

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  relay = await startRelay();
  relay.up(Number(new URL(hall.url).port));
  browser = await launchBrowser();
  const origin = `http://127.0.0.1:${relay.port}`;
  board = await (await desktopContext(browser, screens.board)).newPage();
  board.setDefaultTimeout(10_000);
  await board.goto(`${origin}/board/?device=board-main`);
  await board.locator('.board').waitFor();
  windowScreen = await (await desktopContext(browser, { width: 1280, height: 400 })).newPage();
  windowScreen.setDefaultTimeout(10_000);
  await windowScreen.goto(`${origin}/board/window/3?device=board-a`);
  await windowScreen.locator('.window-screen').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await hall?.cleanup();
});

it('comes back in sync after 30 s without the server and a server restart', async () => {
  // Before: one call, seen and announced.
  const kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  const first = await drawTicket(kiosk, 'business-registration');
  const clerk = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
  await clerk.ok('window:signIn', { windowId: 'w03' });
  await clerk.ok('ticket:callNext', { windowId: 'w03' });
  await board.locator('.latest-number', { hasText: first.ticket.number }).waitFor();
  const announcedBefore = (await announcerLog(board)).length;

  // The server stops and the network is cut.
  const dir = hall.dir;
  await hall.stop();
  relay.down();
  await board.locator('.connection-banner').waitFor();
  await new Promise((r) => setTimeout(r, CUT_OFF_MS));
  expect(await board.locator('.latest-number').textContent()).toBe(first.ticket.number);

  // The server comes back on the same database (another port behind the relay); the hall
  // moves on before the board is reachable again: the board must learn it from a snapshot.
  hall = await startHall({ dir, alwaysOpen: true });
  const kiosk2 = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  const clerk2 = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
  const second = await drawTicket(kiosk2, 'business-registration');
  const third = await drawTicket(kiosk2, 'business-registration');
  await drawTicket(kiosk2, 'tax');
  const called = await clerk2.ok<{ ticket: { number: string } }>('ticket:callNext', { windowId: 'w03', closeCurrent: 'finish' });
  expect(called.ticket.number).toBe(second.ticket.number);
  await clerk2.ok('window:pause', { windowId: 'w03', reason: '系统维护' });
  relay.up(Number(new URL(hall.url).port));

  await board.locator('.latest-number', { hasText: second.ticket.number }).waitFor({ timeout: 20_000 });
  await board.locator('.connection-banner').waitFor({ state: 'detached' });
  await board.locator('.recent-number', { hasText: first.ticket.number }).waitFor();
  // Waiting counts from the new snapshot: the third ticket waits in 商事登记.
  await board.locator('.waiting-item', { hasText: '商事登记' }).locator('.waiting-count', { hasText: '1 人' }).waitFor();
  await windowScreen.locator('.window-reason', { hasText: '系统维护' }).waitFor({ timeout: 20_000 });
  // A call made while the board was away is shown, not announced late.
  expect((await announcerLog(board)).length).toBe(announcedBefore);
  await board.screenshot({ path: artifactPath('board-staff-board-after-resync.png') });

  // And it is live again: the next call is announced.
  await clerk2.ok('window:resume', { windowId: 'w03' });
  await clerk2.ok('ticket:callNext', { windowId: 'w03', closeCurrent: 'finish' });
  await board.locator('.latest-number', { hasText: third.ticket.number }).waitFor();
  await expect.poll(async () => (await announcerLog(board)).map((e) => e.ticketNumber)).toContain(third.ticket.number);
}, 120_000);
