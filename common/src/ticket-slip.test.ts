import { describe, expect, it } from 'vitest';
import { ticketSlipSchema } from './ticket-slip.ts';

const slip = {
  hallName: '示例区政务服务中心',
  categoryName: '不动产登记',
  number: 'A012',
  peopleAhead: 7,
  estimatedWaitMinutes: 25,
  issuedAt: '2026-11-23T09:05:07+08:00',
  qrUrl: 'https://hall.example.gov.cn/t/20261123-A012',
  windowHint: '请到3号窗口办理',
  notices: ['过号请重新取号'],
};

describe('ticket slip', () => {
  it('accepts a complete slip, with or without the optional window hint', () => {
    expect(ticketSlipSchema.parse(slip)).toEqual(slip);
    const { windowHint: _omitted, ...withoutHint } = slip;
    expect(ticketSlipSchema.safeParse(withoutHint).success).toBe(true);
  });

  it('requires the hall-local offset on the time of issue', () => {
    expect(ticketSlipSchema.safeParse({ ...slip, issuedAt: '2026-11-23T09:05:07' }).success).toBe(false);
    expect(ticketSlipSchema.safeParse({ ...slip, issuedAt: '2026-11-23 09:05' }).success).toBe(false);
  });

  it('rejects impossible queue figures and a QR link that is not a URL', () => {
    expect(ticketSlipSchema.safeParse({ ...slip, peopleAhead: 1.5 }).success).toBe(false);
    expect(ticketSlipSchema.safeParse({ ...slip, estimatedWaitMinutes: -1 }).success).toBe(false);
    expect(ticketSlipSchema.safeParse({ ...slip, estimatedWaitMinutes: null }).success).toBe(true);
    expect(ticketSlipSchema.safeParse({ ...slip, qrUrl: 'not a link' }).success).toBe(false);
  });
});
