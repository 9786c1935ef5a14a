// Floor plans (餐饮平面图) against a real hall server (real SQLite file, real HTTP): the public
// rule sets, saving from a kiosk (idempotent, replace, checked on the server), links to a
// ticket and a form submission, the clerk's look-ups, the A4 PDF read back with poppler,
// sealing at rest and the purge.
import { existsSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@hall/common/api';
import { FLOOR_PLAN_FORMAT, checkPlan, migratePlan, parseRuleSet, type PlanDetail, type PlanList, type PlanReceipt, type RuleSet, type RuleSetList, type TemplateList } from '@hall/common/floorplan/index';
import { testPlanInput } from '@hall/common/floorplan/test-plan';
import { submissionCodeAlphabet, type SubmissionReceipt } from '@hall/common/forms/index';
import { loadTemplate } from '@hall/fixtures/src/floorplan.ts';
import { CLERK, startHall, type TestHall } from '../harness.ts';
import { decodeQr, pdfFonts, pdfText, pdfToPngs, squeeze, wordBoxes, writeTempPdf } from '../documents/poppler.ts';
import { key, pairKiosk, sampleRequest, type ErrorReply } from '../forms/support.ts';

const run = promisify(execFile);
const ptPerMm = 72 / 25.4;
const DAY = 86_400_000;

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

const noodleShop = (): Record<string, unknown> => JSON.parse(JSON.stringify(loadTemplate('noodle-shop'))) as Record<string, unknown>;

function saveRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { plan: noodleShop(), ruleSetId: 'national-2011', idempotencyKey: key(), ...overrides };
}

