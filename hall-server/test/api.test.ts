// REST routes against a real server: the OpenAPI document, validation at the edge, the
// admin console's CRUD with its audit trail and live push, pairing, and the public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, PairingResult, TicketStatus, WindowActionResult } from '@hall/common/api';
import type { Category } from '@hall/common/domain';
import { errorCodes } from '@hall/common/errors';
import { CLERK, startHall, type TestHall } from './harness.ts';

let hall: TestHall;
let admin: string;
let clerk: string;
beforeAll(async () => {
  hall = await startHall();
  admin = await hall.login();
  clerk = await hall.login(CLERK(3));
});
afterAll(async () => {
  await hall.cleanup();
});

type ErrorReply = { error: { code: string; message: string; field?: string } };

describe('OpenAPI and health', () => {
  it('documents every route with its request schema', async () => {
    const { status, body } = await hall.request<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/tickets', '/api/t/{token}', '/api/windows/{windowId}/call-next', '/api/admin/categories/{key}', '/api/admin/service-items']),
    );
    const issue = body.paths['/api/tickets']!.post!.requestBody as { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    expect(Object.keys(issue.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['idempotencyKey', 'categoryId', 'identity']));
  });

  it('reports health with the sequence number', async () => {
    const { status, body } = await hall.request<{ status: string; seq: number }>('GET', '/healthz');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(typeof body.seq).toBe('number');
  });
});

describe('validation at the edge', () => {
  it('names the offending field, in Chinese, with a 400', async () => {
    const r = await hall.request<ErrorReply>('POST', '/api/tickets', { idempotencyKey: 'x', categoryId: 'tax' }, clerk);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.field).toBe('idempotencyKey');
    expect(r.body.error.message).toMatch(/幂等键/);
  });

  it('rejects broken JSON and unknown routes with JSON errors', async () => {
    const broken = await fetch(`${hall.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` }, body: '{"a":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorReply).error.code).toBe('VALIDATION_FAILED');
    const missing = await hall.request<ErrorReply>('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(errorCodes).toContain(missing.body.error.code);
  });

  it('requires a session for window actions and admin for configuration', async () => {
    expect((await hall.request('POST', '/api/windows/w01/call-next', {})).status).toBe(401);
    expect((await hall.request<ErrorReply>('GET', '/api/admin/categories', undefined, clerk)).body.error.code).toBe('FORBIDDEN');
  });
});

