// 餐饮平面图 end to end: a shop owner draws a 6 m × 8 m noodle shop by touch on the kiosk —
// walls with a typed length, kitchen, dishwashing, storage and dining, doors, sinks, stove,
// hood and disinfection cabinet, flow arrows — fixes a failing rule, undoes and redoes,
// survives a reload, fills the title block from the ID card and prints: the simulated A4
// printer receives the hall server's PDF with the zone names and areas.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import type { FloorPlan } from '@hall/common/floorplan/index';
import { artifactPath } from '../lib/browser.ts';
import { startKioskEnv, type KioskEnv } from './kiosk-env.ts';

vi.setConfig({ testTimeout: 180_000 });

let env: KioskEnv;
beforeAll(async () => {
  env = await startKioskEnv();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

interface Xy {
  x: number;
  y: number;
}

/** A plan point (metres) on the page, through the editor's current view. */
function screenOf(page: Page, x: number, y: number): Promise<Xy> {
  return page.evaluate(
    ([x, y]) => {
      const model = (window as unknown as { __floorplan: { view: { value: { pixelsPerMetre: number; zoom: number; pan: { x: number; y: number } } } } }).__floorplan;
      const v = model.view.value;
      const r = document.querySelector('[data-testid="plan-canvas"]')!.getBoundingClientRect();
      const s = v.pixelsPerMetre * v.zoom;
      return { x: r.left + x * s + v.pan.x, y: r.top + y * s + v.pan.y };
    },
    [x, y] as const,
  );
}

interface PlanSummary {
  walls: number;
  zones: Array<{ type: string; area: number }>;
  fixtures: string[];
  flows: string[];
  openings: Array<{ kind: string; exterior?: boolean }>;
  wallLengths: number[];
  dimensions: number;
  past: number;
  future: number;
  zoom: number;
}

function summary(page: Page): Promise<PlanSummary> {
  return page.evaluate(() => {
    const model = (window as unknown as { __floorplan: { history: { value: { plan: FloorPlan; past: unknown[]; future: unknown[] } }; view: { value: { zoom: number } } } }).__floorplan;
    const { plan, past, future } = model.history.value;
    const corner = (id: string) => plan.corners.find((c) => c.id === id)!;
    const area = (pts: Array<{ x: number; y: number }>) => Math.abs(pts.reduce((s, p, i) => s + p.x * pts[(i + 1) % pts.length]!.y - pts[(i + 1) % pts.length]!.x * p.y, 0)) / 2;
    return {
      walls: plan.walls.length,
      zones: plan.zones.map((z) => ({ type: z.type, area: Math.round(area(z.outline) * 100) / 100 })),
      fixtures: plan.fixtures.map((f) => f.symbol),
      flows: plan.flows.map((f) => f.kind),
      openings: plan.openings.map((o) => ({ kind: o.kind, exterior: 'exterior' in o ? o.exterior : undefined })),
      wallLengths: plan.walls.map((w) => {
        const a = corner(w.from);
        const b = corner(w.to);
        return Math.round(Math.hypot(b.x - a.x, b.y - a.y) * 100) / 100;
      }),
      dimensions: plan.dimensions.length,
      past: past.length,
      future: future.length,
      zoom: model.view.value.zoom,
    };
  });
}

class Finger {
  constructor(
    private readonly cdp: CDPSession,
    private readonly page: Page,
  ) {}
  async drag(from: [number, number], to: [number, number], steps = 8): Promise<void> {
    const a = await screenOf(this.page, ...from);
    const b = await screenOf(this.page, ...to);
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: a.x, y: a.y, id: 1 }] });
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, id: 1 }] });
    }
    // The finger rests before it lifts, as a hand placing a wall end does: no fling follows
    // (Chromium swallows the next tap to stop a fling).
    await this.page.waitForTimeout(120);
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: b.x, y: b.y, id: 1 }] });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  async tap(at: [number, number]): Promise<void> {
    const p = await screenOf(this.page, ...at);
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: p.x, y: p.y, id: 1 }] });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  /** Two fingers spreading apart around a plan point. */
  async pinch(around: [number, number], spread: number): Promise<void> {
    const c = await screenOf(this.page, ...around);
    const points = (d: number) => [
      { x: c.x - d, y: c.y, id: 1 },
      { x: c.x + d, y: c.y, id: 2 },
    ];
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points(60)[0]!] });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(60) });
    for (let i = 1; i <= 6; i++) await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(60 + (spread * i) / 6) });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

