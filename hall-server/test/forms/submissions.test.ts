// Form submissions against a real hall server (real SQLite file, real HTTP): the kiosk's side
// (validate with Ajv, idempotent create, attach a ticket, print) and the clerk's side (look up,
// correct, accept, return, export), with the audit trail, encryption at rest and the purge.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@hall/common/api';
import { printForm, submissionCodeAlphabet, type SubmissionDetail, type SubmissionExport, type SubmissionReceipt } from '@hall/common/forms/index';
import { formDefinition, loadStreets } from '@hall/fixtures/src/forms.ts';
import { CLERK, startHall, type TestHall } from '../harness.ts';
import { pdfText, squeeze, writeTempPdf } from '../documents/poppler.ts';
import { key, pairKiosk, sampleData, sampleRequest, type ErrorReply } from './support.ts';

let hall: TestHall;
let admin: string;
let clerk: string;
let kiosk: string;
let otherKiosk: string;

beforeAll(async () => {
  hall = await startHall();
  admin = await hall.login();
  clerk = await hall.login(CLERK(1));
  kiosk = await pairKiosk(hall, admin, 'kiosk-1');
  otherKiosk = await pairKiosk(hall, admin, 'kiosk-2');
}, 30_000);
afterAll(async () => {
  await hall.cleanup();
});

async function submit(overrides: Record<string, unknown> = {}, token = kiosk): Promise<SubmissionReceipt> {
  const r = await hall.request<SubmissionReceipt>('POST', '/api/submissions', sampleRequest(overrides), token);
  if (r.status !== 201) throw new Error(`submit failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function drawTicket(categoryId = 'food-business-licence'): Promise<IssuedTicket> {
  const r = await hall.request<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: key(), categoryId }, kiosk);
  if (r.status !== 201) throw new Error(`ticket failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function audit(): Promise<Array<{ action: string; target: string; actor: { id: string }; detail: Record<string, unknown> }>> {
  return (await hall.request<Array<{ action: string; target: string; actor: { id: string }; detail: Record<string, unknown> }>>('GET', '/api/admin/audit?limit=500', undefined, admin)).body;
}

describe('creating a submission (kiosk)', () => {
  it('validates, stores and answers with a short code and no warnings for the sample', async () => {
    const r = await hall.request<SubmissionReceipt>('POST', '/api/submissions', sampleRequest(), kiosk);
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(new RegExp(`^[${submissionCodeAlphabet}]{8}$`));
    expect(r.body).toMatchObject({ status: 'submitted', formId: 'food-business-licence', formVersion: 1, ticketId: null, warnings: [], repeated: false });
  });

  it('returns the first submission for a repeated idempotency key, and refuses the key for other content', async () => {
    const request = sampleRequest();
    const first = await hall.request<SubmissionReceipt>('POST', '/api/submissions', request, kiosk);
    const again = await hall.request<SubmissionReceipt>('POST', '/api/submissions', request, kiosk);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, code: first.body.code, repeated: true });
    const data = sampleData();
    (data.contact as Record<string, unknown>).name = '王小明';
    const other = await hall.request<ErrorReply>('POST', '/api/submissions', { ...request, data }, kiosk);
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'idempotencyKey' });
  });

  it('names a missing required field by its label, in Chinese', async () => {
    const data = sampleData();
    delete (data.applicant as Record<string, unknown>).legalRep;
    const r = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ data }), kiosk);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.field).toBe('data.applicant.legalRep');
    expect(r.body.error.message).toBe('请填写“法定代表人（负责人）”');
  });

  it('names a badly formatted field, a table cell and a wrong choice', async () => {
    const data = sampleData();
    (data.applicant as Record<string, unknown>).legalRepPhone = '1399123';
    (data.staff as Array<Record<string, unknown>>)[1]!.certValidUntil = '2027-13-40';
    (data.business as Record<string, unknown>).type = 'bakery';
    const r = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ data }), kiosk);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('data.applicant.legalRepPhone');
    expect(r.body.error.message).toMatch(/^“法定代表人（负责人）电话”的格式不正确（共\d+处需要修改）$/);
    const messages = r.body.error.details!.problems!.map((p) => p.message);
    expect(messages).toContain('“从业人员名单第2行的健康证明有效期至”应为日期（年-月-日）');
    expect(messages).toContain('“主体业态”不是可选的值，请从选项中选择');
  });

  it('refuses an ID number whose check character is wrong, naming the field', async () => {
    const data = sampleData();
    (data.safety as Record<string, unknown>).managerIdNumber = '610103198509110621';
    const r = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ data }), kiosk);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('data.safety.managerIdNumber');
    expect(r.body.error.message).toBe('“管理人员身份证号码”：身份证号码校验位不正确，请逐位核对');
  });

  it('accepts a credit code that fails its check character, with a warning for the clerk', async () => {
    const data = sampleData();
    (data.applicant as Record<string, unknown>).creditCode = '92610102MA6X8K3L26';
    const r = await submit({ data });
    expect(r.warnings).toEqual([expect.objectContaining({ path: 'applicant.creditCode', label: '统一社会信用代码', code: 'credit_code_check' })]);
  });

  it('rejects unknown forms and versions, malformed requests and unauthenticated callers with 4xx naming the field', async () => {
    const unknownForm = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ formId: 'no-such-form' }), kiosk);
    expect(unknownForm.status).toBe(404);
    expect(unknownForm.body.error.field).toBe('formId');
    const unknownVersion = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ formVersion: 7 }), kiosk);
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body.error.field).toBe('formVersion');
    const noKey = await hall.request<ErrorReply>('POST', '/api/submissions', { ...sampleRequest(), idempotencyKey: undefined }, kiosk);
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.field).toBe('idempotencyKey');
    const notObject = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ data: [1, 2] }), kiosk);
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.field).toBe('data');
    const badTicket = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest({ ticketId: 'no-such-ticket' }), kiosk);
    expect(badTicket.status).toBe(404);
    expect(badTicket.body.error).toMatchObject({ code: 'TICKET_NOT_FOUND', field: 'ticketId' });
    const stranger = await hall.request<ErrorReply>('POST', '/api/submissions', sampleRequest(), 'not-a-real-token');
    expect(stranger.status).toBe(401);
  });
});

