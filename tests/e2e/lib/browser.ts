// Debian's Chromium driven by playwright-core: no browser download, the flags this machine
// needs (no sandbox as root, no GPU, no background networking on a closed network), and
// touch-screen contexts shaped like the hall's kiosks and boards.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export const screens = {
  kioskPortrait: { width: 1080, height: 1920 },
  kioskLandscape: { width: 1920, height: 1080 },
  board: { width: 1920, height: 1080 },
  desk: { width: 1600, height: 900 },
} as const;

/** A touch-only context: no mouse hover, taps as touch events. */
export function touchContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, hasTouch: true, isMobile: false, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

export function desktopContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Screenshots are kept as test artifacts under test-artifacts/screenshots. */
export function artifactPath(name: string): string {
  const dir = join(process.cwd(), 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
