import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentErrorCodes,
  agentErrorMessages,
  agentReplySchema,
  idCardSchema,
  keypadDisplayRequestSchema,
  printPdfRequestSchema,
  printTicketRequestSchema,
} from './agent.ts';

const slip = {
  hallName: '示例区政务服务中心',
  categoryName: '社保',
  number: 'B003',
  peopleAhead: 0,
  estimatedWaitMinutes: null,
  issuedAt: '2026-11-23T09:00:00+08:00',
  qrUrl: 'https://hall.example.gov.cn/t/1',
  notices: [],
};

describe('agent wire schemas', () => {
  it('has a Chinese message for every error code', () => {
    for (const code of agentErrorCodes) expect(agentErrorMessages[code]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('validates replies of either shape', () => {
    const schema = agentReplySchema(z.object({ bytes: z.number() }));
    expect(schema.safeParse({ ok: true, data: { bytes: 400 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'PAPER_END', message: '打印机缺纸' } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'ON_FIRE', message: '?' } }).success).toBe(false);
  });

  it('tells the four card types apart and keeps unknown codes with a null name', () => {
    const common = { gender: { code: '1', name: '男' }, birthDate: '1990-03-07', validFrom: '2020-01-01', validTo: null, photoWltBase64: '' };
    const resident = { cardType: 'resident', name: '测试甲', nation: { code: '77', name: null }, address: '测试路1号', idNumber: '110101199003070011', issuingAuthority: '某公安局', ...common };
    expect(idCardSchema.parse(resident).cardType).toBe('resident');
    expect(idCardSchema.safeParse({ ...resident, cardType: 'foreigner2017' }).success).toBe(false);
  });

  it('fills print request defaults and accepts binary PDFs as Uint8Array or ArrayBuffer', () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    expect(printPdfRequestSchema.parse({ pdf })).toMatchObject({ title: 'document', copies: 1 });
    expect(printPdfRequestSchema.safeParse({ pdf: pdf.buffer }).success).toBe(true);
    expect(printPdfRequestSchema.safeParse({ pdf: 'JVBERi0=' }).success).toBe(false);
    expect(printTicketRequestSchema.safeParse({ slip }).success).toBe(true);
    expect(keypadDisplayRequestSchema.safeParse({ address: 300, number: 'A1' }).success).toBe(false);
  });
});
