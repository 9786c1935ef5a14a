// Form definitions over REST: the newest version of each form for kiosks, uploads by admins
// (checked, compiled by Ajv, newer than what is served, audited, kept across a restart), and
// the purge of submissions no clerk decided on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition, FormList, FormSummary, SubmissionDetail, SubmissionReceipt } from '@hall/common/forms/index';
import { formDefinition } from '@hall/fixtures/src/forms.ts';
import { CLERK, startHall, TestClock, type TestHall } from '../harness.ts';
import { pairKiosk, sampleRequest, type ErrorReply } from './support.ts';

let hall: TestHall;
let admin: string;
let clerk: string;
const clock = new TestClock();

beforeAll(async () => {
  hall = await startHall({ clock });
  admin = await hall.login();
  clerk = await hall.login(CLERK(2));
}, 30_000);
afterAll(async () => {
  await hall.cleanup();
});

/** The shipped outdoor-signage form as JSON, changed by `change`. */
function signage(change: (def: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const def = structuredClone(formDefinition('outdoor-signage', 1)) as unknown as Record<string, unknown>;
  change(def);
  return def;
}

describe('reading definitions', () => {
  it('lists the newest version of every shipped form with what to have at hand', async () => {
    const r = await hall.request<FormList>('GET', '/api/forms');
    expect(r.status).toBe(200);
    expect(r.body.forms).toHaveLength(5);
    const food = r.body.forms.find((f) => f.id === 'food-business-licence')!;
    expect(food).toMatchObject({ version: 1, title: '食品经营许可申请书', serviceItemIds: ['food-licence-catering', 'small-catering-registration'], origin: 'shipped' });
    expect(food.pageCount).toBeGreaterThan(1);
    expect(food.materials.length).toBeGreaterThan(0);
  });

  it('serves a full definition, newest or by version, and names what is unknown', async () => {
    const r = await hall.request<FormDefinition>('GET', '/api/forms/food-business-licence');
    expect(r.status).toBe(200);
    expect(r.body.schema.properties?.applicant).toBeDefined();
    expect((await hall.request<FormDefinition>('GET', '/api/forms/food-business-licence?version=1')).body.version).toBe(1);
    const noForm = await hall.request<ErrorReply>('GET', '/api/forms/no-such-form');
    expect(noForm.status).toBe(404);
    expect(noForm.body.error.field).toBe('formId');
    const noVersion = await hall.request<ErrorReply>('GET', '/api/forms/food-business-licence?version=3');
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.error.field).toBe('version');
    const badVersion = await hall.request<ErrorReply>('GET', '/api/forms/food-business-licence?version=abc');
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.field).toBe('version');
    const badId = await hall.request<ErrorReply>('GET', '/api/forms/Bad_Id');
    expect(badId.status).toBe(400);
    expect(badId.body.error.field).toBe('formId');
  });

  it('are in the OpenAPI document', async () => {
    type Operation = { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> };
    const doc = await hall.request<{ paths: Record<string, Record<string, Operation>> }>('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/forms', '/api/forms/{formId}', '/api/submissions', '/api/submissions/{id}/ticket', '/api/submissions/{id}/pdf', '/api/submissions/by-code/{code}', '/api/submissions/{id}/corrections', '/api/submissions/{id}/accept', '/api/submissions/{id}/return', '/api/submissions/{id}/export.json']),
    );
    // The PDF is described as what it is: binary application/pdf, not a JSON string.
    const pdf = doc.body.paths['/api/submissions/{id}/pdf']!.get!.responses['200']!;
    expect(pdf.content).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    // Its errors are still JSON, and JSON replies still carry their schema.
    expect(Object.keys(doc.body.paths['/api/submissions/{id}/pdf']!.get!.responses.default!.content!)).toEqual(['application/json']);
    expect(doc.body.paths['/api/forms']!.get!.responses['200']!.content!['application/json']!.schema).toMatchObject({ type: 'object' });
  });
});

