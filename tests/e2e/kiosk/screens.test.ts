// Screenshots of the main screens in both orientations, in elder and high-contrast modes, and
// with setup mode's orientation turning a landscape screen to portrait. Saved as test
// artifacts (test-artifacts/screenshots) for people to look at; the checks here are only
// that each screen is there and nothing spills past the screen's width.
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

async function noHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Every visible button is a finger-sized target: at least 60 × 60 CSS pixels. */
async function touchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      // Layout size, not the bounding box: a key still sinking from the last tap is scaled.
      .map((b) => ({ text: b.textContent?.trim().slice(0, 20) ?? '', r: { width: b.offsetWidth, height: b.offsetHeight } }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 60 || r.height < 60))
      .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
}

for (const orientation of ['portrait', 'landscape'] as const) {
  describe(`${orientation} screens`, () => {
    it('home, categories, materials, identity, ticket, guides', async () => {
      const { page, context } = await env.open({ screen: orientation === 'portrait' ? 'kioskPortrait' : 'kioskLandscape' });
      const shot = (name: string) => page.screenshot({ path: artifactPath(`kiosk-${orientation}-${name}.png`) });
      await page.locator('[data-tile="ticketing"]').waitFor();
      // A fresh kiosk's home: every built function, in the hall's order.
      expect(await page.locator('[data-tile]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-tile')))).toEqual(['ticketing', 'forms', 'floorplan', 'certificates', 'guides']);
      // Every tile is whole on screen, above the footer (five stacked on portrait once hid the last).
      const hidden = await page.locator('[data-tile]').evaluateAll((tiles) => {
        const footerTop = document.querySelector('footer')?.getBoundingClientRect().top ?? window.innerHeight;
        return tiles.filter((t) => t.getBoundingClientRect().bottom > footerTop).map((t) => t.getAttribute('data-tile'));
      });
      expect(hidden).toEqual([]);
      await noHorizontalOverflow(page);
      await touchTargets(page);
      await shot('home');
      await page.locator('[data-tile="ticketing"]').tap();
      await page.locator('[data-category="tax"]').waitFor();
      await noHorizontalOverflow(page);
      await touchTargets(page);
      await shot('categories');
      await page.locator('[data-category="business-registration"]').tap();
      await page.locator('.materials li').first().waitFor();
      await shot('materials');
      await page.getByRole('button', { name: '确认取号' }).last().tap();
      await page.locator('.qr img').waitFor();
      await noHorizontalOverflow(page);
      await touchTargets(page);
      await shot('ticket');
      await page.getByRole('button', { name: '完成' }).tap();
      await page.locator('[data-tile="ticketing"]').tap();
      await page.locator('[data-category="public-security"]').tap();
      await page.locator('.card-reader-anim').waitFor();
      await touchTargets(page);
      await shot('identity');
      await page.getByRole('button', { name: '返回' }).first().tap();
      await page.getByRole('button', { name: '首页' }).tap();
      await page.locator('[data-tile="guides"]').tap();
      await page.locator('.guide-item').first().waitFor();
      await page.getByTestId('guide-search').tap();
      await page.locator('.keyboard .key').first().waitFor();
      for (const c of 'gs') await page.locator(`.keyboard [data-key="${c}"]`).tap();
      await page.locator('.candidate').first().waitFor();
      await touchTargets(page);
      await shot('guides-keyboard');
      await context.close();
    });

    it('elder mode and high contrast', async () => {
      const { page, context } = await env.open({ screen: orientation === 'portrait' ? 'kioskPortrait' : 'kioskLandscape' });
      await page.getByRole('button', { name: '长辈模式' }).tap();
      await page.locator('[data-tile="ticketing"]').tap();
      await page.locator('[data-category="tax"]').waitFor();
      await noHorizontalOverflow(page);
      await page.screenshot({ path: artifactPath(`kiosk-${orientation}-elder-categories.png`) });
      await page.getByRole('button', { name: '高对比度' }).tap();
      await page.locator('[data-category="tax"]').tap();
      await page.locator('.materials li').first().waitFor();
      await page.screenshot({ path: artifactPath(`kiosk-${orientation}-elder-contrast-materials.png`) });
      await context.close();
    });
  });
}

it('setup orientation "portrait" turns a landscape screen', async () => {
  const { page, context } = await env.open({ screen: 'kioskLandscape', settings: { orientation: 'portrait' } });
  await page.locator('.kiosk.rotated').waitFor();
  await page.screenshot({ path: artifactPath('kiosk-landscape-rotated-to-portrait.png') });
  await page.locator('[data-tile="ticketing"]').tap();
  await page.locator('[data-category="tax"]').tap();
  await page.locator('.materials li').first().waitFor();
  await context.close();
});