describe('tickets over REST', () => {
  it('issues, finds by public token, and serves the phone page', async () => {
    const r = await hall.request<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: 'rest-issue-1', categoryId: 'tax' }, clerk);
    expect(r.status).toBe(201);
    const status = await hall.request<TicketStatus>('GET', `/api/t/${r.body.publicToken}`);
    expect(status.body.ticket.number).toBe(r.body.ticket.number);
    expect(status.body.categoryName).toBe('税务');
    expect(status.body.peopleAhead).toBe(0);
    const page = await fetch(`${hall.url}/t/${r.body.publicToken}`);
    const html = await page.text();
    expect(html).toContain(r.body.ticket.number);
    expect(html).toContain('等候中');
    const again = await hall.request<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: 'rest-issue-1', categoryId: 'tax' }, clerk);
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(r.body.ticket.id);
    // The key may also travel as an Idempotency-Key header.
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${clerk}`, 'idempotency-key': 'rest-issue-1' };
    const viaHeader = await fetch(`${hall.url}/api/tickets`, { method: 'POST', headers, body: JSON.stringify({ categoryId: 'tax' }) });
    expect(viaHeader.status).toBe(200);
    expect(((await viaHeader.json()) as IssuedTicket).ticket.id).toBe(r.body.ticket.id);
  });

  it('requires identity where the category does, and validates the ID number check digit', async () => {
    const none = await hall.request<ErrorReply>('POST', '/api/tickets', { idempotencyKey: 'rest-id-1', categoryId: 'housing-fund' }, clerk);
    expect(none.body.error.code).toBe('IDENTITY_REQUIRED');
    const bad = await hall.request<ErrorReply>(
      'POST',
      '/api/tickets',
      { idempotencyKey: 'rest-id-2', categoryId: 'housing-fund', identity: { idNumber: '110105194912310021', source: 'typed' } },
      clerk,
    );
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.field).toBe('identity.idNumber');
    const good = await hall.request<IssuedTicket>(
      'POST',
      '/api/tickets',
      { idempotencyKey: 'rest-id-3', categoryId: 'housing-fund', identity: { idNumber: '11010519491231002X', source: 'typed' } },
      clerk,
    );
    expect(good.status).toBe(201);
    // One waiting ticket per person: the second draw says so, and offers the first.
    const twice = await hall.request<ErrorReply & { error: { details: { number: string } } }>(
      'POST',
      '/api/tickets',
      { idempotencyKey: 'rest-id-4', categoryId: 'housing-fund', identity: { idNumber: '11010519491231002X', source: 'card' } },
      clerk,
    );
    expect(twice.body.error.code).toBe('ALREADY_WAITING');
    expect(twice.body.error.details.number).toBe(good.body.ticket.number);
    const reprint = await hall.request<IssuedTicket>(
      'POST',
      '/api/tickets',
      { idempotencyKey: 'rest-id-5', categoryId: 'housing-fund', identity: { idNumber: '11010519491231002X', source: 'card' }, reprintExisting: true },
      clerk,
    );
    expect(reprint.body.reprint).toBe(true);
    expect(reprint.body.ticket.id).toBe(good.body.ticket.id);
  });

  it('routes an elderly card holder to the priority lane where the category enables it', async () => {
    const categories = await hall.request<Category[]>('GET', '/api/admin/categories', undefined, admin);
    const byAge = categories.body.find((c) => c.priorityAge !== null && !c.identityRequired && c.onePerPerson);
    expect(byAge).toBeDefined();
    const r = await hall.request<IssuedTicket>(
      'POST',
      '/api/tickets',
      { idempotencyKey: 'rest-old-1', categoryId: byAge!.id, identity: { idNumber: '11010519491231002X', source: 'card' } },
      clerk,
    );
    expect(r.body.ticket.priority).toBe(true);
  });
});

describe('window actions over REST', () => {
  it('signs in, calls, finishes, and refuses another clerk', async () => {
    const issued = await hall.request<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: 'rest-win-1', categoryId: 'employment' }, clerk);
    const windows = (await hall.request<Array<{ id: string; categories: Array<{ categoryId: string; weight: number }> }>>('GET', '/api/admin/windows', undefined, admin)).body;
    const w = windows.find((x) => x.id === 'w17')!;
    const served = new Set(w.categories.map((c) => c.categoryId));
    expect(served.has('employment')).toBe(true);
    expect((await hall.request('POST', `/api/windows/${w.id}/sign-in`, {}, clerk)).status).toBe(200);
    // Earlier tests may have left tickets this window also serves: call until ours comes.
    let called = await hall.request<WindowActionResult>('POST', `/api/windows/${w.id}/call-next`, {}, clerk);
    for (let i = 0; i < 5 && called.body.ticket?.id !== issued.body.ticket.id; i++) {
      expect(served.has(called.body.ticket!.categoryId)).toBe(true);
      called = await hall.request<WindowActionResult>('POST', `/api/windows/${w.id}/call-next`, { closeCurrent: 'finish' }, clerk);
    }
    expect(called.status).toBe(200);
    expect(called.body.ticket?.id).toBe(issued.body.ticket.id);
    const other = await hall.login(CLERK(4));
    const refused = await hall.request<ErrorReply>('POST', `/api/windows/${w.id}/finish`, {}, other);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('WINDOW_NOT_YOURS');
    const finished = await hall.request<WindowActionResult>('POST', `/api/windows/${w.id}/finish`, {}, clerk);
    expect(finished.body.ticket).toBeNull();
    expect((await hall.request('POST', `/api/windows/${w.id}/sign-out`, {}, clerk)).status).toBe(200);
  });
});

describe('admin console API', () => {
  it('creates a category, pushes it to kiosks, refuses a duplicate prefix, and audits both', async () => {
    const kiosk = await hall.connect('/kiosk');
    await kiosk.waitForSnapshot();
    const category = { id: 'night-service', prefix: 'Z', name: '夜间自助', group: '综合服务' };
    const created = await hall.request<Category>('POST', '/api/admin/categories', category, admin);
    expect(created.status).toBe(201);
    expect(created.body.numberWidth).toBe(3);
    const pushed = await kiosk.waitFor((e) => e.type === 'config:changed');
    expect(pushed.detail).toMatchObject({ action: 'categories.create', target: 'night-service' });
    const fresh = await kiosk.ok<{ categories: Category[] }>('snapshot:get');
    expect(fresh.categories.map((c) => c.id)).toContain('night-service');

    const clash = await hall.request<ErrorReply>('POST', '/api/admin/categories', { ...category, id: 'night-2' }, admin);
    expect(clash.status).toBe(409);
    expect(clash.body.error.field).toBe('prefix');

    const audit = await hall.request<Array<{ action: string; target: string; actor: { id: string } }>>('GET', '/api/admin/audit?limit=20', undefined, admin);
    expect(audit.body.find((a) => a.action === 'categories.create' && a.target === 'night-service')?.actor.id).toBe('admin');
  });

  it('refuses to delete a category a window still serves', async () => {
    const r = await hall.request<ErrorReply>('DELETE', '/api/admin/categories/tax', undefined, admin);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/窗口/);
  });

  it('pairs a device with a one-time code, which then opens its namespace', async () => {
    const device = { id: 'kiosk-9', kind: 'kiosk', name: '9号自助机' };
    expect((await hall.request('POST', '/api/admin/devices', device, admin)).status).toBe(201);
    const code = await hall.request<{ code: string }>('POST', '/api/admin/devices/kiosk-9/pairing-code', {}, admin);
    expect(code.body.code).toMatch(/^\d{6}$/);
    const paired = await hall.request<PairingResult>('POST', '/api/devices/pair', { code: code.body.code });
    expect(paired.body.device.id).toBe('kiosk-9');
    const reused = await hall.request<ErrorReply>('POST', '/api/devices/pair', { code: code.body.code });
    expect(reused.body.error.code).toBe('PAIRING_CODE_INVALID');
    const socket = await hall.connect('/kiosk', { token: paired.body.token });
    expect((await socket.waitForSnapshot()).device?.id).toBe('kiosk-9');
    // A kiosk token does not open a board's namespace.
    const wrong = await hall.connect('/board', { token: paired.body.token }).catch((e: { data?: { code: string } }) => e);
    expect((wrong as { data?: { code: string } }).data?.code).toBe('DEVICE_NOT_PAIRED');
  });

  it('manages staff accounts: a new clerk can sign in, a disabled one cannot', async () => {
    const account = { id: 'clerk-new', username: 'clerk.new', displayName: '新同事', role: 'clerk', password: 'new-clerk-2026' };
    expect((await hall.request('POST', '/api/admin/staff', account, admin)).status).toBe(201);
    const token = await hall.login({ username: 'clerk.new', password: 'new-clerk-2026' });
    expect((await hall.request('GET', '/api/auth/me', undefined, token)).status).toBe(200);
    const { password: _p, ...rest } = account;
    await hall.request('PUT', '/api/admin/staff/clerk-new', { ...rest, enabled: false }, admin);
    expect((await hall.request('GET', '/api/auth/me', undefined, token)).status).toBe(401);
    const denied = await hall.request<ErrorReply>('POST', '/api/auth/login', { username: 'clerk.new', password: 'new-clerk-2026' });
    expect(denied.body.error.code).toBe('LOGIN_FAILED');
  });

  it('serves service guides with all seven facts', async () => {
    const items = await hall.request<Array<{ id: string; name: string; guide: Record<string, unknown> }>>('GET', '/api/service-items');
    expect(items.body.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(items.body[0]!.guide).sort()).toEqual(['basis', 'conditions', 'fees', 'materials', 'procedure', 'timeLimit']);
  });
});