describe('a ticket for the submission', () => {
  it('attaches a ticket drawn after filling, and one held already by its slip QR token', async () => {
    const receipt = await submit();
    const ticket = await drawTicket();
    const attached = await hall.request<SubmissionReceipt>('POST', `/api/submissions/${receipt.id}/ticket`, { ticketId: ticket.ticket.id }, kiosk);
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ id: receipt.id, ticketId: ticket.ticket.id, ticketNumber: ticket.ticket.number });

    const second = await submit();
    const held = await drawTicket('business-registration');
    const byToken = await hall.request<SubmissionReceipt>('POST', `/api/submissions/${second.id}/ticket`, { ticketToken: held.publicToken }, kiosk);
    expect(byToken.status).toBe(200);
    expect(byToken.body.ticketNumber).toBe(held.ticket.number);
  });

  it('takes a ticket in the create request too', async () => {
    const ticket = await drawTicket();
    const receipt = await submit({ ticketId: ticket.ticket.id });
    expect(receipt.ticketNumber).toBe(ticket.ticket.number);
  });

  it('clerk desks hear of every link to a ticket (ids only, nothing personal); boards and kiosks do not', async () => {
    const desk = await hall.connect('/counter', { token: clerk });
    const board = await hall.connect('/board', { deviceId: 'board-main' });
    const heard: unknown[] = [];
    const elsewhere: unknown[] = [];
    desk.socket.on('submission:attached', (n: unknown) => heard.push(n));
    board.socket.on('submission:attached', (n: unknown) => elsewhere.push(n));
    try {
      const ticket = await drawTicket();
      const created = await submit({ ticketId: ticket.ticket.id });
      const later = await submit();
      await desk.waitUntil(() => heard.length === 1);
      expect(heard).toEqual([{ ticketId: ticket.ticket.id, submissionId: created.id }]);
      // Submitted without a ticket: nothing to tell yet; attached later: told then, once.
      await hall.request('POST', `/api/submissions/${later.id}/ticket`, { ticketId: ticket.ticket.id }, kiosk);
      await hall.request('POST', `/api/submissions/${later.id}/ticket`, { ticketId: ticket.ticket.id }, kiosk);
      await desk.waitUntil(() => heard.length >= 2);
      await desk.command('snapshot:get');
      expect(heard).toEqual([
        { ticketId: ticket.ticket.id, submissionId: created.id },
        { ticketId: ticket.ticket.id, submissionId: later.id },
      ]);
      // A reply on the board's socket comes after anything sent to it before.
      await board.command('snapshot:get');
      expect(elsewhere).toEqual([]);
    } finally {
      desk.close();
      board.close();
    }
  });

  it('refuses a missing or unknown ticket, both kinds at once, and another kiosk', async () => {
    const receipt = await submit();
    const neither = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/ticket`, {}, kiosk);
    expect(neither.status).toBe(400);
    expect(neither.body.error.field).toBe('ticketId');
    const ticket = await drawTicket();
    const both = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/ticket`, { ticketId: ticket.ticket.id, ticketToken: ticket.publicToken }, kiosk);
    expect(both.status).toBe(400);
    const unknown = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/ticket`, { ticketToken: 'nope-nope' }, kiosk);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('ticketToken');
    const other = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/ticket`, { ticketId: ticket.ticket.id }, otherKiosk);
    expect(other.status).toBe(403);
    const missing = await hall.request<ErrorReply>('POST', '/api/submissions/no-such-id/ticket', { ticketId: ticket.ticket.id }, kiosk);
    expect(missing.status).toBe(404);
  });
});

