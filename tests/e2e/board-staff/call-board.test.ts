// A clerk works a window in the desk while the call board, a portrait board and the window
// screen follow: each call shows at once and is announced with the right clips, in order;
// recall, transfer, hold and pause show correctly; another clerk cannot touch the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, CLERK, type TestClient, type TestHall } from '@hall/server/testing';
import { artifactPath, desktopContext, launchBrowser, screens } from '../lib/browser.ts';
import { announcerLog, drawTicket, expectedPhrase, openDesk, waitForAnnouncement } from './support.ts';

let hall: TestHall;
let browser: Browser;
let kiosk: TestClient;
let board: Page;
let portrait: Page;
let windowScreen: Page;
let desk: Page;

const keyAction: Record<string, string> = { F1: 'callNext', F2: 'recall', F3: 'finish', F4: 'noShow', F5: 'start', F6: 'hold', F7: 'transfer' };

/** Presses a shortcut once its button is enabled: a key pressed while a command is still on its way is ignored, as a double press should be. */
async function press(key: string): Promise<void> {
  const action = keyAction[key];
  if (action) await desk.locator(`.action-${action}:not([disabled])`).waitFor();
  await desk.keyboard.press(key);
}

async function openBoard(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await desktopContext(browser, viewport)).newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${hall.url}${path}`);
  await page.locator('.board, .window-screen').first().waitFor();
  return page;
}

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  browser = await launchBrowser();
  kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  board = await openBoard('/board/?device=board-main', screens.board);
  portrait = await openBoard('/board/?device=board-portrait', { width: 1080, height: 1920 });
  windowScreen = await openBoard('/board/window/1?device=board-a', { width: 1280, height: 400 });
  desk = await openDesk(browser, hall, CLERK(1), 1);
  desk.setDefaultTimeout(5000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hall?.cleanup();
});

describe('a clerk calls, the boards follow', () => {
  it('call next: the board shows it within a second or so, and queues chime + the phrase twice', async () => {
    const { ticket } = await drawTicket(kiosk, 'business-registration');
    await desk.locator('.queue-table').getByText('商事登记').waitFor();
    await press('F1');
    // "Within a second": a generous bound, waiting on the DOM rather than timing it.
    await board.locator('.latest-number', { hasText: ticket.number }).waitFor({ timeout: 3000 });
    await expect(board.locator('.latest-window').textContent()).resolves.toBe('1');
    await windowScreen.locator('.window-number', { hasText: ticket.number }).waitFor({ timeout: 3000 });
    await desk.locator('.current-number', { hasText: ticket.number }).waitFor();

    const entry = await waitForAnnouncement(board, (e) => e.ticketNumber === ticket.number);
    const phrase = expectedPhrase(ticket.number, ['digit-1']);
    expect(entry.clips).toEqual(['chime', ...phrase, 'gap', ...phrase]);
    expect(entry.windowNumber).toBe(1);
    // The clips really load and play in the browser (not the speech fallback, not silence).
    const played = await waitForAnnouncement(board, (e) => e.ticketNumber === ticket.number && e.state === 'done', 15_000);
    expect(played.outcome).toBe('clips');
    // A board set to silent (board-portrait) shows the call but queues nothing.
    await portrait.locator('.latest-number', { hasText: ticket.number }).waitFor({ timeout: 3000 });
    expect(await announcerLog(portrait)).toEqual([]);

    await board.screenshot({ path: artifactPath('board-staff-board-landscape.png') });
    await portrait.screenshot({ path: artifactPath('board-staff-board-portrait.png') });
    await windowScreen.screenshot({ path: artifactPath('board-staff-window-called.png') });
    await desk.screenshot({ path: artifactPath('board-staff-desk-called.png') });
  }, 40_000);

  it('a new call never cuts off the current one; a recall is announced again', async () => {
    const before = (await announcerLog(board)).length;
    const number = (await desk.locator('.current-number').textContent())!;
    await press('F2');
    await desk.locator('.action-recall', { hasText: '重呼（1）' }).waitFor();
    await board.locator('.latest-recall').waitFor({ timeout: 3000 });
    const recall = await waitForAnnouncement(board, (e) => e.ticketNumber === number && e.recall);
    expect(recall.clips[0]).toBe('chime');
    // Two calls in quick succession: both queued, in order, the second waiting for the first.
    await desk.locator('.action-start').click();
    await desk.locator('.current-ticket.serving').waitFor();
    const next = await drawTicket(kiosk, 'tax');
    await press('F3'); // finish → rating asked
    await desk.locator('.feedback.info', { hasText: '已邀请群众评价' }).waitFor();
    await press('F1');
    await board.locator('.latest-number', { hasText: next.ticket.number }).waitFor({ timeout: 3000 });
    const log = (await announcerLog(board)).slice(before);
    expect(log.map((e) => [e.ticketNumber, e.recall])).toEqual([
      [number, true],
      [next.ticket.number, false],
    ]);
    expect(log.filter((e) => e.state === 'playing').length).toBeLessThanOrEqual(1);
    // The finished ticket counts in my figures.
    await desk.locator('.my-stats dd').first().filter({ hasText: '1' }).waitFor();
  });

  it('transfer: the window screen goes back to 请稍候 and the ticket is called elsewhere with its number', async () => {
    const number = (await desk.locator('.current-number').textContent())!;
    await press('F7');
    await desk.locator('.dialog select').first().selectOption('social-medical-insurance');
    await desk.locator('.dialog textarea').fill('需补社保材料');
    await desk.locator('.dialog button[type=submit]').click();
    await desk.locator('.current-ticket.empty').waitFor();
    await windowScreen.locator('.window-message', { hasText: '请稍候' }).waitFor({ timeout: 3000 });

    const other = await hall.connect('/counter', { token: await hall.login(CLERK(2)) });
    await other.ok('window:signIn', { windowId: 'w14' });
    const called = await other.ok<{ ticket: { number: string } }>('ticket:callNext', { windowId: 'w14' });
    expect(called.ticket.number).toBe(number);
    await board.locator('.latest-number', { hasText: number }).waitFor({ timeout: 3000 });
    await expect(board.locator('.latest-window').textContent()).resolves.toBe('14');
    const entry = await waitForAnnouncement(board, (e) => e.ticketNumber === number && e.windowNumber === 14);
    expect(entry.clips.slice(0, 1 + expectedPhrase(number, ['shi', 'digit-4']).length)).toEqual(['chime', ...expectedPhrase(number, ['shi', 'digit-4'])]);
    await other.ok('ticket:finish', { windowId: 'w14' });
    await other.ok('window:signOut', { windowId: 'w14' });
    other.close();
  });

  it('pause with a reason shows 暂停服务 and the reason on the window screen; resume shows 请稍候', async () => {
    await desk.locator('.action-pause:not([disabled])').waitFor();
    await desk.keyboard.press('F8');
    await desk.locator('.dialog .chip', { hasText: '业务咨询' }).click();
    await desk.locator('.dialog button[type=submit]').click();
    await desk.locator('.status-pill.paused').waitFor();
    await windowScreen.locator('.window-message.paused', { hasText: '暂停服务' }).waitFor({ timeout: 3000 });
    await windowScreen.locator('.window-reason', { hasText: '业务咨询' }).waitFor();
    await windowScreen.screenshot({ path: artifactPath('board-staff-window-paused.png') });
    await desk.locator('.action-resume:not([disabled])').waitFor();
    await desk.keyboard.press('F8');
    await desk.locator('.status-pill.open').waitFor();
    await windowScreen.locator('.window-message', { hasText: '请稍候' }).waitFor({ timeout: 3000 });
  });

  it('a second clerk cannot act on the first one’s window', async () => {
    const other = await openDesk(browser, hall, CLERK(3), 2);
    // In the picker window 1 is shown as taken and cannot be chosen.
    const otherSocket = await hall.connect('/counter', { token: await hall.login(CLERK(3)) });
    const refused = await otherSocket.command('ticket:callNext', { windowId: 'w01' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('WINDOW_NOT_YOURS');
    const pause = await otherSocket.command('window:pause', { windowId: 'w01', reason: '抢占' });
    expect(pause.ok).toBe(false);
    otherSocket.close();
    await other.locator('.desk-bar h1', { hasText: '2号窗口' }).waitFor();
    await other.context().close();

    const picker = await (await desktopContext(browser, screens.desk)).newPage();
    await picker.goto(`${hall.url}/staff/`);
    await picker.fill('input[name=username]', CLERK(4).username);
    await picker.fill('input[name=password]', CLERK(4).password);
    await picker.click('button[type=submit]');
    const taken = picker.locator('.window-choice.occupied', { has: picker.locator('.choice-number', { hasText: /^1$/ }) });
    await taken.waitFor();
    expect(await taken.isDisabled()).toBe(true);
    await picker.screenshot({ path: artifactPath('board-staff-window-picker.png') });
    await picker.context().close();
  });

  it('out-of-order call with a reason, hold and call back, no-show and reactivate, kiosk help', async () => {
    const first = await drawTicket(kiosk, 'business-registration');
    const second = await drawTicket(kiosk, 'business-registration');
    // Call the second one first, with a reason.
    const row = desk.locator('.waiting-tickets li', { hasText: second.ticket.number });
    await row.locator('button').click();
    await desk.locator('.dialog .chip', { hasText: '预约到场' }).click();
    await desk.locator('.dialog button[type=submit]').click();
    await desk.locator('.current-number', { hasText: second.ticket.number }).waitFor();
    await board.locator('.latest-number', { hasText: second.ticket.number }).waitFor({ timeout: 3000 });
    // Start, hold, call back.
    await press('F5');
    await desk.locator('.current-ticket.serving').waitFor();
    await press('F6');
    await desk.locator('.held-list li', { hasText: second.ticket.number }).waitFor();
    // The window screen: free again (请稍候), and the held number is still named there.
    await windowScreen.locator('.window-held-number', { hasText: second.ticket.number }).waitFor({ timeout: 3000 });
    await expect(windowScreen.locator('.window-held-line').textContent()).resolves.toBe(`${second.ticket.number}暂时挂起`);
    await expect(windowScreen.locator('.window-message').textContent()).resolves.toBe('请稍候');
    await windowScreen.screenshot({ path: artifactPath('board-staff-window-held.png') });
    await desk.locator('.held-list li button').click();
    await desk.locator('.current-number', { hasText: second.ticket.number }).waitFor();
    // Called back: the screen calls it again and no longer lists it as held.
    await windowScreen.locator('.window-line .window-number', { hasText: second.ticket.number }).waitFor({ timeout: 3000 });
    await windowScreen.locator('.window-held').waitFor({ state: 'detached' });
    await press('F3');
    await desk.locator('.current-ticket.empty').waitFor();
    // The first: no-show, then reactivated when the citizen turns up.
    await press('F1');
    await desk.locator('.current-number', { hasText: first.ticket.number }).waitFor();
    await press('F4');
    const noShow = desk.locator('.panel', { hasText: '本窗口今日过号' }).locator('li', { hasText: first.ticket.number });
    await noShow.waitFor();
    await noShow.locator('button').click();
    await desk.locator('.waiting-tickets li', { hasText: first.ticket.number }).waitFor();
    // A kiosk asks for help; the clerk resolves it.
    await kiosk.ok('help:request', { note: '打印机缺纸' });
    const help = desk.locator('.help-panel li', { hasText: '打印机缺纸' });
    await help.waitFor({ timeout: 3000 });
    await desk.screenshot({ path: artifactPath('board-staff-desk-help.png') });
    await help.locator('button').click();
    await help.waitFor({ state: 'detached' });
  }, 40_000);

  it('a busy day leaves the board the same size: bounded voice log and queue, no DOM or heap growth', async () => {
    const cdp = await board.context().newCDPSession(board);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      // The queue list turns pages every ten seconds, so its rows are left out of the count.
      const nodes = await board.evaluate(() => document.getElementsByTagName('*').length - document.querySelectorAll('.waiting-list *').length);
      return { heap, nodes };
    };
    const clerk = await hall.connect('/counter', { token: await hall.login(CLERK(6)) });
    await clerk.ok('window:signIn', { windowId: 'w03' });
    const run = async (calls: number) => {
      let last = '';
      for (let i = 0; i < calls; i++) {
        await drawTicket(kiosk, 'business-registration');
        last = (await clerk.ok<{ ticket: { number: string } }>('ticket:callNext', { windowId: 'w03', closeCurrent: 'finish' })).ticket.number;
      }
      await board.locator('.latest-number', { hasText: last }).waitFor();
    };
    // Warm up (fonts, code paths, the first full lists), then measure across 150 more calls.
    await run(30);
    const before = await measure();
    await run(150);
    const after = await measure();
    const log = await announcerLog(board);
    expect(log.length).toBeLessThanOrEqual(50);
    expect(log.filter((e) => e.state === 'queued').length).toBeLessThanOrEqual(20);
    expect(after.nodes).toBeLessThanOrEqual(before.nodes + 10);
    // Generous: a leak of one object per call and event would show far above this.
    expect(after.heap - before.heap).toBeLessThan(3_000_000);
    await clerk.ok('ticket:finish', { windowId: 'w03' });
    clerk.close();
  }, 90_000);
});