async function ruleStatus(page: Page, ruleId: string): Promise<string | null> {
  return page.locator(`[data-rule="${ruleId}"]`).getAttribute('data-status');
}

async function placeSymbol(page: Page, finger: Finger, category: string, symbol: string, at: [number, number]): Promise<void> {
  await page.locator(`[data-category="${category}"]`).tap();
  await page.locator(`[data-symbol="${symbol}"]`).tap();
  await finger.tap(at);
}

async function drawZone(page: Page, finger: Finger, type: string, from: [number, number], to: [number, number]): Promise<void> {
  await page.locator(`[data-zone="${type}"]`).first().tap();
  await finger.drag(from, to);
}

describe('餐饮平面图 on the kiosk', () => {
  it('a 6 m × 8 m shop drawn by touch, checked, fixed, undone and redone, restored after a reload and printed on A4', async () => {
    const { page, context } = await env.open({ settings: { tiles: ['ticketing', 'forms', 'floorplan', 'guides'] } });
    // The editor's chunk is not loaded before home.
    await page.locator('[data-tile="floorplan"]').waitFor();
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(before.some((n) => n.includes('FloorplanEditor'))).toBe(false);
    await page.locator('[data-tile="floorplan"]').tap();

    // A blank plot typed on the keypad.
    await page.getByTestId('plot-width').tap();
    await page.locator('.length-pad [data-key="6"]').tap();
    await page.getByTestId('plot-depth').tap();
    await page.locator('.length-pad [data-key="8"]').tap();
    await page.getByTestId('start-blank').tap();
    await page.getByTestId('plan-canvas').waitFor();
    await expect.poll(async () => (await summary(page)).wallLengths).toEqual([6, 8, 6, 8]);
    const cdp = await context.newCDPSession(page);
    const finger = new Finger(cdp, page);

    // Interior walls by dragging; they snap onto the outer walls. One is drawn short and typed exact.
    await page.locator('[data-tool="wall"]').tap();
    await finger.drag([0.05, 4.03], [5.96, 3.98]);
    await finger.drag([4.02, 4.05], [3.97, 5.9]);
    await page.getByTestId('selection').locator('[data-cmd="length"]').tap();
    await page.getByTestId('selection').locator('[data-cmd="length"]').tap();
    for (const k of ['2', '.', '5']) await page.locator('.fp-keypad [data-key="' + k + '"]').tap();
    await page.getByTestId('length-done').tap();
    await finger.drag([0.04, 6.52], [5.97, 6.47]);
    let s = await summary(page);
    expect(s.walls).toBe(7);
    expect(s.wallLengths.slice(4)).toEqual([6, 2.5, 6]);

    // Measure wall to wall: the clear distance between the faces of the outer walls.
    await page.locator('[data-tool="measure"]').tap();
    await finger.drag([0.02, 2], [5.98, 2]);
    await expect.poll(() => page.getByTestId('clear-distance').textContent()).toContain('5.76');
    // Kept on the plan as a dimension line.
    await page.getByTestId('measurement').locator('button').tap();
    expect((await summary(page)).dimensions).toBe(1);

    // Zones from the list.
    await page.locator('[data-tool="zone"]').tap();
    await drawZone(page, finger, 'dining', [0, 0], [6, 4]);
    await drawZone(page, finger, 'cutting-cooking', [0, 4], [4, 6.5]);
    await drawZone(page, finger, 'dishwashing', [4, 4], [6, 6.5]);
    await drawZone(page, finger, 'storage', [0, 6.5], [6, 8]);
    s = await summary(page);
    expect(s.zones).toEqual([
      { type: 'dining', area: 24 },
      { type: 'cutting-cooking', area: 10 },
      { type: 'dishwashing', area: 5 },
      { type: 'storage', area: 9 },
    ]);

    // Doors on walls: the front door leads outside.
    await page.locator('[data-tool="opening"]').tap();
    await page.locator('[data-opening="door"]').tap();
    await finger.tap([3, 0.02]);
    await page.getByTestId('selection').locator('[data-cmd="exterior"]').tap();
    await finger.tap([2, 4.02]);
    await finger.tap([5, 4.02]);
    s = await summary(page);
    expect(s.openings).toEqual([
      { kind: 'door', exterior: true },
      { kind: 'door', exterior: false },
      { kind: 'door', exterior: false },
    ]);

    // Equipment from the palette; the stove has no hood yet, so that rule fails.
    await page.locator('[data-tool="symbol"]').tap();
    await placeSymbol(page, finger, 'sink', 'sink-vegetable', [0.6, 4.6]);
    await placeSymbol(page, finger, 'sink', 'sink-meat', [1.4, 4.6]);
    await placeSymbol(page, finger, 'cooking', 'stove', [2.8, 6]);
    await placeSymbol(page, finger, 'cleaning', 'disinfection-cabinet', [5.5, 6]);
    await placeSymbol(page, finger, 'sink', 'sink-tableware', [4.6, 4.6]);
    await placeSymbol(page, finger, 'hygiene', 'hand-basin', [0.5, 6.1]);
    await expect.poll(() => ruleStatus(page, 'hoods-over-stoves')).toBe('fail');

    // Two fingers zoom; they draw nothing.
    const fixturesBefore = (await summary(page)).fixtures.length;
    const zoomBefore = (await summary(page)).zoom;
    await finger.pinch([3, 4], 120);
    s = await summary(page);
    expect(s.zoom).toBeGreaterThan(zoomBefore * 1.3);
    expect(s.fixtures.length).toBe(fixturesBefore);
    await page.locator('.fp-view-buttons button', { hasText: '全图' }).tap();

    // Tapping the failed rule highlights the stove.
    await page.locator('[data-rule="hoods-over-stoves"]').tap();
    const highlighted = await page.evaluate(() => {
      const m = (window as unknown as { __floorplan: { highlight: { value: { ids: string[] } | null }; history: { value: { plan: { fixtures: Array<{ id: string; symbol: string }> } } } } }).__floorplan;
      const ids = m.highlight.value?.ids ?? [];
      return m.history.value.plan.fixtures.filter((f) => ids.includes(f.id)).map((f) => f.symbol);
    });
    expect(highlighted).toEqual(['stove']);
    await page.screenshot({ path: artifactPath('kiosk-floorplan-portrait-rule.png') });

    // Fix it: a hood over the stove.
    await placeSymbol(page, finger, 'cooking', 'hood', [2.8, 6]);
    await expect.poll(() => ruleStatus(page, 'hoods-over-stoves')).toBe('pass');

    // Select, move by dragging, rotate, duplicate and delete.
    await page.locator('[data-tool="select"]').tap();
    await finger.tap([0.5, 6.1]);
    await expect.poll(() => page.getByTestId('selection').locator('h4').textContent()).toBe('洗手池');
    await finger.drag([0.5, 6.1], [0.8, 5.6]);
    await page.getByTestId('selection').locator('[data-cmd="rotate"]').tap();
    const basin = () =>
      page.evaluate(() => {
        const m = (window as unknown as { __floorplan: { history: { value: { plan: FloorPlan } } } }).__floorplan;
        return m.history.value.plan.fixtures.filter((f) => f.symbol === 'hand-basin').map((f) => ({ x: f.at.x, y: f.at.y, rotation: f.rotation }));
      });
    expect(await basin()).toEqual([{ x: 0.8, y: 5.6, rotation: 90 }]);
    // Its width typed in metres on the keypad.
    await page.getByTestId('selection').locator('[data-cmd="size-width"]').tap();
    for (const k of ['0', '.', '6']) await page.locator('.fp-keypad [data-key="' + k + '"]').tap();
    await page.getByTestId('length-done').tap();
    const basinSize = await page.evaluate(() => {
      const m = (window as unknown as { __floorplan: { history: { value: { plan: FloorPlan } } } }).__floorplan;
      return m.history.value.plan.fixtures.filter((f) => f.symbol === 'hand-basin').map((f) => [f.width, f.depth]);
    });
    expect(basinSize).toEqual([[0.6, 0.4]]);
    await expect.poll(() => page.getByTestId('selection').locator('[data-cmd="size-width"]').textContent()).toContain('0.6');
    await page.getByTestId('selection').locator('[data-cmd="duplicate"]').tap();
    expect(await basin()).toHaveLength(2);
    await page.getByTestId('selection').locator('[data-cmd="delete"]').tap();
    expect(await basin()).toEqual([{ x: 0.8, y: 5.6, rotation: 90 }]);

    // Flow arrows: raw in from storage, finished out to dining, tableware back to washing.
    await page.locator('[data-tool="flow"]').tap();
    await page.locator('[data-flow="raw"]').tap();
    await finger.drag([3, 7.3], [1.5, 5.3]);
    await page.locator('[data-flow="finished"]').tap();
    await finger.drag([2.3, 5.2], [2.3, 2.5]);
    await page.locator('[data-flow="tableware"]').tap();
    await finger.drag([5, 2.5], [5, 5.2]);
    s = await summary(page);
    expect(s.flows).toEqual(['raw', 'finished', 'tableware']);

    // Undo takes the arrows, the edits of the basin (its typed width too) and the hood back; redo returns them all.
    for (let i = 0; i < 9; i++) await page.getByTestId('undo').tap();
    s = await summary(page);
    expect(s.flows).toEqual([]);
    expect(s.fixtures).not.toContain('hood');
    expect(await basin()).toEqual([{ x: 0.5, y: 6.1, rotation: 0 }]);
    await expect.poll(() => ruleStatus(page, 'hoods-over-stoves')).toBe('fail');
    for (let i = 0; i < 9; i++) await page.getByTestId('redo').tap();
    expect(await basin()).toEqual([{ x: 0.8, y: 5.6, rotation: 90 }]);
    s = await summary(page);
    expect(s.flows).toEqual(['raw', 'finished', 'tableware']);
    expect(s.fixtures).toContain('hood');
    await expect.poll(() => ruleStatus(page, 'hoods-over-stoves')).toBe('pass');
    // The canvas holds every element of the plan (walls, openings, zones, fixtures, arrows).
    const elements = s.walls + s.openings.length + s.zones.length + s.fixtures.length + s.flows.length + s.dimensions;
    await expect.poll(() => page.getByTestId('plan-canvas').getAttribute('data-drawn')).toBe(String(elements));
    await page.screenshot({ path: artifactPath('kiosk-floorplan-portrait-drawn.png') });

    // A reload (or a crash) loses nothing: the editor opens again with the plan and its history.
    const drawn = await summary(page);
    await page.reload();
    await page.getByTestId('plan-canvas').waitFor();
    await expect.poll(() => summary(page)).toEqual({ ...drawn, zoom: expect.any(Number) });
    await page.getByTestId('restored').waitFor();
    await page.getByTestId('undo').tap();
    expect((await summary(page)).flows).toEqual(['raw', 'finished']);
    await page.getByTestId('redo').tap();

    // Title block from the ID card, seats on the keypad, then print.
    await page.getByTestId('to-title').tap();
    await page.getByTestId('from-card').tap();
    await env.sim('/sim/idcard/present?card=residentA');
    await expect.poll(() => page.getByTestId('title-operator').textContent()).not.toBe('');
    await page.getByTestId('title-seats').tap();
    await page.locator('.input-keypad [data-key="2"]').tap();
    await page.locator('.input-keypad [data-key="0"]').tap();
    await page.locator('.input-keypad .primary-button').tap();
    await page.locator('[data-business="snack"]').tap();
    const operator = (await page.getByTestId('title-operator').textContent())!.trim();
    // The owner's ticket, scanned from its slip: the plan is linked to it when saved.
    const other = await env.hall.connect('/kiosk', { deviceId: 'kiosk-2' });
    const issued = await other.ok<{ slip: { number: string; qrUrl: string } }>('ticket:issue', { idempotencyKey: 'floorplan-ticket-0001', categoryId: 'general-enquiry' });
    other.close();
    await page.getByTestId('scan-ticket').tap();
    await env.sim(`/sim/scanner/scan?text=${encodeURIComponent(issued.slip.qrUrl)}`);
    await expect.poll(() => page.getByTestId('scan-ticket').textContent()).toContain('已扫描');
    await page.screenshot({ path: artifactPath('kiosk-floorplan-portrait-title.png') });
    await page.getByTestId('print').tap();
    await page.getByTestId('print-done').waitFor({ timeout: 60_000 });
    const code = /编码\s*([2-9A-Z]+)/.exec((await page.getByTestId('print-done').textContent())!)![1]!;
    expect(await page.getByTestId('plan-ticket').textContent()).toContain(issued.slip.number);
    const jobs = (await env.sim('/sim/a4/jobs', 'GET')) as Array<{ jobId: number; title: string }>;
    const job = jobs.find((j) => j.title === `floorplan-${code}`);
    expect(job).toBeDefined();
    const { pdfBase64 } = (await env.sim(`/sim/a4/pdf?job=${job!.jobId}`, 'GET')) as { pdfBase64: string };
    const file = join(mkdtempSync(join(tmpdir(), 'hall-plan-')), 'printed.pdf');
    writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-'], { timeout: 20_000 });
    const text = stdout.replace(/\s+/g, '');
    for (const value of ['就餐区', '切配烹饪区', '餐用具清洗消毒区', '库房', '24', '10', '9', operator.replace(/\s+/g, '')]) expect(text, value).toContain(value);
    await page.screenshot({ path: artifactPath('kiosk-floorplan-portrait-printed.png') });

    // The idle reset asks (its countdown names the plan), then clears it: nothing is kept.
    await page.getByTestId('fp-home').tap();
    await page.getByTestId('confirm-discard').waitFor();
    await page.getByTestId('confirm-yes').tap();
    await page.locator('[data-tile="floorplan"]').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('hall.kiosk.floorplan'))).toBeNull();
    await context.close();
  });

  it('the idle reset asks first (its countdown names the plan), then clears the plan from the kiosk', async () => {
    const { page, context } = await env.open({ settings: { tiles: ['ticketing', 'forms', 'floorplan', 'guides'], idleSeconds: 15, countdownSeconds: 3 } });
    await page.locator('[data-tile="floorplan"]').tap();
    await page.locator('[data-template="cafe"]').tap();
    await page.getByTestId('plan-canvas').waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hall.kiosk.floorplan') !== null)).toBe(true);
    await page.getByTestId('idle-countdown').getByText('将清除您正在绘制的平面图').waitFor({ timeout: 30_000 });
    await page.locator('[data-tile="floorplan"]').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('hall.kiosk.floorplan'))).toBeNull();
    // Opened again, the editor starts afresh.
    await page.locator('[data-tile="floorplan"]').tap();
    await page.getByTestId('start-blank').waitFor();
    await context.close();
  });

  it('landscape: a template opens with its checklist, in high contrast', async () => {
    const { page, context } = await env.open({ screen: 'kioskLandscape', settings: { tiles: ['ticketing', 'forms', 'floorplan', 'guides'] } });
    await page.locator('[data-tile="floorplan"]').tap();
    await page.locator('[data-template="noodle-shop"]').tap();
    await page.getByTestId('plan-canvas').waitFor();
    await expect.poll(() => page.locator('[data-rule]').count()).toBeGreaterThan(5);
    expect((await summary(page)).zones.length).toBeGreaterThan(3);
    // The noodle shop passes every national rule: the plan an owner can hand in as it is.
    await expect.poll(() => page.getByTestId('checklist-summary').textContent()).toMatch(/未通过 0 项/);
    expect(await page.locator('[data-rule][data-status="fail"]').count()).toBe(0);
    await page.locator('.footer-button[aria-pressed]').nth(1).tap();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('contrast'))).toBe(true);
    await expect.poll(() => page.getByTestId('plan-canvas').getAttribute('data-contrast')).toBe('true');
    await page.screenshot({ path: artifactPath('kiosk-floorplan-landscape-template.png') });
    // Elder mode: everything larger, still usable in landscape; then printed as it is.
    await page.locator('.footer-button[aria-pressed]').first().tap();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    await page.screenshot({ path: artifactPath('kiosk-floorplan-landscape-elder.png') });
    await page.getByTestId('to-title').tap();
    // A local rule set instead of the national one: the checklist follows it.
    await page.locator('[data-rule-set="shenzhen-2017"]').tap();
    await expect.poll(() => page.getByTestId('checklist').textContent()).toContain('深圳市要求（2017）');
    await page.getByTestId('print').tap();
    await page.getByTestId('print-done').waitFor({ timeout: 60_000 });
    await context.close();
  });
});
