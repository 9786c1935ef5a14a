// 证照打印 on a real hall server and SQLite file: who sees what (a person's own documents and
// those of businesses they represent, never another's), printing (start → PDF → outcome,
// limits, reprint reasons, failures not counted and reported to staff), revocation and
// replacement, verification by code, mailing, sealing at rest and the purge.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary, KioskCertificate, LookupReply, MailRequestList, PrintJob, PrintOutcome, PublishCertificateRequest, Verification } from '@hall/common/certificates';
import { idNumberCheckChar } from '@hall/common/validators';
import { CLERK, TestClock, startHall, type TestHall } from '../harness.ts';
import { pairKiosk, key, type ErrorReply } from '../forms/support.ts';
import { decodeQr, pdfText, pdfToPngs, squeeze, writeTempPdf } from '../documents/poppler.ts';

const A = { name: '测试甲', idNumber: '110101199003070011' };
const B = { name: '测试乙', idNumber: '110105198506120026' };
const C17 = '11010219800101123';
const C = { name: '测试丙', idNumber: `${C17}${idNumberCheckChar(C17)}` };
const card = (p: { idNumber: string }) => ({ idNumber: p.idNumber, source: 'card' as const, cardKind: 'resident' as const });

const clock = new TestClock();
let hall: TestHall;
let clerk: string;
let kiosk: string;
let kiosk2: string;

beforeAll(async () => {
  hall = await startHall({ clock });
  const admin = await hall.login();
  clerk = await hall.login(CLERK(5));
  kiosk = await pairKiosk(hall, admin, 'kiosk-1');
  kiosk2 = await pairKiosk(hall, admin, 'kiosk-2');
});
afterAll(async () => {
  await hall?.cleanup();
});

function personLicence(overrides: Partial<PublishCertificateRequest> = {}): PublishCertificateRequest {
  return {
    idempotencyKey: key(),
    typeId: 'completion-proof',
    documentNumber: 'BJ2026-000123',
    issuer: '新城区市场监督管理局',
    holder: { kind: 'person', person: { name: A.name, idNumber: A.idNumber } },
    validFrom: '2026-11-20',
    validUntil: '2027-11-19',
    fields: [
      { label: '办理事项', value: '个体工商户设立登记' },
      { label: '办结日期', value: '2026-11-20' },
    ],
    ...overrides,
  };
}

function businessLicence(overrides: Partial<PublishCertificateRequest> = {}): PublishCertificateRequest {
  return {
    idempotencyKey: key(),
    typeId: 'food-business-licence',
    documentNumber: 'JY16101020012345',
    issuer: '西安市新城区市场监督管理局',
    holder: {
      kind: 'business',
      name: '西安市新城区王记面馆',
      creditCode: '92610102MA6X8K3L25',
      entitled: [
        { name: A.name, idNumber: A.idNumber, role: 'legalRep' },
        { name: B.name, idNumber: B.idNumber, role: 'agent' },
      ],
    },
    validFrom: '2026-11-20',
    validUntil: '2031-11-19',
    fields: [
      { label: '经营场所', value: '陕西省西安市新城区解放路26号' },
      { label: '主体业态', value: '餐饮服务经营者（小型餐馆）' },
      { label: '经营项目', value: '热食类食品制售' },
    ],
    printLimit: 2,
    ...overrides,
  };
}

