// Shared steps of the board and staff browser tests: a hall server with the built apps, a
// browser, a kiosk that draws tickets over its socket, and pages logged in as a clerk or admin.
import type { Browser, Page } from 'playwright-core';
import type { TestClient, TestHall } from '@hall/server/testing';
import type { IssuedTicket } from '@hall/common/api';

let keys = 0;

/** Draws a ticket at the demo kiosk, as a citizen would. */
export async function drawTicket(kiosk: TestClient, categoryId: string): Promise<IssuedTicket> {
  keys++;
  return kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: `e2e-${process.pid}-${Date.now()}-${keys}`, categoryId });
}

/** Opens the clerk desk, logs in and signs in at the window with that number. */
export async function openDesk(browser: Browser, hall: TestHall, user: { username: string; password: string }, windowNumber: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${hall.url}/staff/`);
  await login(page, user);
  await page.locator('.window-choice', { has: page.locator('.choice-number', { hasText: new RegExp(`^${windowNumber}$`) }) }).click();
  await page.locator('.desk .desk-bar').waitFor();
  return page;
}

export async function login(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
}

export interface AnnouncerEntry {
  ticketNumber: string;
  windowNumber: number;
  recall: boolean;
  clips: string[];
  state: string;
  outcome: string | null;
}

/** What the board's announcer queued, read from `window.__announcer.log`. */
export function announcerLog(page: Page): Promise<AnnouncerEntry[]> {
  return page.evaluate(() => {
    const announcer = (window as unknown as { __announcer?: { log: unknown[] } }).__announcer;
    return JSON.parse(JSON.stringify(announcer?.log ?? [])) as AnnouncerEntry[];
  });
}

/** Waits until the announcer's log has an entry matching `predicate`. */
export async function waitForAnnouncement(page: Page, predicate: (e: AnnouncerEntry) => boolean, timeoutMs = 5000): Promise<AnnouncerEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await announcerLog(page)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such announcement; log: ${JSON.stringify(await announcerLog(page))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The clips of 请 <number> 号 到 <window> 号窗口办理, spelled out for the tests' expectations. */
export function expectedPhrase(number: string, windowClips: string[]): string[] {
  const chars = [...number].map((ch) => (/\d/.test(ch) ? `digit-${ch}` : `letter-${ch}`));
  return ['qing', ...chars, 'hao', 'dao', ...windowClips, 'hao-chuangkou', 'banli'];
}
