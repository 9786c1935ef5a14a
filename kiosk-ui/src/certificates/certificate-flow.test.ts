import { describe, expect, it } from 'vitest';
import type { AgentReply, IdCard, PrintPdfRequest, PrintPdfResult } from '@hall/common/agent';
import type { CardIdentity, KioskCertificate, PrintOutcomeRequest, StartPrintRequest } from '@hall/common/certificates';
import { FormsApiError } from '../forms/forms-api.ts';
import type { CertificatesApi } from './certificates-api.ts';
import { createCertificateFlow } from './certificate-flow.ts';

const residentA = {
  cardType: 'resident',
  name: '测试甲',
  idNumber: '110101199003070011',
  address: '北京市东城区测试路1号院2号楼3单元401室',
} as unknown as IdCard;

function cert(over: Partial<KioskCertificate> = {}): KioskCertificate {
  return {
    id: 'c1',
    typeName: '食品经营许可证',
    kind: 'licence',
    holderKind: 'business',
    holderMasked: '西安******面馆（9261**********3L25）',
    documentNumber: 'JY16101020012345',
    lines: [{ label: '经营项目', value: '热食类食品制售' }],
    source: 'template',
    pageCount: null,
    relation: '法定代表人',
    issuer: '新城区市场监督管理局',
    validFrom: '2026-11-20',
    validUntil: '2031-11-19',
    status: 'valid',
    printCount: 0,
    printLimit: 3,
    blocked: null,
    ...over,
  };
}

function setup(options: { list?: KioskCertificate[]; print?: AgentReply<PrintPdfResult>[]; startFails?: FormsApiError } = {}) {
  const lookups: CardIdentity[] = [];
  const starts: StartPrintRequest[] = [];
  const outcomes: PrintOutcomeRequest[] = [];
  const printed: PrintPdfRequest[] = [];
  const previews: Array<{ id: string; identity: CardIdentity }> = [];
  let count = options.list?.[0]?.printCount ?? 0;
  const api: CertificatesApi = {
    lookup: async (identity) => {
      lookups.push(identity);
      return (options.list ?? [cert()]).map((x) => ({ ...x, printCount: count }));
    },
    startPrint: async (id, request) => {
      if (options.startFails) throw options.startFails;
      starts.push(request);
      return { jobId: `p${starts.length}`, certificateId: id, code: 'ABCDE23456', reprint: count > 0, pageCount: null };
    },
    pdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]).buffer,
    preview: async (id, identity) => {
      previews.push({ id, identity });
      return new Uint8Array([0x25, 0x50, 0x44, 0x46]).buffer;
    },
    outcome: async (jobId, outcome) => {
      outcomes.push(outcome);
      if (outcome.ok) count++;
      return { jobId, outcome: outcome.ok ? 'printed' : 'failed', printCount: count, printLimit: 3 };
    },
    mail: async (id) => ({ id: 'm1', certificateId: id, createdAt: 0, repeated: false }),
  };
  const replies = [...(options.print ?? [])];
  let keys = 0;
  const flow = createCertificateFlow({
    api,
    printPdf: async (r) => {
      printed.push(r);
      return replies.shift() ?? { ok: true, data: { deviceId: 'a4', jobId: printed.length } };
    },
    newKey: () => `key-${++keys}-abcdef`,
  });
  return { flow, lookups, starts, outcomes, printed, previews };
}

describe('证照打印 flow', () => {
  it('the card read is the identity (source card, never typed); the list follows', async () => {
    const { flow, lookups } = setup();
    await flow.card(residentA);
    expect(lookups).toEqual([{ idNumber: '110101199003070011', source: 'card', cardKind: 'resident' }]);
    expect(flow.step.value).toEqual({ kind: 'list' });
    expect(flow.certificates.value.map((c) => c.id)).toEqual(['c1']);
    expect(flow.cardFacts.value).toEqual({ name: '测试甲', address: '北京市东城区测试路1号院2号楼3单元401室' });
  });

  it('a first print needs no reason; the printer queue shows the code only; a finished print is reported', async () => {
    const { flow, starts, printed, outcomes } = setup();
    await flow.card(residentA);
    await flow.print('c1');
    expect(starts[0]!.reason).toBeUndefined();
    expect(printed[0]!.title).toBe('cert-ABCDE23456');
    expect(outcomes).toEqual([{ ok: true }]);
    expect(flow.step.value).toEqual({ kind: 'printed', id: 'c1', printCount: 1, printLimit: 3 });
  });

  it('a reprint asks for a reason first and sends it', async () => {
    const { flow, starts } = setup({ list: [cert({ printCount: 1 })] });
    await flow.card(residentA);
    await flow.print('c1');
    expect(flow.step.value).toEqual({ kind: 'reason', id: 'c1' });
    expect(starts).toEqual([]);
    await flow.printWithReason('c1', '原件遗失');
    expect(starts[0]!.reason).toBe('原件遗失');
    expect(flow.step.value.kind).toBe('printed');
  });

  it('paper out midway: the kiosk says so, the server hears it failed (not counted), and a retry prints', async () => {
    const { flow, outcomes } = setup({ print: [{ ok: false, error: { code: 'PAPER_END', message: 'A4打印机缺纸，请联系工作人员' } }] });
    await flow.card(residentA);
    await flow.print('c1');
    expect(flow.step.value).toEqual({ kind: 'failed', id: 'c1', message: 'A4打印机缺纸，请联系工作人员', reason: null });
    expect(outcomes).toEqual([{ ok: false, code: 'PAPER_END', message: 'A4打印机缺纸，请联系工作人员' }]);
    await flow.retry();
    expect(flow.step.value).toEqual({ kind: 'printed', id: 'c1', printCount: 1, printLimit: 3 });
  });

  it('a blocked document does not print; a refusal from the server is shown on the list', async () => {
    const blocked = setup({ list: [cert({ status: 'revoked', blocked: '该证照已撤销，不能打印' })] });
    await blocked.flow.card(residentA);
    await blocked.flow.print('c1');
    expect(blocked.starts).toEqual([]);
    expect(blocked.flow.step.value).toEqual({ kind: 'list' });

    const refused = setup({ startFails: new FormsApiError('CONFLICT', '该证照已撤销，不能打印') });
    await refused.flow.card(residentA);
    await refused.flow.print('c1');
    expect(refused.flow.error.value).toBe('该证照已撤销，不能打印');
    expect(refused.printed).toEqual([]);
  });

  it("an uploaded PDF's preview is asked for with the card read that opened the list; none without a card", async () => {
    const { flow, previews } = setup({ list: [cert({ source: 'pdf', pageCount: 3, lines: [] })] });
    await expect(flow.preview('c1')).rejects.toBeInstanceOf(FormsApiError);
    expect(previews).toEqual([]);
    await flow.card(residentA);
    const bytes = await flow.preview('c1');
    expect(new TextDecoder().decode(bytes)).toBe('%PDF');
    expect(previews).toEqual([{ id: 'c1', identity: { idNumber: '110101199003070011', source: 'card', cardKind: 'resident' } }]);
  });

  it('免费邮寄 sends the address and phone with the card identity', async () => {
    const { flow } = setup();
    await flow.card(residentA);
    flow.toMail('c1');
    await flow.mail({ recipientName: '测试甲', address: '北京市东城区测试路1号院', phone: '13991234567' });
    expect(flow.step.value).toEqual({ kind: 'mailed', id: 'c1' });
  });
});