async function save(overrides: Record<string, unknown> = {}, token = kiosk): Promise<PlanReceipt> {
  const r = await hall.request<PlanReceipt>('POST', '/api/plans', saveRequest(overrides), token);
  if (r.status !== 201) throw new Error(`save failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function drawTicket(): Promise<IssuedTicket> {
  const r = await hall.request<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: key(), categoryId: 'food-business-licence' }, kiosk);
  if (r.status !== 201) throw new Error(`ticket failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('rule sets (public)', () => {
  it('lists the shipped rule sets with their sources, the national recommendation first, without a login', async () => {
    const r = await hall.request<RuleSetList>('GET', '/api/floorplan/rule-sets');
    expect(r.status).toBe(200);
    expect(r.body.ruleSets.map((s) => s.id)).toEqual(['national-2011', 'jiangsu-2015', 'shenzhen-2017', 'guangdong-small-eatery']);
    expect(r.body.defaultId).toBe('national-2011');
    for (const set of r.body.ruleSets) {
      expect(set.source.title.length).toBeGreaterThan(0);
      expect(set.ruleCount).toBeGreaterThan(0);
    }
  });
});

describe('rule sets and templates for the editor (public)', () => {
  it('serves a whole rule set that checks a plan exactly as the server does', async () => {
    const r = await hall.request<unknown>('GET', '/api/floorplan/rule-sets/jiangsu-2015');
    expect(r.status).toBe(200);
    const parsed = parseRuleSet(r.body);
    expect(parsed.ok).toBe(true);
    const plan = loadTemplate('noodle-shop');
    const saved = await save({ ruleSetId: 'jiangsu-2015' });
    expect(checkPlan(plan, (parsed as { ok: true; ruleSet: RuleSet }).ruleSet).results.map((x) => [x.ruleId, x.status])).toEqual(saved.check.results.map((x) => [x.ruleId, x.status]));
    const unknown = await hall.request<ErrorReply>('GET', '/api/floorplan/rule-sets/atlantis-2030');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('id');
    const malformed = await hall.request<ErrorReply>('GET', '/api/floorplan/rule-sets/Bad%20Id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
  });

  it('lists the templates and serves each as a plan document', async () => {
    const list = await hall.request<TemplateList>('GET', '/api/floorplan/templates');
    expect(list.body.templates.map((t) => t.id)).toEqual(['noodle-shop', 'cafe', 'canteen-kitchen']);
    expect(list.body.templates[0]!.name).toBe('小面馆');
    for (const { id } of list.body.templates) {
      const r = await hall.request<unknown>('GET', `/api/floorplan/templates/${id}`);
      expect(r.status).toBe(200);
      expect(migratePlan(r.body).ok).toBe(true);
    }
    const unknown = await hall.request<ErrorReply>('GET', '/api/floorplan/templates/constructor');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('id');
  });
});

describe('saving a plan (kiosk)', () => {
  it('stores the plan, answers with a short code and the server’s rule check', async () => {
    const r = await hall.request<PlanReceipt>('POST', '/api/plans', saveRequest(), kiosk);
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(new RegExp(`^[${submissionCodeAlphabet}]{8}$`));
    expect(r.body).toMatchObject({ revision: 1, ruleSetId: 'national-2011', ticketId: null, submissionId: null, repeated: false, replaced: false });
    // The noodle shop template passes every national rule; the server ran them all.
    expect(r.body.check.ruleSet.id).toBe('national-2011');
    expect(r.body.check.failed).toBe(0);
    expect(r.body.check.results.length).toBeGreaterThan(10);
    expect(r.body.check.facts.sizeClass.id).toBeTruthy();
  });

  it('checks with the rule set asked for: a Shenzhen check differs from the national one', async () => {
    const national = await save();
    const shenzhen = await save({ ruleSetId: 'shenzhen-2017' });
    expect(shenzhen.check.ruleSet.id).toBe('shenzhen-2017');
    expect(shenzhen.check.results.map((r) => r.ruleId)).not.toEqual(national.check.results.map((r) => r.ruleId));
  });

  it('returns the first save for a repeated idempotency key, refuses the key for other content, and replaces with planId', async () => {
    const request = saveRequest();
    const first = await hall.request<PlanReceipt>('POST', '/api/plans', request, kiosk);
    const again = await hall.request<PlanReceipt>('POST', '/api/plans', request, kiosk);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, code: first.body.code, revision: 1, repeated: true });

    // The owner removes the hood over the stove: a different plan under the same key.
    const changed = noodleShop() as { fixtures: Array<{ symbol: string }> };
    changed.fixtures = changed.fixtures.filter((f) => f.symbol !== 'hood');
    const conflict = await hall.request<ErrorReply>('POST', '/api/plans', { ...request, plan: changed }, kiosk);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.field).toBe('idempotencyKey');
    expect(conflict.body.error.message).toContain(first.body.id);

    const replaced = await hall.request<PlanReceipt>('POST', '/api/plans', { ...request, plan: changed, planId: first.body.id }, kiosk);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: first.body.id, code: first.body.code, revision: 2, replaced: true, repeated: false });
    expect(replaced.body.check.failed).toBeGreaterThan(0);
    const hood = replaced.body.check.results.find((r) => r.kind === 'hoodOverHeat' || r.title.includes('排烟罩'))!;
    expect(hood.status).toBe('fail');
    expect(hood.elementIds.length).toBeGreaterThan(0);

    // The same replacement again changes nothing; another kiosk may not replace it; the key must be the plan's.
    const same = await hall.request<PlanReceipt>('POST', '/api/plans', { ...request, plan: changed, planId: first.body.id }, kiosk);
    expect(same.body).toMatchObject({ revision: 2, repeated: true, replaced: false });
    const foreign = await hall.request<ErrorReply>('POST', '/api/plans', { ...request, plan: changed, planId: first.body.id }, otherKiosk);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.field).toBe('planId');
    const wrongKey = await hall.request<ErrorReply>('POST', '/api/plans', { ...request, idempotencyKey: key(), planId: first.body.id }, kiosk);
    expect(wrongKey.status).toBe(409);
    expect(wrongKey.body.error.field).toBe('idempotencyKey');
    const detail = await hall.request<PlanDetail>('GET', `/api/plans/${first.body.id}`, undefined, clerk);
    expect(detail.body.plan.fixtures.some((f) => f.symbol === 'hood')).toBe(false);
    expect(detail.body.revision).toBe(2);
  });

  it('names the offending field of a broken plan, never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...noodleShop(), walls: [{ id: 'w1', from: 'nowhere', to: 'c1', thickness: 0.24 }], openings: [] }, 'plan.walls.0.from'],
      [{ ...noodleShop(), format: 'something-else' }, 'plan.format'],
      [{ ...noodleShop(), version: 99 }, 'plan.version'],
      [{ ...noodleShop(), zones: [{ id: 'z', type: 'ballroom', outline: [] }] }, 'plan.zones.0.type'],
      [{ ...noodleShop(), title: { scale: 33 } }, 'plan.title.scale'],
      // A finite number that no sheet can hold: refused, not a 500 when it is printed.
      [{ ...noodleShop(), corners: (noodleShop().corners as Array<Record<string, unknown>>).map((c, i) => (i === 1 ? { ...c, x: 1e25 } : c)) }, 'plan.corners.1.x'],
    ];
    for (const [plan, field] of cases) {
      const r = await hall.request<ErrorReply>('POST', '/api/plans', saveRequest({ plan }), kiosk);
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.field).toBe(field);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a malformed request, an unknown rule set, ticket or submission, naming the field', async () => {
    const expectations: Array<[Record<string, unknown>, number, string]> = [
      [{ plan: 'a plan' }, 400, 'plan'],
      [{ idempotencyKey: 'short' }, 400, 'idempotencyKey'],
      [{ ruleSetId: 'Not A Set' }, 400, 'ruleSetId'],
      [{ ruleSetId: 'atlantis-2030' }, 404, 'ruleSetId'],
      [{ ticketId: 'no-such-ticket' }, 404, 'ticketId'],
      [{ ticketToken: 'no-such-token' }, 404, 'ticketToken'],
      [{ ticketId: 'a', ticketToken: 'b' }, 400, 'ticketToken'],
      [{ submissionId: 'f-no-such' }, 404, 'submissionId'],
      [{ planId: 'p-no-such' }, 404, 'planId'],
    ];
    for (const [overrides, status, field] of expectations) {
      const r = await hall.request<ErrorReply>('POST', '/api/plans', saveRequest(overrides), kiosk);
      expect(r.status, JSON.stringify(overrides)).toBe(status);
      expect(r.body.error.field, JSON.stringify(overrides)).toBe(field);
    }
    const { plan: _plan, ...withoutPlan } = saveRequest();
    const missing = await hall.request<ErrorReply>('POST', '/api/plans', withoutPlan, kiosk);
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('plan');
    const stranger = await hall.request<ErrorReply>('POST', '/api/plans', saveRequest(), 'not-a-token');
    expect(stranger.status).toBe(401);
  });

  it('links to the kiosk’s own form submission only, and comes with it to the ticket it is attached to', async () => {
    const submitted = await hall.request<SubmissionReceipt>('POST', '/api/submissions', sampleRequest(), kiosk);
    expect(submitted.status).toBe(201);
    const linked = await save({ submissionId: submitted.body.id });
    expect(linked.submissionId).toBe(submitted.body.id);
    const foreign = await hall.request<ErrorReply>('POST', '/api/plans', saveRequest({ submissionId: submitted.body.id }), otherKiosk);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.field).toBe('submissionId');
    // The clerk who calls the ticket the form is attached to finds the plan with it.
    const ticket = await drawTicket();
    expect((await hall.request<PlanList>('GET', `/api/plans?ticketId=${ticket.ticket.id}`, undefined, clerk)).body.plans).toEqual([]);
    await hall.request('POST', `/api/submissions/${submitted.body.id}/ticket`, { ticketId: ticket.ticket.id }, kiosk);
    const list = await hall.request<PlanList>('GET', `/api/plans?ticketId=${ticket.ticket.id}`, undefined, clerk);
    expect(list.body.plans.map((p) => p.id)).toEqual([linked.id]);
    expect(list.body.plans[0]!.submissionId).toBe(submitted.body.id);
  });
});

