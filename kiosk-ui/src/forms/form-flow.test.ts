import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, type FormDefinition } from '@hall/common/forms/definition';
import { testForm } from '@hall/common/forms/test-form';
import type { CreateSubmissionRequest, SubmissionReceipt } from '@hall/common/forms/submission';
import type { AgentReply, PrintPdfRequest, PrintPdfResult } from '@hall/common/agent';
import { createFormFlow, type FormFlowDeps } from './form-flow.ts';
import { FormsApiError, ticketTokenFromQr, type FormsApi } from './forms-api.ts';
import { recordFromIdNumber } from './card-prefill.ts';

const def = formDefinitionSchema.parse(testForm());

function receipt(over: Partial<SubmissionReceipt> = {}): SubmissionReceipt {
  return { id: 's1', code: 'ABCD2345', status: 'submitted', formId: def.id, formVersion: def.version, ticketId: null, ticketNumber: null, createdAt: 0, warnings: [], repeated: false, ...over };
}

function setup(options: { submit?: (r: CreateSubmissionRequest) => Promise<SubmissionReceipt>; print?: AgentReply<PrintPdfResult>; onSubmitted?: FormFlowDeps['onSubmitted'] } = {}) {
  const sent: CreateSubmissionRequest[] = [];
  const printed: PrintPdfRequest[] = [];
  const api: FormsApi = {
    list: async () => [],
    definition: async (id) => (id === def.id ? (def as FormDefinition) : Promise.reject(new FormsApiError('NOT_FOUND', '没有这张申请表'))),
    submit: async (r) => {
      sent.push(r);
      return options.submit ? options.submit(r) : receipt();
    },
    attachTicket: async (_id, r) => receipt({ ticketId: 'ticketId' in r ? (r.ticketId ?? null) : 't-held', ticketNumber: 'Q007' }),
    pdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]).buffer,
    regions: async () => ({ meta: { standard: '', source: '', asOf: '' }, provinces: [] }),
    streets: async () => ({}),
  };
  let keys = 0;
  const flow = createFormFlow({
    api,
    printPdf: async (r) => {
      printed.push(r);
      return options.print ?? { ok: true, data: { deviceId: 'a4', jobId: 1 } };
    },
    today: () => '2026-11-25',
    newKey: () => `key-${++keys}-abcdef`,
    ...(options.onSubmitted ? { onSubmitted: options.onSubmitted } : {}),
  });
  return { flow, sent, printed };
}

async function fillValid(flow: ReturnType<typeof setup>['flow']) {
  await flow.open(def.id);
  flow.start();
  flow.identify(recordFromIdNumber('11010519491231002X'));
}

