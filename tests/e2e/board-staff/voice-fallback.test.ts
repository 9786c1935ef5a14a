// When the recorded clips cannot be loaded, the board falls back to a local zh-CN speech voice
// if the machine has one, and otherwise stays silent: never a wrong-language voice, never a
// jammed queue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, CLERK, type TestClient, type TestHall } from '@hall/server/testing';
import { desktopContext, launchBrowser, screens } from '../lib/browser.ts';
import { drawTicket, waitForAnnouncement } from './support.ts';

let hall: TestHall;
let browser: Browser;
let kiosk: TestClient;
let clerk: TestClient;

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  browser = await launchBrowser();
  kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  clerk = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
  await clerk.ok('window:signIn', { windowId: 'w01' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hall?.cleanup();
});

/** A board whose clip files all fail to load; optionally with a fake local zh-CN voice. */
async function boardWithoutClips(withChineseVoice: boolean): Promise<{ page: Page; spoken: () => Promise<string[]> }> {
  const context = await desktopContext(browser, screens.board);
  await context.route('**/board/voice/*.opus', (route) => route.fulfill({ status: 404, body: '' }));
  if (withChineseVoice) {
    await context.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      const voice = { lang: 'zh-CN', localService: true, name: 'Fake Mandarin', default: true, voiceURI: 'fake' };
      // The real utterance only accepts real voices; this machine has none to give.
      class FakeUtterance {
        voice: unknown = null;
        lang = '';
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          getVoices: () => [voice],
          speak(u: { text: string; onend: (() => void) | null }) {
            spoken.push(u.text);
            setTimeout(() => u.onend?.(), 10);
          },
          cancel() {},
        },
      });
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${hall.url}/board/?device=board-main`);
  await page.locator('.board').waitFor();
  return { page, spoken: () => page.evaluate(() => (window as unknown as { __spoken?: string[] }).__spoken ?? []) };
}

async function call(): Promise<string> {
  await drawTicket(kiosk, 'business-registration');
  const reply = await clerk.ok<{ ticket: { number: string } }>('ticket:callNext', { windowId: 'w01', closeCurrent: 'finish' });
  return reply.ticket.number;
}

it('clips fail and a zh-CN voice exists: the phrase is spoken twice by it', async () => {
  const board = await boardWithoutClips(true);
  const number = await call();
  const entry = await waitForAnnouncement(board.page, (e) => e.ticketNumber === number && e.state === 'done');
  expect(entry.outcome).toBe('speech');
  const spelled = [...number].join(' ');
  expect(await board.spoken()).toEqual([`请 ${spelled} 号到 1 号窗口办理`, `请 ${spelled} 号到 1 号窗口办理`]);
  await board.page.context().close();
});

it('clips fail and no such voice: silent, and the next call is still handled', async () => {
  const board = await boardWithoutClips(false);
  const first = await call();
  const second = await call();
  await waitForAnnouncement(board.page, (e) => e.ticketNumber === second && e.state === 'done');
  const log = await board.page.evaluate(() => (window as unknown as { __announcer: { log: Array<{ ticketNumber: string; outcome: string }> } }).__announcer.log.map((e) => [e.ticketNumber, e.outcome]));
  expect(log).toEqual([
    [first, 'silent'],
    [second, 'silent'],
  ]);
  await board.page.context().close();
});