describe('a ticket for the plan', () => {
  it('links a ticket at save time, or later by id or by the slip’s QR token; clerk desks hear of it (ids only)', async () => {
    const desk = await hall.connect('/counter', { token: clerk });
    const heard: unknown[] = [];
    desk.socket.on('plan:attached', (n: unknown) => heard.push(n));
    try {
      const ticket = await drawTicket();
      const atSave = await save({ ticketId: ticket.ticket.id });
      expect(atSave).toMatchObject({ ticketId: ticket.ticket.id, ticketNumber: ticket.ticket.number });
      const later = await save();
      const byToken = await hall.request<PlanReceipt>('POST', `/api/plans/${later.id}/ticket`, { ticketToken: ticket.publicToken }, kiosk);
      expect(byToken.status).toBe(200);
      expect(byToken.body.ticketId).toBe(ticket.ticket.id);
      await desk.waitUntil(() => heard.length >= 2);
      expect(heard).toEqual([
        { ticketId: ticket.ticket.id, planId: atSave.id },
        { ticketId: ticket.ticket.id, planId: later.id },
      ]);
      const list = await hall.request<PlanList>('GET', `/api/plans?ticketId=${ticket.ticket.id}`, undefined, clerk);
      expect(list.status).toBe(200);
      expect(list.body.plans.map((p) => p.id).sort()).toEqual([atSave.id, later.id].sort());
      expect(list.body.plans[0]!.check.results.length).toBeGreaterThan(0);
    } finally {
      desk.close();
    }
  });

  it('refuses a missing or unknown ticket, both kinds at once, another kiosk and an unknown plan', async () => {
    const receipt = await save();
    const neither = await hall.request<ErrorReply>('POST', `/api/plans/${receipt.id}/ticket`, {}, kiosk);
    expect(neither.status).toBe(400);
    expect(neither.body.error.field).toBe('ticketId');
    const ticket = await drawTicket();
    const both = await hall.request<ErrorReply>('POST', `/api/plans/${receipt.id}/ticket`, { ticketId: ticket.ticket.id, ticketToken: ticket.publicToken }, kiosk);
    expect(both.status).toBe(400);
    const unknown = await hall.request<ErrorReply>('POST', `/api/plans/${receipt.id}/ticket`, { ticketId: 'zz-nope' }, kiosk);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('ticketId');
    const other = await hall.request<ErrorReply>('POST', `/api/plans/${receipt.id}/ticket`, { ticketId: ticket.ticket.id }, otherKiosk);
    expect(other.status).toBe(403);
    const missing = await hall.request<ErrorReply>('POST', '/api/plans/p-no-such/ticket', { ticketId: ticket.ticket.id }, kiosk);
    expect(missing.status).toBe(404);
    const malformed = await hall.request<ErrorReply>('POST', '/api/plans/NOT%20AN%20ID/ticket', { ticketId: ticket.ticket.id }, kiosk);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
  });
});