describe('the printed submission', () => {
  it('is an A4 PDF showing every filled value and the code, for the kiosk that sent it and for staff only', async () => {
    const receipt = await submit();
    const res = await fetch(`${hall.url}/api/submissions/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${kiosk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const pdf = await writeTempPdf(bytes, 'submission.pdf');
    try {
      const text = squeeze(await pdfText(pdf.path));
      const regions = await loadStreets('61');
      const printed = printForm(formDefinition('food-business-licence', 1)!, sampleData(), { regionName: (c) => regions.fullName(c) });
      const values = printed.sections.flatMap((s) => (s.kind === 'fields' ? s.rows.map((r) => r.value) : s.kind === 'table' ? s.rows.flat() : []));
      expect(values.length).toBeGreaterThan(40);
      for (const value of values.filter((v) => v.trim())) expect(text, value).toContain(squeeze(value));
      expect(text).toContain(receipt.code);
      // The code is on both pages.
      expect(text.split(receipt.code).length - 1).toBeGreaterThanOrEqual(2);
    } finally {
      await pdf.cleanup();
    }
    expect((await fetch(`${hall.url}/api/submissions/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${otherKiosk}` } })).status).toBe(403);
    expect((await fetch(`${hall.url}/api/submissions/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${clerk}` } })).status).toBe(200);
  }, 30_000);
});

describe('the clerk desk', () => {
  it('finds a called ticket’s submission with its data field by field and its warnings', async () => {
    const data = sampleData();
    (data.applicant as Record<string, unknown>).creditCode = '92610102MA6X8K3L26';
    const ticket = await drawTicket();
    const receipt = await submit({ data, ticketId: ticket.ticket.id });
    const list = await hall.request<{ submissions: SubmissionDetail[] }>('GET', `/api/submissions?ticketId=${ticket.ticket.id}`, undefined, clerk);
    expect(list.status).toBe(200);
    expect(list.body.submissions.map((s) => s.id)).toEqual([receipt.id]);
    const detail = list.body.submissions[0]!;
    expect(detail.form).toMatchObject({ id: 'food-business-licence', version: 1, title: '食品经营许可申请书' });
    expect(detail.ticketNumber).toBe(ticket.ticket.number);
    const field = (path: string) => detail.fields.find((f) => f.path === path)!;
    expect(field('applicant.legalRep')).toMatchObject({ label: '法定代表人（负责人）', text: '王建国', shown: true, corrected: false });
    expect(field('business.type').text).toBe('餐饮服务经营者');
    expect(field('business.premisesRegion').text).toContain('陕西省西安市新城区');
    expect(field('business.canteenKind').shown).toBe(false);
    expect(field('staff').table!.rows).toHaveLength(4);
    expect(field('applicant.creditCode').warnings).toEqual([expect.objectContaining({ code: 'credit_code_check' })]);
    expect(detail.purgeAt).toBe(detail.createdAt + 7 * 86_400_000);

    const none = await hall.request<{ submissions: SubmissionDetail[] }>('GET', `/api/submissions?ticketId=${(await drawTicket()).ticket.id}`, undefined, clerk);
    expect(none.body.submissions).toEqual([]);
    const noQuery = await hall.request<ErrorReply>('GET', '/api/submissions', undefined, clerk);
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.error.field).toBe('ticketId');
    expect((await hall.request('GET', `/api/submissions?ticketId=${ticket.ticket.id}`)).status).toBe(401);
    expect((await hall.request('GET', `/api/submissions?ticketId=${ticket.ticket.id}`, undefined, kiosk)).status).toBe(401);
  });

  it('finds a submission by its code as scanned or typed (any case, with a space)', async () => {
    const receipt = await submit();
    const typed = `${receipt.code.slice(0, 4).toLowerCase()} ${receipt.code.slice(4)}`;
    const found = await hall.request<SubmissionDetail>('GET', `/api/submissions/by-code/${encodeURIComponent(typed)}`, undefined, clerk);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(receipt.id);
    const unknown = await hall.request<ErrorReply>('GET', '/api/submissions/by-code/ABCD2345', undefined, clerk);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('code');
    const malformed = await hall.request<ErrorReply>('GET', '/api/submissions/by-code/OOPS', undefined, clerk);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('code');
  });

  it('corrects a field with a reason, keeping the old value, and audits it without the value', async () => {
    const receipt = await submit();
    const url = `/api/submissions/${receipt.id}/corrections`;
    const noReason = await hall.request<ErrorReply>('POST', url, { path: 'contact.phone', value: '13700000000', reason: ' ' }, clerk);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const badPath = await hall.request<ErrorReply>('POST', url, { path: 'contact.fax', value: '1', reason: '补充' }, clerk);
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.field).toBe('path');
    const badValue = await hall.request<ErrorReply>('POST', url, { path: 'applicant.legalRepPhone', value: '12345', reason: '电话号码有误' }, clerk);
    expect(badValue.status).toBe(400);
    expect(badValue.body.error).toMatchObject({ field: 'value', message: '“法定代表人（负责人）电话”的格式不正确' });

    const ok = await hall.request<SubmissionDetail>('POST', url, { path: 'applicant.legalRepPhone', value: '13700001111', reason: '市民口述更正' }, clerk);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ applicant: { legalRepPhone: '13700001111' } });
    expect(ok.body.corrections).toEqual([
      expect.objectContaining({ path: 'applicant.legalRepPhone', label: '法定代表人（负责人）电话', oldValue: '13991234567', newValue: '13700001111', reason: '市民口述更正', by: { id: 'clerk01', name: expect.any(String) } }),
    ]);
    expect(ok.body.fields.find((f) => f.path === 'applicant.legalRepPhone')).toMatchObject({ text: '13700001111', corrected: true });

    const entry = (await audit()).find((e) => e.action === 'form.submission.correct' && e.target === `submission:${receipt.code}`);
    expect(entry).toMatchObject({ actor: { id: 'clerk01' }, detail: { path: 'applicant.legalRepPhone', label: '法定代表人（负责人）电话' } });
    expect(JSON.stringify(entry)).not.toContain('13700001111');
    expect(JSON.stringify(entry)).not.toContain('13991234567');
  });

  it('accepts once, audited; no correction or second decision afterwards', async () => {
    const receipt = await submit();
    const accepted = await hall.request<SubmissionDetail>('POST', `/api/submissions/${receipt.id}/accept`, {}, clerk);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decision: { status: 'accepted', by: { id: 'clerk01' }, reasons: [] } });
    // Kept for the hall's personal-data retention (30 days in the demo) from the decision.
    expect(accepted.body.purgeAt).toBe(accepted.body.decision!.at + 30 * 86_400_000);
    const again = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/return`, { reasons: ['材料不全'] }, clerk);
    expect(again.status).toBe(409);
    const correct = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/corrections`, { path: 'contact.name', value: '王二', reason: 'x' }, clerk);
    expect(correct.status).toBe(409);
    expect((await audit()).some((e) => e.action === 'form.submission.accept' && e.target === `submission:${receipt.code}`)).toBe(true);
  });

  it('returns with reasons, audited; refuses a return without one', async () => {
    const receipt = await submit();
    const none = await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/return`, { reasons: [] }, clerk);
    expect(none.status).toBe(400);
    expect(none.body.error.field).toBe('reasons');
    const returned = await hall.request<SubmissionDetail>('POST', `/api/submissions/${receipt.id}/return`, { reasons: ['缺少经营场所平面图', '健康证明已过期'] }, clerk);
    expect(returned.status).toBe(200);
    expect(returned.body.decision).toMatchObject({ status: 'returned', reasons: ['缺少经营场所平面图', '健康证明已过期'] });
    expect((await audit()).some((e) => e.action === 'form.submission.return' && e.target === `submission:${receipt.code}` && e.detail.reasonCount === 2)).toBe(true);
    expect((await hall.request<ErrorReply>('POST', '/api/submissions/no-such/accept', {}, clerk)).status).toBe(404);
    expect((await hall.request<ErrorReply>('POST', `/api/submissions/${receipt.id}/accept`, {}, kiosk)).status).toBe(401);
  });

  it('exports the data as JSON for the department’s system', async () => {
    const receipt = await submit();
    const res = await fetch(`${hall.url}/api/submissions/${receipt.id}/export.json`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`food-business-licence-${receipt.code}.json`);
    const body = (await res.json()) as SubmissionExport;
    expect(body).toMatchObject({ kind: 'hall-form-submission', code: receipt.code, formTitle: '食品经营许可申请书', data: sampleData() });
    expect(body.printed.find((p) => p.path === 'business.type')!.text).toBe('餐饮服务经营者');
    expect((await audit()).some((e) => e.action === 'form.submission.export' && e.target === `submission:${receipt.code}`)).toBe(true);
  });
});