describe('uploading a new version', () => {
  it('is for admins only', async () => {
    expect((await hall.request<ErrorReply>('POST', '/api/forms', signage((d) => (d.version = 2)), clerk)).status).toBe(403);
    expect((await hall.request<ErrorReply>('POST', '/api/forms', signage((d) => (d.version = 2)))).status).toBe(401);
  });

  it('rejects a broken definition with a message naming the form and the problem', async () => {
    const broken = signage((d) => {
      d.version = 2;
      const layout = d.layout as { pages: Array<{ groups: Array<{ fields: Array<{ help: string; sample?: unknown }> }> }> };
      delete layout.pages[0]!.groups[0]!.fields[0]!.sample;
    });
    const r = await hall.request<ErrorReply>('POST', '/api/forms', broken, admin);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.message).toMatch(/^表单定义有误：表单 outdoor-signage v2：字段 \S+（.+）缺少样例值/);
    const notAForm = await hall.request<ErrorReply>('POST', '/api/forms', { hello: 'world' }, admin);
    expect(notAForm.status).toBe(400);
    expect(notAForm.body.error.message).toMatch(/表单（无 id）：结构错误/);
  });

  it('rejects a schema Ajv cannot compile, and a broken pattern, without a 500', async () => {
    const unknownKeyword = signage((d) => {
      d.version = 2;
      const props = (d.schema as { properties: Record<string, Record<string, unknown>> }).properties;
      (props.applicant as { properties: Record<string, Record<string, unknown>> }).properties.name!.maxLenght = 30;
    });
    const r = await hall.request<ErrorReply>('POST', '/api/forms', unknownKeyword, admin);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('schema');
    expect(r.body.error.message).toMatch(/outdoor-signage v2：JSON Schema 无法编译：.*maxLenght/);
    const badPattern = signage((d) => {
      d.version = 2;
      const props = (d.schema as { properties: Record<string, Record<string, unknown>> }).properties;
      (props.applicant as { properties: Record<string, Record<string, unknown>> }).properties.name!.pattern = '([';
    });
    const p = await hall.request<ErrorReply>('POST', '/api/forms', badPattern, admin);
    expect(p.status).toBe(400);
    expect(p.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a version that is not higher than the one served', async () => {
    const r = await hall.request<ErrorReply>('POST', '/api/forms', signage(), admin);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ field: 'version', message: '表单 outdoor-signage 的版本号应高于当前的第1版（上传的是第1版）' });
  });

  it('serves an accepted upload as the newest version, audits it, and keeps it across a restart', async () => {
    const v2 = signage((d) => {
      d.version = 2;
      d.title = '户外招牌设置申请表（本区版）';
    });
    const r = await hall.request<FormSummary>('POST', '/api/forms', v2, admin);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'outdoor-signage', version: 2, origin: 'uploaded', title: '户外招牌设置申请表（本区版）' });
    expect((await hall.request<FormDefinition>('GET', '/api/forms/outdoor-signage')).body.version).toBe(2);
    expect((await hall.request<FormDefinition>('GET', '/api/forms/outdoor-signage?version=1')).body.version).toBe(1);
    const audit = await hall.request<Array<{ action: string; target: string; detail: Record<string, unknown> }>>('GET', '/api/admin/audit', undefined, admin);
    expect(audit.body.find((e) => e.action === 'form.upload')).toMatchObject({ target: 'form:outdoor-signage', detail: { version: 2, previousVersion: 1 } });

    await hall.stop();
    hall = await startHall({ clock, dir: hall.dir });
    admin = await hall.login();
    clerk = await hall.login(CLERK(2));
    const list = await hall.request<FormList>('GET', '/api/forms');
    expect(list.body.forms.find((f) => f.id === 'outdoor-signage')).toMatchObject({ version: 2, origin: 'uploaded' });
  }, 30_000);
});

describe('purging submissions no clerk decided on', () => {
  it('deletes undecided submissions after the configured 7 days, decided ones after the hall’s retention period, and audits the counts', async () => {
    const kiosk = await pairKiosk(hall, admin, 'kiosk-3');
    const submit = async () => (await hall.request<SubmissionReceipt>('POST', '/api/submissions', sampleRequest(), kiosk)).body;
    const stale = await submit();
    const decided = await submit();
    expect((await hall.request('POST', `/api/submissions/${decided.id}/accept`, {}, clerk)).status).toBe(200);
    clock.advance(3 * 86_400_000);
    const recent = await submit();

    clock.advance(4 * 86_400_000 + 60_000);
    expect(hall.server.forms.purge()).toEqual({ undecided: 1, decided: 0 });
    // A week on, the sessions have expired too.
    admin = await hall.login();
    clerk = await hall.login(CLERK(2));
    const byCode = (code: string) => hall.request<SubmissionDetail | ErrorReply>('GET', `/api/submissions/by-code/${code}`, undefined, clerk);
    expect((await byCode(stale.code)).status).toBe(404);
    expect((await byCode(decided.code)).status).toBe(200);
    expect((await byCode(recent.code)).status).toBe(200);
    const audit = await hall.request<Array<{ action: string; detail: Record<string, unknown> }>>('GET', '/api/admin/audit', undefined, admin);
    expect(audit.body.find((e) => e.action === 'form.submission.purge')).toMatchObject({ detail: { undecided: 1, decided: 0, retentionDays: 7 } });
    expect(hall.server.forms.purge()).toEqual({ undecided: 0, decided: 0 });

    // A decided one goes once the hall's personal-data retention (30 days in the demo) has passed since the decision.
    clock.advance(23 * 86_400_000);
    expect(hall.server.forms.purge()).toEqual({ undecided: 1, decided: 1 });
    clerk = await hall.login(CLERK(2));
    expect((await byCode(decided.code)).status).toBe(404);
  });
});