describe('reading plans', () => {
  it('serves a plan to the kiosk that saved it and to staff; not to another kiosk', async () => {
    const receipt = await save();
    const own = await hall.request<PlanDetail>('GET', `/api/plans/${receipt.id}`, undefined, kiosk);
    expect(own.status).toBe(200);
    expect(own.body.plan.format).toBe(FLOOR_PLAN_FORMAT);
    expect(own.body.plan.title.operatorName).toBe('西安市新城区老王家面馆店');
    expect(own.body.purgeAt).toBe(own.body.updatedAt + 7 * DAY);
    expect((await hall.request('GET', `/api/plans/${receipt.id}`, undefined, clerk)).status).toBe(200);
    const other = await hall.request<ErrorReply>('GET', `/api/plans/${receipt.id}`, undefined, otherKiosk);
    expect(other.status).toBe(403);
    expect((await hall.request<ErrorReply>('GET', '/api/plans/p-no-such', undefined, clerk)).status).toBe(404);
  });

  it('finds a plan by its code as scanned or typed (any case, with a space); staff only', async () => {
    const receipt = await save();
    const typed = `${receipt.code.slice(0, 4).toLowerCase()} ${receipt.code.slice(4)}`;
    const found = await hall.request<PlanDetail>('GET', `/api/plans/by-code/${encodeURIComponent(typed)}`, undefined, clerk);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(receipt.id);
    const bad = await hall.request<ErrorReply>('GET', '/api/plans/by-code/0OIL', undefined, clerk);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('code');
    expect((await hall.request<ErrorReply>('GET', '/api/plans/by-code/ZZZZ2222', undefined, clerk)).status).toBe(404);
    expect((await hall.request('GET', `/api/plans/by-code/${receipt.code}`, undefined, kiosk)).status).toBe(401);
  });

  it('lists by ticket for staff only, naming a missing ticketId', async () => {
    const none = await hall.request<ErrorReply>('GET', '/api/plans', undefined, clerk);
    expect(none.status).toBe(400);
    expect(none.body.error.field).toBe('ticketId');
    expect((await hall.request<PlanList>('GET', '/api/plans?ticketId=zz-none', undefined, clerk)).body.plans).toEqual([]);
    expect((await hall.request('GET', '/api/plans?ticketId=zz-none', undefined, kiosk)).status).toBe(401);
  });
});