describe('the form flow', () => {
  it('opens a form, prefills from the person, and highlights what the card filled', async () => {
    const { flow } = setup();
    await flow.open(def.id);
    expect(flow.step.value).toEqual({ kind: 'materials' });
    flow.start();
    expect(flow.step.value).toEqual({ kind: 'card' });
    flow.identify(recordFromIdNumber('11010519491231002X'));
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'who' });
    expect(flow.data.value).toMatchObject({ applicant: { idNumber: '11010519491231002X', gender: 'female', birthDate: '1949-12-31' }, signDate: '2026-11-25' });
    expect([...flow.prefilled.value].sort()).toEqual(['applicant.birthDate', 'applicant.gender', 'applicant.idNumber']);
    expect(flow.dirty.value).toBe(false);
    flow.set('applicant.gender', 'male');
    expect(flow.prefilled.value.has('applicant.gender')).toBe(false);
    expect(flow.dirty.value).toBe(true);
  });

  it('an unknown form stays on the list with the server\'s message', async () => {
    const { flow } = setup();
    await flow.open('nope');
    expect(flow.step.value).toEqual({ kind: 'find' });
    expect(flow.error.value).toBe('没有这张申请表');
  });

  it('下一步 stays on a page with errors and shows them; once fixed, it moves on and messages follow the data', async () => {
    const { flow } = setup();
    await fillValid(flow);
    flow.next();
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'who' });
    expect(flow.issues.value.get('applicant.name')?.message).toBe('请填写姓名');
    // Problems of later pages are not shown before the citizen gets there.
    expect(flow.issues.value.has('kind')).toBe(false);
    flow.set('applicant.name', '王建国');
    expect(flow.issues.value.has('applicant.name')).toBe(false);
    flow.set('applicant.region', '610102');
    flow.next();
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'what' });
    flow.previous();
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'who' });
  });

  it('an answer that makes an earlier page\'s field required leads back to that page', async () => {
    const { flow } = setup();
    await fillValid(flow);
    flow.set('applicant.name', '王建国');
    flow.set('applicant.region', '610102');
    flow.next();
    // (The test form has no such rule across pages; an earlier field emptied stands in for one.)
    flow.set('applicant.name', '');
    flow.set('kind', 'individual');
    flow.set('signature', 'data:image/png;base64,iVBORw0KGgo=');
    flow.next();
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'who' });
    expect(flow.issues.value.get('applicant.name')?.message).toBe('请填写姓名');
  });

  it('submits the shown data once per key, prints the server\'s PDF under the code, and attaches a drawn ticket', async () => {
    const { flow, sent, printed } = setup();
    await fillValid(flow);
    flow.set('applicant.name', '王建国');
    flow.set('applicant.region', '610102');
    flow.next();
    flow.set('kind', 'family');
    flow.set('familyMembers', [{ name: '李秀英', relation: '配偶' }]);
    flow.set('kind', 'individual');
    flow.set('signature', 'data:image/png;base64,iVBORw0KGgo=');
    flow.next();
    expect(flow.step.value).toEqual({ kind: 'review' });
    await flow.submit();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).not.toHaveProperty('familyMembers');
    expect(sent[0]).toMatchObject({ formId: 'test-form', formVersion: 3, idempotencyKey: 'key-1-abcdef' });
    expect(printed).toEqual([{ pdf: expect.any(ArrayBuffer), title: 'form-ABCD2345', copies: 1 }]);
    expect(flow.print.value).toEqual({ kind: 'printed' });
    flow.toTicket();
    expect(await flow.attachTicket({ ticketId: 't1' }, 'Q007')).toBe(true);
    expect(flow.step.value).toMatchObject({ kind: 'done', ticketNumber: 'Q007' });
  });

  it('a printer failure is explained and the form stays submitted; a retry prints again', async () => {
    const { flow, printed } = setup({ print: { ok: false, error: { code: 'PRINT_FAILED', message: '打印失败，请联系工作人员' } } });
    await fillValid(flow);
    flow.set('applicant.name', '王建国');
    flow.set('applicant.region', '610102');
    flow.next();
    flow.set('kind', 'individual');
    flow.set('signature', 'data:image/png;base64,iVBORw0KGgo=');
    flow.next();
    await flow.submit();
    expect(flow.step.value).toMatchObject({ kind: 'submitted' });
    expect(flow.print.value).toEqual({ kind: 'failed', code: 'PRINT_FAILED', message: '打印失败，请联系工作人员' });
    await flow.printAgain();
    expect(printed).toHaveLength(2);
  });

  it('a server refusal naming a field goes back to that field\'s page; the retry keeps the key', async () => {
    let calls = 0;
    const { flow, sent } = setup({
      submit: async () => {
        calls++;
        if (calls === 1) throw new FormsApiError('VALIDATION_FAILED', '姓名：不能为空', 'applicant.name');
        return receipt();
      },
    });
    await fillValid(flow);
    flow.set('applicant.name', '王建国');
    flow.set('applicant.region', '610102');
    flow.next();
    flow.set('kind', 'individual');
    flow.set('signature', 'data:image/png;base64,iVBORw0KGgo=');
    flow.next();
    await flow.submit();
    expect(flow.step.value).toEqual({ kind: 'fill', pageId: 'who' });
    expect(flow.error.value).toBe('姓名：不能为空');
    flow.next();
    flow.next();
    await flow.submit();
    expect(sent.map((s) => s.idempotencyKey)).toEqual(['key-1-abcdef', 'key-1-abcdef']);
  });
});

describe('a held ticket\'s QR', () => {
  it.each([
    ['http://hall.example/t/AbCdEf123456', 'AbCdEf123456'],
    ['https://hall.example/base/t/AbCdEf123456?x=1', 'AbCdEf123456'],
    ['ABCD2345', null],
    ['http://other.example/x/AbCdEf123456', null],
  ])('%s → %s', (text, token) => {
    expect(ticketTokenFromQr(text)).toBe(token);
  });

  it('hands the submitted data and receipt on once the submission succeeds (for the floor-plan editor)', async () => {
    const handed: Array<[string, Record<string, unknown>, SubmissionReceipt]> = [];
    const { flow, sent } = setup({ onSubmitted: (...a) => void handed.push(a) });
    await fillValid(flow);
    flow.set('applicant.name', '王建国');
    flow.set('applicant.region', '610102');
    flow.next();
    flow.set('kind', 'individual');
    flow.set('signature', 'data:image/png;base64,iVBORw0KGgo=');
    flow.next();
    expect(handed).toEqual([]);
    await flow.submit();
    expect(handed).toEqual([['test-form', sent[0]!.data, receipt()]]);
  });
});