async function publish(request: PublishCertificateRequest): Promise<CertificateSummary> {
  const r = await hall.request<CertificateSummary>('POST', '/api/certificates', request, clerk);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function lookup(person: { idNumber: string }, token = kiosk): Promise<KioskCertificate[]> {
  const r = await hall.request<LookupReply>('POST', '/api/certificates/lookup', { identity: card(person) }, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.certificates;
}

async function print(id: string, person: { idNumber: string }, reason?: string, token = kiosk) {
  return hall.request<PrintJob | ErrorReply>('POST', `/api/certificates/${id}/prints`, { idempotencyKey: key(), identity: card(person), ...(reason ? { reason } : {}) }, token);
}

async function pdfOf(jobId: string, token = kiosk): Promise<Uint8Array> {
  const res = await fetch(`${hall.url}/api/certificate-prints/${jobId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return new Uint8Array(await res.arrayBuffer());
}

async function outcome(jobId: string, body: unknown, token = kiosk) {
  return hall.request<PrintOutcome>('POST', `/api/certificate-prints/${jobId}/outcome`, body, token);
}

describe('证照打印 permission table', () => {
  let own: CertificateSummary;
  let business: CertificateSummary;

  beforeAll(async () => {
    own = await publish(personLicence());
    business = await publish(businessLicence());
  });

  it('a person sees their own documents and those of businesses they represent, never another’s', async () => {
    const forA = await lookup(A);
    expect(forA.map((c) => [c.id, c.relation]).sort()).toEqual([[business.id, '法定代表人'], [own.id, '本人']].sort());
    const forB = await lookup(B);
    expect(forB.map((c) => [c.id, c.relation])).toEqual([[business.id, '经办人']]);
    expect(await lookup(C)).toEqual([]);
    // Masked in every list.
    expect(forA.find((c) => c.id === own.id)!.holderMasked).toBe('测*甲（1101**********0011）');
    expect(forB[0]!.holderMasked).toBe('西安******面馆（9261**********3L25）');
    // Nobody else can print it, not even by guessing its id.
    const stranger = await print(own.id, C);
    expect(stranger.status).toBe(403);
  });

  it('identity must come from the card at a kiosk: typed numbers and staff browsers are refused', async () => {
    const typed = await hall.request<ErrorReply>('POST', '/api/certificates/lookup', { identity: { ...card(A), source: 'typed' } }, kiosk);
    expect(typed.status).toBe(400);
    expect(typed.body.error.message).toContain('须读取身份证');
    const fromStaff = await hall.request<ErrorReply>('POST', '/api/certificates/lookup', { identity: card(A) }, clerk);
    expect(fromStaff.status).toBe(403);
    const badCheckDigit = await hall.request<ErrorReply>('POST', '/api/certificates/lookup', { identity: card({ idNumber: '110101199003070012' }) }, kiosk);
    expect(badCheckDigit.status).toBe(400);
  });

  it('publishing checks the type, the holder kind and the credit code, and is idempotent', async () => {
    const wrongKind = await hall.request<ErrorReply>('POST', '/api/certificates', businessLicence({ typeId: 'business-licence-copy', holder: personLicence().holder }), clerk);
    expect(wrongKind.status).toBe(400);
    const badCode = businessLicence();
    (badCode.holder as { creditCode: string }).creditCode = '92610102MA6X8K3L26';
    expect((await hall.request<ErrorReply>('POST', '/api/certificates', badCode, clerk)).body.error.field).toBe('holder.creditCode');
    const request = personLicence();
    const first = await publish(request);
    const again = await hall.request<CertificateSummary>('POST', '/api/certificates', request, clerk);
    expect(again.body.id).toBe(first.id);
    const changed = await hall.request<ErrorReply>('POST', '/api/certificates', { ...request, issuer: '别的部门' }, clerk);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const kioskPublish = await hall.request<ErrorReply>('POST', '/api/certificates', personLicence(), kiosk);
    expect(kioskPublish.status).toBe(401);
  });

  it('prints: the PDF carries the holder, the lines and a QR to the verification page; only a finished print counts', async () => {
    const job = (await print(business.id, B)).body as PrintJob;
    expect(job.reprint).toBe(false);
    const bytes = await pdfOf(job.jobId);
    const doc = await writeTempPdf(bytes);
    try {
      const text = squeeze(await pdfText(doc.path));
      for (const value of ['食品经营许可证', 'JY16101020012345', '西安市新城区王记面馆', '92610102MA6X8K3L25', '测试甲', '热食类食品制售', '西安市新城区市场监督管理局', '2031-11-19', '扫码验真', `${business.code.slice(0, 5)}-${business.code.slice(5)}`]) {
        expect(text, value).toContain(value);
      }
      const [png] = await pdfToPngs(doc, 150);
      const codes = await decodeQr(png!);
      expect(codes).toContain(`http://localhost:8080/v/${business.code}`);
    } finally {
      await doc.cleanup();
    }
    // Not counted until the printer finished.
    expect((await lookup(B))[0]!.printCount).toBe(0);
    // Paper out midway: not counted, and staff are told.
    const failed = await outcome(job.jobId, { ok: false, code: 'JOB_FAILED', message: 'A4打印机缺纸' });
    expect(failed.body).toMatchObject({ outcome: 'failed', printCount: 0 });
    const desk = await hall.connect('/counter', { token: clerk });
    const snapshot = await desk.ok<{ helpRequests: Array<{ deviceId: string; note: string }> }>('snapshot:get');
    expect(snapshot.helpRequests.some((h) => h.deviceId === 'kiosk-1' && h.note.includes('缺纸'))).toBe(true);
    // The failed job's PDF is no longer served.
    expect((await fetch(`${hall.url}/api/certificate-prints/${job.jobId}/pdf`, { headers: { authorization: `Bearer ${kiosk}` } })).status).toBe(409);

    // Retry: printed, counted once even if the outcome is reported twice.
    const retry = (await print(business.id, B)).body as PrintJob;
    expect(retry.reprint).toBe(false);
    // Another kiosk cannot fetch or finish this kiosk's job.
    expect((await outcome(retry.jobId, { ok: true }, kiosk2)).status).toBe(404);
    expect((await outcome(retry.jobId, { ok: true })).body).toMatchObject({ outcome: 'printed', printCount: 1, printLimit: 2 });
    expect((await outcome(retry.jobId, { ok: true })).body).toMatchObject({ outcome: 'printed', printCount: 1 });

    // A reprint asks for a reason.
    const noReason = await print(business.id, A);
    expect(noReason.status).toBe(400);
    expect((noReason.body as ErrorReply).error.field).toBe('reason');
    const reprint = (await print(business.id, A, '原件遗失')).body as PrintJob;
    expect(reprint.reprint).toBe(true);
    expect((await outcome(reprint.jobId, { ok: true })).body).toMatchObject({ printCount: 2 });

    // The limit (2) is reached: listed as blocked, refused.
    const listed = (await lookup(A)).find((c) => c.id === business.id)!;
    expect(listed.blocked).toContain('打印次数已用完');
    const exhausted = await print(business.id, A, '需要多份');
    expect(exhausted.status).toBe(409);

    // Every print is audited: kiosk, time, document, the card (as its keyed hash), outcome.
    const admin = await hall.login();
    const audit = await hall.request<Array<{ at: number; action: string; target: string; actor: { id: string }; detail: Record<string, unknown> }>>('GET', '/api/admin/audit?limit=50', undefined, admin);
    const prints = audit.body.filter((e) => e.action === 'certificate.print' && e.target === `certificate:${business.code}`);
    expect(prints.map((e) => e.detail.outcome).sort()).toEqual(['failed', 'printed', 'printed']);
    for (const e of prints) {
      expect(e.actor.id).toBe('kiosk-1');
      expect(e.at).toBe(clock.t);
      expect(String(e.detail.card)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    }
    expect(prints.find((e) => e.detail.reprint === true)?.detail.reason).toBe('原件遗失');
    expect(JSON.stringify(audit.body)).not.toContain(A.idNumber);
  });

  it('revoked: the verification page says 已撤销 and the kiosk refuses; replaced: the new one prints', async () => {
    const doc = await publish(personLicence({ typeId: 'payment-proof', fields: [{ label: '缴费项目', value: '工本费' }] }));
    const page = async (code: string) => {
      const res = await fetch(`${hall.url}/v/${code}`);
      return { status: res.status, html: await res.text() };
    };
    const valid = await page(doc.code);
    expect(valid.status).toBe(200);
    expect(valid.html).toContain('data-status="valid">有效');
    expect(valid.html).toContain('测*甲（1101**********0011）');
    expect(valid.html).not.toContain(A.idNumber);
    expect(valid.html).toContain('新城区市场监督管理局');
    // The page brings its Chinese web font, served by the hall server itself; nothing else of
    // the font package is served.
    const css = valid.html.match(/href="(\/fonts\/[^"]+\.css)"/)?.[1];
    expect(css).toBe('/fonts/noto-sans-sc/400.css');
    const cssRes = await fetch(`${hall.url}${css}`);
    expect(cssRes.headers.get('content-type')).toContain('text/css');
    const woff2 = (await cssRes.text()).match(/url\(\.\/(files\/[^)]+\.woff2)\)/)?.[1];
    const font = await fetch(`${hall.url}/fonts/noto-sans-sc/${woff2}`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await fetch(`${hall.url}/fonts/noto-sans-sc/package.json`)).status).toBe(404);

    const revoked = await hall.request<CertificateSummary>('POST', `/api/certificates/${doc.id}/revoke`, { reason: '信息有误' }, clerk);
    expect(revoked.body.status).toBe('revoked');
    expect((await page(doc.code)).html).toContain('data-status="revoked">已撤销');
    expect((await hall.request<Verification>('GET', `/api/verify/${doc.code.toLowerCase()}`)).body.status).toBe('revoked');
    expect((await lookup(A)).find((c) => c.id === doc.id)!.blocked).toBe('该证照已撤销，不能打印');
    expect((await print(doc.id, A)).status).toBe(409);

    const unknown = await page('ABCDE23456');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('未找到该证照');

    const old = await publish(personLicence());
    const renewed = await hall.request<CertificateSummary>('POST', `/api/certificates/${old.id}/replace`, personLicence({ validUntil: '2028-11-19' }), clerk);
    expect(renewed.status).toBe(201);
    expect((await page(old.code)).html).toContain('已换发');
    expect((await print(old.id, A)).status).toBe(409);
    expect((await print(renewed.body.id, A)).status).toBe(201);
  });

  it('an expired document cannot print and the page says 已过期', async () => {
    const doc = await publish(personLicence({ validFrom: '2025-01-01', validUntil: '2026-11-24' }));
    expect((await lookup(A)).find((c) => c.id === doc.id)!.status).toBe('expired');
    expect((await print(doc.id, A)).status).toBe(409);
    expect((await hall.request<Verification>('GET', `/api/verify/${doc.code}`)).body.statusName).toBe('已过期');
  });

  it('免费邮寄: the request reaches the staff list; only an entitled person may ask', async () => {
    const doc = await publish(personLicence());
    const request = { idempotencyKey: key(), identity: card(A), recipientName: A.name, address: '北京市东城区测试路1号院2号楼3单元401室', phone: '13991234567' };
    const made = await hall.request<{ id: string; repeated: boolean }>('POST', `/api/certificates/${doc.id}/mail`, request, kiosk);
    expect(made.status).toBe(201);
    expect((await hall.request<{ repeated: boolean }>('POST', `/api/certificates/${doc.id}/mail`, request, kiosk)).body.repeated).toBe(true);
    expect((await hall.request('POST', `/api/certificates/${doc.id}/mail`, { ...request, idempotencyKey: key(), identity: card(C) }, kiosk)).status).toBe(403);
    const list = await hall.request<MailRequestList>('GET', '/api/certificate-mail', undefined, clerk);
    const mine = list.body.requests.find((r) => r.id === made.body.id)!;
    expect(mine).toMatchObject({ recipientName: A.name, phone: '13991234567', typeName: '办结证明', status: 'open', deviceId: 'kiosk-1' });
    // An address picked by region at the kiosk: the region's full name, then the street address.
    const picked = await hall.request<{ id: string }>('POST', `/api/certificates/${doc.id}/mail`, { ...request, idempotencyKey: key(), address: '解放路26号', regionCode: '610102' }, kiosk);
    expect(picked.status).toBe(201);
    const withRegion = (await hall.request<MailRequestList>('GET', '/api/certificate-mail', undefined, clerk)).body.requests.find((r) => r.id === picked.body.id)!;
    expect(withRegion.address).toBe('陕西省西安市新城区解放路26号');
    const sent = await hall.request<MailRequestList>('POST', `/api/certificate-mail/${made.body.id}/sent`, undefined, clerk);
    expect(sent.body.requests.find((r) => r.id === made.body.id)!.status).toBe('sent');
  });

  it('names and ID numbers are sealed at rest, and purged once printed and past retention; verification facts stay', async () => {
    hall.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(join(hall.dir, 'hall.db'));
    for (const secret of [A.idNumber, B.idNumber, '测试甲', '王记面馆', '92610102MA6X8K3L25', '13991234567']) {
      expect(raw.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    const days = hall.server.hall.settings.personalDataRetentionDays;
    clock.advance((days + 1) * 86_400_000);
    const counts = hall.server.certificates.purge();
    expect(counts.certificates).toBeGreaterThan(0);
    // The business licence was printed: its holder is gone, its verification remains.
    const v = (await hall.request<Verification>('GET', `/api/verify/${business.code}`)).body;
    expect(v).toMatchObject({ typeName: '食品经营许可证', holderMasked: null, issuer: '西安市新城区市场监督管理局' });
    expect((await lookup(B)).some((c) => c.id === business.id)).toBe(false);
    // Never printed and still valid: kept.
    expect((await lookup(A)).some((c) => c.id === own.id)).toBe(true);
  });
});
