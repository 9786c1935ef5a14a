// 餐饮平面图 at the window: a shop owner drew a floor plan at a kiosk (here: the noodle shop
// with the hood over the stove left out) and saved it with the ticket they drew. The clerk
// calls that ticket and sees the plan as a drawing with the server's rule results, the failed
// rule first; tapping it marks the stove on the drawing; the PDF opens. A plan attached while
// the ticket is at the window shows up without calling again, and so does one saved with a
// form that is attached to the ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, CLERK, type TestClient, type TestHall } from '@hall/server/testing';
import type { PlanReceipt } from '@hall/common/floorplan/index';
import { loadTemplate } from '@hall/fixtures/src/floorplan.ts';
import { sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { artifactPath, launchBrowser } from '../lib/browser.ts';
import { drawTicket, openDesk } from './support.ts';

let hall: TestHall;
let browser: Browser;
let kiosk: TestClient;
let desk: Page;

/** Saved as the demo kiosk does: from this machine, no token (the demo's pre-pairing). */
async function savePlan(plan: unknown, ticketId?: string): Promise<PlanReceipt> {
  const r = await hall.request<PlanReceipt>('POST', '/api/plans', {
    plan,
    ruleSetId: 'national-2011',
    idempotencyKey: `e2e-plan-${process.pid}-${Math.random().toString(36).slice(2)}`,
    ...(ticketId ? { ticketId } : {}),
  });
  if (r.status !== 201) throw new Error(`save failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  browser = await launchBrowser();
  kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  desk = await openDesk(browser, hall, CLERK(1), 1);
  desk.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hall?.cleanup();
});

describe('the clerk desk shows the called ticket’s floor plan', () => {
  it('calls the ticket, draws the plan with zone names and areas, lists the rule results and marks a failed rule’s elements', async () => {
    const { ticket } = await drawTicket(kiosk, 'food-business-licence');
    const plan = loadTemplate('noodle-shop');
    plan.fixtures = plan.fixtures.filter((f) => f.symbol !== 'hood');
    const receipt = await savePlan(plan, ticket.id);
    expect(receipt.check.failed).toBeGreaterThan(0);
    const failed = receipt.check.results.find((r) => r.status === 'fail' && r.elementIds.length > 0)!;

    await desk.locator('.action-callNext:not([disabled])').click();
    await desk.locator('.current-number', { hasText: ticket.number }).waitFor();
    const card = desk.locator(`.plan-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.locator('h3').textContent()).resolves.toBe('西安市新城区老王家面馆店');
    await expect(card.locator('.plan-summary').textContent()).resolves.toBe(`符合 ${receipt.check.passed} 项，不符合 ${receipt.check.failed} 项`);

    // The drawing: every wall, zone, opening and fixture of the document, with zone names and areas.
    const drawing = card.locator('svg.plan-drawing');
    await expect(drawing.locator('path.plan-wall').count()).resolves.toBe(plan.walls.length);
    await expect(drawing.locator('path.plan-zone').count()).resolves.toBe(plan.zones.length);
    await expect(drawing.locator('path.plan-opening').count()).resolves.toBe(plan.openings.length);
    await expect(drawing.locator('path.plan-fixture').count()).resolves.toBe(plan.fixtures.length);
    await expect(drawing.locator('path.plan-flow').count()).resolves.toBe(plan.flows.length);
    const texts = await drawing.locator('text').allTextContents();
    for (const t of ['切配烹饪区', '15.84㎡', '凉菜间', '3.06㎡', '就餐区', '15.6㎡']) expect(texts).toContain(t);
    // Drawn at a readable size, walls dark.
    const box = (await drawing.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(150);
    const wallFill = await drawing.locator('path.plan-wall').first().evaluate((el) => getComputedStyle(el).fill);
    expect(wallFill).toBe('rgb(60, 60, 60)');

    // The rule results as the server computed them, the failed ones first.
    const rows = card.locator('.plan-result');
    await expect(rows.count()).resolves.toBe(receipt.check.results.length);
    await expect(rows.first().locator('.plan-status').textContent()).resolves.toBe('不符合');
    const failedRow = card.locator(`.plan-result[data-rule="${failed.ruleId}"]`);
    await expect(failedRow.textContent()).resolves.toContain(failed.title);
    await expect(failedRow.textContent()).resolves.toContain(failed.message);
    expect(await card.locator('.plan-result.pass').count()).toBe(receipt.check.passed);

    // Tapping the failed rule marks its elements on the drawing.
    expect(await drawing.locator('.highlighted').count()).toBe(0);
    await failedRow.locator('button').click();
    await expect(drawing.locator('.highlighted').count()).resolves.toBe(failed.elementIds.length);
    const marked = await drawing.locator('.highlighted').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(marked.sort()).toEqual([...failed.elementIds].sort());
    await desk.screenshot({ path: artifactPath('board-staff-desk-plan.png'), fullPage: true });

    // The PDF, fetched with the clerk's session and opened.
    const [response, popup] = await Promise.all([
      desk.waitForResponse((r) => r.url().endsWith(`/api/plans/${receipt.id}/pdf`)),
      desk.waitForEvent('popup'),
      card.locator('.plan-open-pdf').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(Number(response.headers()['content-length'])).toBeGreaterThan(10_000);
    // The opened tab shows the bytes the desk fetched: a PDF.
    expect(popup.url()).toMatch(/^blob:/);
    const head = await desk.evaluate(async (url) => new TextDecoder().decode(new Uint8Array(await (await fetch(url)).arrayBuffer()).slice(0, 5)), popup.url());
    expect(head).toBe('%PDF-');
    await popup.close();
  }, 60_000);

  it('a plan attached while its ticket is already at the window shows up without calling again', async () => {
    const { ticket } = await drawTicket(kiosk, 'food-business-licence');
    await desk.locator('.action-callNext:not([disabled])').click();
    const finish = desk.locator('.dialog-actions .action.good');
    const called = desk.locator('.current-number', { hasText: ticket.number });
    await finish.or(called).first().waitFor();
    if (await finish.isVisible()) await finish.click();
    await called.waitFor();
    await desk.locator('.plan-none').waitFor();

    const receipt = await savePlan(loadTemplate('noodle-shop'));
    const attached = await hall.request('POST', `/api/plans/${receipt.id}/ticket`, { ticketId: ticket.id });
    expect(attached.status).toBe(200);
    const card = desk.locator(`.plan-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.locator('.submission-head').textContent()).resolves.toContain(ticket.number);
    await expect(card.locator('.plan-summary').textContent()).resolves.toBe(`符合 ${receipt.check.passed} 项，不符合 0 项`);
    expect(await desk.locator('.plan-none').count()).toBe(0);
    await expect(desk.locator('.plan-panel .count-badge').textContent()).resolves.toBe('1');

    // A form filled at the kiosk with a plan saved for it: attaching the form brings the plan.
    const form = await hall.request<{ id: string }>('POST', '/api/submissions', {
      formId: 'food-business-licence',
      formVersion: 1,
      data: structuredClone(sampleFoodLicenceSubmission.data),
      idempotencyKey: `e2e-form-${process.pid}-${Math.random().toString(36).slice(2)}`,
    });
    expect(form.status).toBe(201);
    const withForm = await hall.request<PlanReceipt>('POST', '/api/plans', {
      plan: loadTemplate('cafe'),
      ruleSetId: 'national-2011',
      idempotencyKey: `e2e-plan-${process.pid}-${Math.random().toString(36).slice(2)}`,
      submissionId: form.body.id,
    });
    expect(withForm.status).toBe(201);
    await hall.request('POST', `/api/submissions/${form.body.id}/ticket`, { ticketId: ticket.id });
    await desk.locator(`.plan-card[data-code="${withForm.body.code}"]`).waitFor();
    await expect(desk.locator('.plan-panel .count-badge').textContent()).resolves.toBe('2');
  }, 60_000);

  it('finds a plan by the code typed from the printed sheet; an unknown code gets the server’s message', async () => {
    await desk.fill('input[name=planCode]', 'ZZZZ 2222');
    await desk.press('input[name=planCode]', 'Enter');
    await expect(desk.locator('.plan-panel > .feedback.error').textContent()).resolves.toContain('没有这个编码的平面图');

    const receipt = await savePlan(loadTemplate('canteen-kitchen'));
    const typed = `${receipt.code.slice(0, 4).toLowerCase()} ${receipt.code.slice(4)}`;
    await desk.fill('input[name=planCode]', typed);
    await desk.press('input[name=planCode]', 'Enter');
    const card = desk.locator(`.plan-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('按编码查到的平面图');
    await expect(card.locator('.submission-head').textContent()).resolves.toContain('未关联号');
    await expect(card.locator('svg.plan-drawing path.plan-wall').count()).resolves.toBe(loadTemplate('canteen-kitchen').walls.length);
    await card.locator('button', { hasText: '关闭' }).click();
    await card.waitFor({ state: 'detached' });
  }, 60_000);
});