describe('reading one submission by id', () => {
  it('serves staff, refuses kiosks, and names a malformed or unknown id', async () => {
    const receipt = await submit();
    const ok = await hall.request<SubmissionDetail>('GET', `/api/submissions/${receipt.id}`, undefined, clerk);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: receipt.id, code: receipt.code, status: 'submitted', deviceId: 'kiosk-1' });
    expect((await hall.request('GET', `/api/submissions/${receipt.id}`, undefined, kiosk)).status).toBe(401);
    const malformed = await hall.request<ErrorReply>('GET', '/api/submissions/NOT_AN_ID!', undefined, clerk);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
    for (const path of ['/api/submissions/f-unknown', '/api/submissions/f-unknown/export.json', '/api/submissions/f-unknown/pdf']) {
      const r = await hall.request<ErrorReply>('GET', path, undefined, clerk);
      expect(r.status, path).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('privacy', () => {
  it('keeps the data encrypted at rest: the raw SQLite files hold no name, ID number or phone', async () => {
    const data = sampleData();
    (data.applicant as Record<string, unknown>).legalRep = '欧阳雪芹';
    (data.contact as Record<string, unknown>).name = '欧阳雪芹';
    const receipt = await submit({ data });
    hall.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['hall.db', 'hall.db-wal'].map((f) => join(hall.dir, f)).filter((f) => existsSync(f));
    const raw = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(raw.length).toBeGreaterThan(10_000);
    // The search does see what was written in clear (the code is a lookup column)…
    expect(raw.includes(Buffer.from(receipt.code, 'utf8'))).toBe(true);
    // …and not the person's data, which is sealed.
    for (const secret of ['欧阳雪芹', '610102197805120311', '61010319850911062X', '13891234568', '老王家面馆']) {
      expect(raw.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    // …while the clerk still reads it back.
    const found = await hall.request<SubmissionDetail>('GET', `/api/submissions/by-code/${receipt.code}`, undefined, clerk);
    expect(found.body.fields.find((f) => f.path === 'applicant.legalRep')!.text).toBe('欧阳雪芹');
    // The key is not in the database: it is in its own file beside it, readable by the owner only.
    expect((statSync(join(hall.dir, 'submission.key')).mode & 0o077) === 0).toBe(true);
  });
});
