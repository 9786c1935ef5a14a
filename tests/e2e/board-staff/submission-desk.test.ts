// 自助填单 at the window: a citizen's 食品经营许可申请书 was submitted at a kiosk with the ticket
// they drew; the clerk calls that ticket in the desk and sees the form field by field (with
// the credit-code warning), corrects a phone number with a reason, and accepts it. A form
// without a ticket is found by typing the code printed on it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHall, CLERK, type TestClient, type TestHall } from '@hall/server/testing';
import type { SubmissionDetail, SubmissionReceipt } from '@hall/common/forms/index';
import { sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { artifactPath, launchBrowser } from '../lib/browser.ts';
import { drawTicket, openDesk } from './support.ts';

let hall: TestHall;
let browser: Browser;
let kiosk: TestClient;
let desk: Page;
let clerkToken: string;

/** Submitted as the demo kiosk does: from this machine, no token (the demo's pre-pairing). */
async function submit(data: Record<string, unknown>, ticketId?: string): Promise<SubmissionReceipt> {
  const r = await hall.request<SubmissionReceipt>('POST', '/api/submissions', {
    formId: 'food-business-licence',
    formVersion: 1,
    data,
    idempotencyKey: `e2e-form-${process.pid}-${Math.random().toString(36).slice(2)}`,
    ...(ticketId ? { ticketId } : {}),
  });
  if (r.status !== 201) throw new Error(`submit failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

function sample(): Record<string, unknown> {
  return structuredClone(sampleFoodLicenceSubmission.data);
}

const row = (path: string) => desk.locator(`tr.submission-field[data-path="${path}"]`);

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  browser = await launchBrowser();
  kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-1' });
  desk = await openDesk(browser, hall, CLERK(1), 1);
  desk.setDefaultTimeout(15_000);
  clerkToken = await hall.login(CLERK(2));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hall?.cleanup();
});

describe('the clerk desk shows the called ticket’s form', () => {
  it('calls the ticket, shows its values and warning, corrects one with a reason and accepts it', async () => {
    const { ticket } = await drawTicket(kiosk, 'food-business-licence');
    const data = sample();
    (data.applicant as Record<string, unknown>).creditCode = '92610102MA6X8K3L26';
    const receipt = await submit(data, ticket.id);

    await desk.locator('.action-callNext:not([disabled])').click();
    await desk.locator('.current-number', { hasText: ticket.number }).waitFor();
    const card = desk.locator(`.submission-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.locator('h3').textContent()).resolves.toBe('食品经营许可申请书');
    await expect(card.locator('.submission-status').textContent()).resolves.toBe('待受理');
    // The same values the citizen filled, as printed: names, numbers, option labels, region names.
    await expect(row('applicant.name').locator('.field-value').textContent()).resolves.toBe('西安市新城区老王家面馆店');
    await expect(row('applicant.legalRep').locator('.field-value').textContent()).resolves.toBe('王建国');
    await expect(row('applicant.legalRepIdNumber').locator('.field-value').textContent()).resolves.toBe('610102197805120311');
    await expect(row('business.type').locator('.field-value').textContent()).resolves.toBe('餐饮服务经营者');
    await expect(row('business.premisesRegion').locator('.field-value').textContent()).resolves.toContain('陕西省西安市新城区');
    await expect(row('staff').locator('.submission-table tbody tr').count()).resolves.toBe(4);
    await expect(row('staff').locator('.submission-table').textContent()).resolves.toContain('李秀英');
    // The credit code fails its check character: a warning beside the field, not a refusal.
    await expect(row('applicant.creditCode').locator('.field-warning').textContent()).resolves.toContain('GB 32100');
    await expect(card.locator('.submission-warnings').textContent()).resolves.toContain('1处需要核对');

    // Correct the legal representative's phone, with a reason.
    await row('applicant.legalRepPhone').locator('.field-correct').click();
    await row('applicant.legalRepPhone').locator('input[name=correctionValue]').fill('13700001111');
    await row('applicant.legalRepPhone').locator('input[name=correctionReason]').fill('市民口述更正');
    await row('applicant.legalRepPhone').locator('button[type=submit]').click();
    await row('applicant.legalRepPhone').locator('.tag.corrected').waitFor();
    await expect(row('applicant.legalRepPhone').locator('.field-value').textContent()).resolves.toBe('13700001111');
    await expect(card.locator('.submission-history').textContent()).resolves.toContain('由 13991234567 改为 13700001111（市民口述更正）');

    // A wrong correction is refused with the server's message, naming the field.
    await row('contact.email').locator('.field-correct').click();
    await row('contact.email').locator('input[name=correctionValue]').fill('not-an-email');
    await row('contact.email').locator('input[name=correctionReason]').fill('更正邮箱');
    await row('contact.email').locator('button[type=submit]').click();
    await expect(card.locator('.feedback.error').textContent()).resolves.toContain('“电子邮箱”');
    await row('contact.email').locator('button', { hasText: '取消' }).click();

    await desk.screenshot({ path: artifactPath('board-staff-desk-submission.png'), fullPage: true });
    await card.locator('.submission-accept').click();
    await card.locator('.submission-status', { hasText: '已受理' }).waitFor();
    await expect(card.locator('.field-correct').count()).resolves.toBe(0);

    // What the server kept: the corrected data, the old value in the history, the decision.
    const stored = await hall.request<SubmissionDetail>('GET', `/api/submissions/by-code/${receipt.code}`, undefined, clerkToken);
    expect(stored.body.status).toBe('accepted');
    expect(stored.body.decision?.by.id).toBe('clerk01');
    expect(stored.body.data).toMatchObject({ applicant: { legalRepPhone: '13700001111' }, contact: { email: 'laowangmian@example.com' } });
    expect(stored.body.corrections).toEqual([expect.objectContaining({ path: 'applicant.legalRepPhone', oldValue: '13991234567', newValue: '13700001111', reason: '市民口述更正' })]);
  }, 60_000);

  it('a form attached while its ticket is already at the window shows up without calling again', async () => {
    const { ticket } = await drawTicket(kiosk, 'food-business-licence');
    await desk.locator('.action-callNext:not([disabled])').click();
    // A ticket still open at the window (the last test's) is finished on the way.
    const finish = desk.locator('.dialog-actions .action.good');
    const called = desk.locator('.current-number', { hasText: ticket.number });
    await finish.or(called).first().waitFor();
    if (await finish.isVisible()) await finish.click();
    await called.waitFor();
    await desk.locator('.submission-none').waitFor();

    // The citizen fills the form at a kiosk now and attaches the ticket they hold.
    const receipt = await submit(sample());
    const attached = await hall.request('POST', `/api/submissions/${receipt.id}/ticket`, { ticketId: ticket.id });
    expect(attached.status).toBe(200);
    const card = desk.locator(`.submission-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.locator('.submission-head').textContent()).resolves.toContain(ticket.number);
    expect(await desk.locator('.submission-none').count()).toBe(0);
    await expect(desk.locator('.submission-panel .count-badge').textContent()).resolves.toBe('1');
  }, 60_000);

  it('finds a form by the code typed from the paper, and returns it with reasons', async () => {
    const receipt = await submit(sample());
    const typed = `${receipt.code.slice(0, 4).toLowerCase()} ${receipt.code.slice(4)}`;
    await desk.fill('input[name=submissionCode]', typed);
    await desk.press('input[name=submissionCode]', 'Enter');
    const card = desk.locator(`.submission-card[data-code="${receipt.code}"]`);
    await card.waitFor();
    await expect(card.locator('.submission-head').textContent()).resolves.toContain('未关联号');
    await card.locator('.submission-return-open').click();
    await card.locator('textarea[name=returnReasons]').fill('缺少经营场所平面图\n健康证明请携带原件');
    await card.locator('button', { hasText: '确认退回' }).click();
    await card.locator('.submission-status', { hasText: '已退回' }).waitFor();
    await expect(card.locator('.submission-decision').textContent()).resolves.toContain('缺少经营场所平面图；健康证明请携带原件');
    // Export for the department's system: a JSON file and the PDF, saved by the browser.
    const [json] = await Promise.all([desk.waitForEvent('download'), card.locator('.submission-export-json').click()]);
    expect(json.suggestedFilename()).toBe(`food-business-licence-${receipt.code}.json`);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({ kind: 'hall-form-submission', code: receipt.code, status: 'returned', data: { applicant: { legalRep: '王建国' } } });
    const [pdf] = await Promise.all([desk.waitForEvent('download'), card.locator('.submission-export-pdf').click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
