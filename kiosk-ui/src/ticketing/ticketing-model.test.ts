import { describe, expect, it } from 'vitest';
import type { IssuedTicket, IssueTicketRequest } from '@hall/common/api';
import { createTicketingModel, randomKey } from './ticketing-model.ts';
import type { CommandResult } from '../net/hall-connection.ts';

const issued = { ticket: { id: 't1', number: 'A001' }, peopleAhead: 2 } as unknown as IssuedTicket;
const timeout: CommandResult<IssuedTicket> = { ok: false, error: { code: 'TIMEOUT', message: '服务器没有及时响应，请重试' } };
const quota: CommandResult<IssuedTicket> = { ok: false, error: { code: 'QUOTA_EXHAUSTED', message: '今日号源已取完' } };
const success: CommandResult<IssuedTicket> = { ok: true, data: issued };

function setup(replies: Array<CommandResult<IssuedTicket>>) {
  const sent: IssueTicketRequest[] = [];
  let keys = 0;
  const model = createTicketingModel({
    issue: async (request) => {
      sent.push(request);
      return replies.shift() ?? success;
    },
    newKey: () => `key${++keys}xxxxxx`,
    pause: () => Promise.resolve(),
  });
  return { model, sent };
}

describe('ticketing model', () => {
  it('choose → confirm → ticket', async () => {
    const { model, sent } = setup([success]);
    model.choose('tax');
    expect(model.step.value).toEqual({ kind: 'confirm', categoryId: 'tax', error: null, retryKey: null });
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'ticket', categoryId: 'tax', issued });
    expect(sent).toEqual([{ idempotencyKey: 'key1xxxxxx', categoryId: 'tax' }]);
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
    expect(model.step.value).toEqual({ kind: 'confirm', categoryId: 'tax', error: '服务器没有及时响应，请重试', retryKey: 'key1xxxxxx' });
    await model.confirm();
    expect(model.step.value.kind).toBe('ticket');
    expect(new Set(sent.map((r) => r.idempotencyKey))).toEqual(new Set(['key1xxxxxx']));
  });

  it('a refusal shows the server message; a new attempt gets a new key', async () => {
    const { model, sent } = setup([quota, success]);
    model.choose('tax');
    await model.confirm();
    expect(model.step.value).toEqual({ kind: 'confirm', categoryId: 'tax', error: '今日号源已取完', retryKey: null });
    await model.confirm();
    expect(sent.map((r) => r.idempotencyKey)).toEqual(['key1xxxxxx', 'key2xxxxxx']);
  });

  it('an answer that arrives after the reset is dropped', async () => {
    let release: (r: CommandResult<IssuedTicket>) => void = () => {};
    const model = createTicketingModel({ issue: () => new Promise((resolve) => (release = resolve)), newKey: () => 'k1234567890', pause: () => Promise.resolve() });
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