describe('the printed plan', () => {
  it('is an A4 PDF with extractable zone names, areas, fixture counts, the checklist, the code and its QR', async () => {
    const receipt = await save();
    const res = await fetch(`${hall.url}/api/plans/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${kiosk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await writeTempPdf(new Uint8Array(await res.arrayBuffer()));
    try {
      const text = squeeze(await pdfText(pdf.path));
      for (const zone of ['粗加工区', '库房', '更衣区', '切配烹饪区', '餐用具清洗消毒区', '备餐区', '凉菜间', '就餐区']) expect(text).toContain(zone);
      for (const area of ['3.2㎡', '2.56㎡', '15.84㎡', '15.6㎡', '3.06㎡']) expect(text).toContain(area);
      expect(text).toContain('西安市新城区老王家面馆店');
      expect(text).toContain('比例1:');
      expect(text).toContain('图例及设备数量');
      expect(text).toContain('凳子×20');
      // Every rule of the check, with its result.
      for (const result of receipt.check.results) expect(text).toContain(squeeze(result.title));
      expect(text).toContain(`符合${receipt.check.passed}项，不符合${receipt.check.failed}项`);
      expect(text).toContain('经营者签字（盖章）');
      expect(text).toContain(`${receipt.code.slice(0, 4)}${receipt.code.slice(4)}`);
      for (const font of await pdfFonts(pdf.path)) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
      const [page1] = await pdfToPngs(pdf, 150, 1);
      expect(await decodeQr(page1!)).toContain(receipt.code);
    } finally {
      await pdf.cleanup();
    }
    const other = await hall.request<ErrorReply>('GET', `/api/plans/${receipt.id}/pdf`, undefined, otherKiosk);
    expect(other.status).toBe(403);
    expect((await fetch(`${hall.url}/api/plans/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${clerk}` } })).status).toBe(200);
  });

  it('draws the plan at a true 1:50: zone labels 3 m apart are 60 mm apart, and the drawing is on the page', async () => {
    const input = testPlanInput() as { title: Record<string, unknown> };
    input.title.scale = 50;
    const receipt = await save({ plan: input });
    const res = await fetch(`${hall.url}/api/plans/${receipt.id}/pdf`, { headers: { authorization: `Bearer ${kiosk}` } });
    const pdf = await writeTempPdf(new Uint8Array(await res.arrayBuffer()));
    try {
      const words = await wordBoxes(pdf.path, 1);
      expect(words.some((w) => w.word === '1:50')).toBe(true);
      const centreX = (w: { xMin: number; xMax: number }): number => (w.xMin + w.xMax) / 2;
      const kitchen = words.find((w) => w.word === '切配烹饪区')!;
      const dining = words.filter((w) => w.word === '就餐区').sort((a, b) => a.xMin - b.xMin)[0]!;
      expect((centreX(dining) - centreX(kitchen)) / ptPerMm).toBeCloseTo(60, 0);

      // The rendered page: the walls (dark, filled) sit where the plan is, between the labels.
      const gray = await grayPage(pdf.path, 50);
      const mmToPx = 50 / 25.4;
      const darkIn = (x0Mm: number, y0Mm: number, x1Mm: number, y1Mm: number): number => {
        let dark = 0;
        for (let y = Math.round(y0Mm * mmToPx); y < Math.round(y1Mm * mmToPx); y++) {
          for (let x = Math.round(x0Mm * mmToPx); x < Math.round(x1Mm * mmToPx); x++) if (gray.pixel(x, y) < 110) dark++;
        }
        return dark;
      };
      // The kitchen zone's centre is (1.5 m, 2 m); its name sits 2.2 mm above it. The top wall
      // (0.24 m thick at y = 0) is a dark band 40 mm above the centre; over the dining room
      // (3.2–5.8 m across) nothing else is drawn there.
      const kitchenXmm = centreX(kitchen) / ptPerMm;
      const centreYmm = (kitchen.yMin + kitchen.yMax) / 2 / ptPerMm + 2.2;
      const wallStrip = darkIn(kitchenXmm + 34, centreYmm - 41.5, kitchenXmm + 86, centreYmm - 38.5);
      // An empty stretch of the dining room floor (2.7–3.1 m down) stays light.
      const floor = darkIn(kitchenXmm + 36, centreYmm + 14, kitchenXmm + 85, centreYmm + 22);
      expect(wallStrip).toBeGreaterThan(400);
      expect(floor).toBeLessThan(wallStrip / 20);
    } finally {
      await pdf.cleanup();
    }
  });
});

describe('privacy and retention', () => {
  it('keeps the title block sealed at rest: the raw SQLite files hold no operator name or address', async () => {
    const plan = noodleShop() as { title: Record<string, unknown> };
    plan.title.operatorName = '欧阳雪芹的拉面馆';
    plan.title.address = '长安区子午大道九十九号';
    const receipt = await save({ plan });
    hall.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = ['hall.db', 'hall.db-wal'].map((f) => join(hall.dir, f)).filter((f) => existsSync(f));
    const raw = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(raw.includes(Buffer.from(receipt.code, 'utf8'))).toBe(true);
    for (const secret of ['欧阳雪芹的拉面馆', '长安区子午大道九十九号', '老王家面馆', '王建国']) expect(raw.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    const back = await hall.request<PlanDetail>('GET', `/api/plans/${receipt.id}`, undefined, clerk);
    expect(back.body.plan.title.operatorName).toBe('欧阳雪芹的拉面馆');
  });

  it('purges plans not saved again within the retention period, and audits the count', async () => {
    const old = await save();
    hall.clock.advance(6 * DAY);
    const fresh = await save();
    hall.clock.advance(1 * DAY + 1);
    const purged = hall.server.plans.purge();
    expect(purged).toBeGreaterThanOrEqual(1);
    // A week later: sessions from the start of the test have expired.
    clerk = await hall.login(CLERK(1));
    admin = await hall.login();
    expect((await hall.request('GET', `/api/plans/${old.id}`, undefined, clerk)).status).toBe(404);
    expect((await hall.request('GET', `/api/plans/${fresh.id}`, undefined, clerk)).status).toBe(200);
    expect(hall.server.plans.purge()).toBe(0);
    const audit = await hall.request<Array<{ action: string; detail: Record<string, unknown> }>>('GET', '/api/admin/audit?limit=500', undefined, admin);
    expect(audit.body.some((e) => e.action === 'floorplan.purge' && e.detail.count === purged)).toBe(true);
  });
});

/** A page rendered to 8-bit grey with pdftoppm (PGM), for looking at pixels. */
async function grayPage(path: string, dpi: number): Promise<{ width: number; height: number; pixel(x: number, y: number): number }> {
  const { stdout } = await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', path], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const bytes = stdout as unknown as Buffer;
  // P5\n<width> <height>\n255\n<pixels>
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = bytes.subarray(m[0].length);
  return { width, height, pixel: (x, y) => (x < 0 || y < 0 || x >= width || y >= height ? 255 : data[y * width + x]!) };
}
