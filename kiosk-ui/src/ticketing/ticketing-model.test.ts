import { describe, expect, it } from 'vitest';
import type { AgentReply, PrintTicketResult } from '@hall/common/agent';
import type { IssuedTicket, IssueTicketRequest } from '@hall/common/api';
import { createTicketingModel, randomKey, type IdentityInput } from './ticketing-model.ts';
import type { CommandResult } from '../net/hall-connection.ts';

const issued = { ticket: { id: 't1', number: 'A001' }, peopleAhead: 2, slip: { number: 'A001' } } as unknown as IssuedTicket;
const timeout: CommandResult<IssuedTicket> = { ok: false, error: { code: 'TIMEOUT', message: '服务器没有及时响应，请重试' } };
const quota: CommandResult<IssuedTicket> = { ok: false, error: { code: 'QUOTA_EXHAUSTED', message: '今日号源已取完', details: { opensAt: 123 } } };
const already: CommandResult<IssuedTicket> = { ok: false, error: { code: 'ALREADY_WAITING', message: '您已取过该业务的号', details: { ticketId: 't0', number: 'F003' } } };
const success: CommandResult<IssuedTicket> = { ok: true, data: issued };
const printed: AgentReply<PrintTicketResult> = { ok: true, data: { deviceId: 'ticketPrinter', bytes: 900 } };
const paperEnd: AgentReply<PrintTicketResult> = { ok: false, error: { code: 'PAPER_END', message: '打印机缺纸，请联系工作人员' } };
const card: IdentityInput = { idNumber: '110101199003070011', source: 'card', cardKind: 'resident', birthDate: '1990-03-07' };

function setup(replies: Array<CommandResult<IssuedTicket>>, prints: Array<AgentReply<PrintTicketResult>> = []) {
  const sent: IssueTicketRequest[] = [];
  const slips: unknown[] = [];
  let keys = 0;
  const model = createTicketingModel({
    issue: async (request) => {
      sent.push(request);
      return replies.shift() ?? success;
    },
    print: async (slip) => {
      slips.push(slip);
      return prints.shift() ?? printed;
    },
    needsIdentity: (id) => id === 'social',
    newKey: () => `key${++keys}xxxxxx`,
    pause: () => Promise.resolve(),
  });
  return { model, sent, slips };
}

describe('ticketing model', () => {
  it('choose → confirm → issue → print → ticket', async () => {
    const { model, sent, slips } = setup([success]);
    model.choose('tax');
    expect(model.step.value).toEqual({ kind: 'confirm', categoryId: 'tax', identity: null, error: null, retryKey: null, reprint: false });
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'ticket', categoryId: 'tax', issued, print: { ok: true } });
    expect(sent).toEqual([{ idempotencyKey: 'key1xxxxxx', categoryId: 'tax' }]);
    expect(slips).toEqual([issued.slip]);
  });

  it('identity-required categories ask first and send the identity', async () => {
    const { model, sent } = setup([success]);
    model.choose('social');
    expect(model.step.value).toEqual({ kind: 'identity', categoryId: 'social', error: null });
    model.identify(card);
    await model.confirm();
    expect(sent[0]).toEqual({ idempotencyKey: 'key1xxxxxx', categoryId: 'social', identity: card });
  });

  it('a printer failure still shows the ticket, with the reason; it is issued once', async () => {
    const { model, sent } = setup([success], [paperEnd]);
    model.choose('tax');
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'ticket', categoryId: 'tax', issued, print: { ok: false, code: 'PAPER_END', message: '打印机缺纸，请联系工作人员' } });
    expect(sent).toHaveLength(1);
  });

  it('ALREADY_WAITING offers a reprint, which asks the server for the same ticket', async () => {
    const { model, sent } = setup([already, success]);
    model.choose('social');
    model.identify(card);
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'already', categoryId: 'social', identity: card, number: 'F003' });
    await model.reprint();
    expect(sent[1]).toEqual({ idempotencyKey: 'key2xxxxxx', categoryId: 'social', identity: card, reprintExisting: true });
    expect(model.step.value.kind).toBe('ticket');
  });

  it('quota exhausted: says why and when, no retry key', async () => {
    const { model } = setup([quota]);
    model.choose('tax');
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'unavailable', categoryId: 'tax', code: 'QUOTA_EXHAUSTED', message: '今日号源已取完', opensAt: 123 });
  });

  it('resends with the same key when the server does not answer', async () => {
    const { model, sent } = setup([timeout, timeout, success]);
    model.choose('tax');
    await model.confirm();
    expect(model.step.value.kind).toBe('ticket');
    expect(sent.map((r) => r.idempotencyKey)).toEqual(['key1xxxxxx', 'key1xxxxxx', 'key1xxxxxx']);
  });

  it('after three unanswered sends, shows the error and the retry keeps the key', async () => {
    const { model, sent } = setup([timeout, timeout, timeout, success]);
    model.choose('tax');
    await model.confirm();
    expect(model.step.value).toMatchObject({ kind: 'confirm', categoryId: 'tax', error: '服务器没有及时响应，请重试', retryKey: 'key1xxxxxx' });
    await model.confirm();
    expect(model.step.value.kind).toBe('ticket');
    expect(new Set(sent.map((r) => r.idempotencyKey))).toEqual(new Set(['key1xxxxxx']));
  });

  it('an answer that arrives after the reset is dropped', async () => {
    let release: (r: CommandResult<IssuedTicket>) => void = () => {};
    const model = createTicketingModel({
      issue: () => new Promise((resolve) => (release = resolve)),
      print: async () => printed,
      needsIdentity: () => false,
      newKey: () => 'k1234567890',
      pause: () => Promise.resolve(),
    });
    model.choose('tax');
    const pending = model.confirm();
    model.reset();
    release(success);
    await pending;
    expect(model.step.value).toEqual({ kind: 'choose' });
  });

  it('random keys have no dashes and fit the server pattern', () => {
    expect(randomKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
