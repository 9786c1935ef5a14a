// The Socket.IO hub against a real server and real clients: snapshot on connect, commands
// with replies, sequenced broadcasts, roles and refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedTicket, WindowActionResult } from '@hall/common/api';
import { CLERK, startHall, type TestHall } from './harness.ts';

let hall: TestHall;
beforeEach(async () => {
  hall = await startHall();
});
afterEach(async () => {
  await hall.cleanup();
});

describe('handshake', () => {
  it('refuses a client speaking another protocol version, with a reason', async () => {
    const err = await hall.connect('/board', { protocol: 999 }).catch((e: Error & { data?: { code: string; message: string } }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { data?: { code: string } }).data?.code).toBe('PROTOCOL_MISMATCH');
    expect((err as Error).message).toContain('999');
  });

  it('refuses the counter namespace without a staff session', async () => {
    const err = await hall.connect('/counter').catch((e: Error & { data?: { code: string } }) => e);
    expect((err as { data?: { code: string } }).data?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses the admin namespace to a clerk', async () => {
    const token = await hall.login(CLERK(1));
    const err = await hall.connect('/admin', { token }).catch((e: Error & { data?: { code: string } }) => e);
    expect((err as { data?: { code: string } }).data?.code).toBe('FORBIDDEN');
  });

  it('refuses an unpaired device token', async () => {
    const err = await hall.connect('/kiosk', { token: 'not-a-real-token' }).catch((e: Error & { data?: { code: string } }) => e);
    expect((err as { data?: { code: string } }).data?.code).toBe('DEVICE_NOT_PAIRED');
  });

  it('sends a snapshot on connect', async () => {
    const board = await hall.connect('/board');
    const snap = await board.waitForSnapshot();
    expect(snap.categories.length).toBeGreaterThan(10);
    expect(snap.windows.length).toBe(30);
    expect(snap.device?.kind).toBe('board');
  });
});

describe('issue, call, announce', () => {
  it('a kiosk issues, boards hear it in sequence, a clerk calls it and the board hears the call', async () => {
    const kiosk = await hall.connect('/kiosk');
    const board = await hall.connect('/board');
    const snap = await board.waitForSnapshot();

    const issued = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: 'key-00000001', categoryId: 'business-registration' });
    expect(issued.ticket.number).toBe('A001');
    expect(issued.slip.number).toBe('A001');
    expect(issued.slip.qrUrl).toContain(issued.publicToken);
    const seen = await board.waitFor((e) => e.type === 'ticket:issued');
    expect(seen.seq).toBe(snap.seq + 1);
    expect(seen.ticket?.number).toBe('A001');
    expect(JSON.stringify(seen)).not.toContain(issued.publicToken);

    const token = await hall.login(CLERK(1));
    const counter = await hall.connect('/counter', { token });
    await counter.ok<WindowActionResult>('window:signIn', { windowId: 'w01' });
    const called = await counter.ok<WindowActionResult>('ticket:callNext', { windowId: 'w01' });
    expect(called.ticket?.number).toBe('A001');
    expect(called.ticket?.state).toBe('called');
    const call = await board.waitFor((e) => e.type === 'ticket:called');
    expect(call.windowNumber).toBe(1);
    expect(call.ticket?.id).toBe(issued.ticket.id);
    // Every broadcast carries consecutive sequence numbers.
    const seqs = board.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + 1 + i));

    // The health page tells the server's own time per command and per commit.
    type Latency = { count: number; p50Ms: number; p99Ms: number; maxMs: number };
    const health = await hall.request<{ latency: Record<string, Latency> }>('GET', '/healthz');
    for (const name of ['ticket:issue', 'ticket:callNext', 'commit']) {
      const l = health.body.latency[name];
      expect(l?.count, name).toBeGreaterThanOrEqual(1);
      expect(l!.p99Ms, name).toBeGreaterThan(0);
      expect(l!.maxMs, name).toBeGreaterThanOrEqual(l!.p50Ms);
    }
    // And the process's own stalls: how late its event loop ran (the sampling interval taken off).
    expect(health.body.latency.eventLoopDelay?.count).toBeGreaterThan(0);
    expect(health.body.latency.eventLoopDelay!.p50Ms).toBeLessThan(10);

    // An admin starts the figures afresh (to look at one period); a clerk may not.
    expect((await hall.request('POST', '/api/admin/latency/reset', {}, token)).status).toBe(403);
    expect((await hall.request('POST', '/api/admin/latency/reset', {}, await hall.login())).status).toBe(204);
    const after = await hall.request<{ latency: Record<string, Latency> }>('GET', '/healthz');
    expect(after.body.latency['ticket:callNext']).toBeUndefined();
    expect(hall.server.hall.audit.list({ limit: 5 }).some((a) => a.action === 'latency.reset')).toBe(true);
  });

  it('a clerk cannot act at a window another clerk signed in to', async () => {
    const a = await hall.connect('/counter', { token: await hall.login(CLERK(1)) });
    const b = await hall.connect('/counter', { token: await hall.login(CLERK(2)) });
    await a.ok('window:signIn', { windowId: 'w01' });
    const reply = await b.command('ticket:callNext', { windowId: 'w01' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'WINDOW_NOT_YOURS' } });
    const signIn = await b.command('window:signIn', { windowId: 'w01' });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'WINDOW_OCCUPIED' } });
  });

  it('answers malformed payloads with a validation error naming the field', async () => {
    const kiosk = await hall.connect('/kiosk');
    const reply = await kiosk.command('ticket:issue', { idempotencyKey: 'key-00000002', categoryId: 42 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.field).toBe('categoryId');
    }
    const unknown = await kiosk.command('ticket:explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('returns the first ticket when a kiosk retries with the same idempotency key', async () => {
    const kiosk = await hall.connect('/kiosk');
    const request = { idempotencyKey: 'retry-key-1', categoryId: 'tax' };
    const [a, b] = await Promise.all([kiosk.ok<IssuedTicket>('ticket:issue', request), kiosk.ok<IssuedTicket>('ticket:issue', request)]);
    const c = await kiosk.ok<IssuedTicket>('ticket:issue', request);
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(c.ticket.id).toBe(a.ticket.id);
    expect(c.reprint).toBe(true);
    const other = await kiosk.ok<IssuedTicket>('ticket:issue', { ...request, idempotencyKey: 'retry-key-2' });
    expect(other.ticket.number).not.toBe(a.ticket.number);
    const conflict = await kiosk.command('ticket:issue', { ...request, categoryId: 'employment' });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });
  });
});

describe('window agent', () => {
  it('acts for the clerk signed in at its window, and records ratings', async () => {
    const agent = await hall.connect('/agent', { deviceId: 'agent-w01' });
    expect((await agent.waitForSnapshot()).device?.windowId).toBe('w01');
    // No clerk at the window yet: the keypad cannot call.
    expect(await agent.command('keypad:action', { action: 'callNext' })).toMatchObject({ ok: false, error: { code: 'WINDOW_NOT_OPEN' } });

    const kiosk = await hall.connect('/kiosk');
    const window = hall.server.hall.configData.windows.find((w) => w.id === 'w01')!;
    const issued = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: 'agent-key-1', categoryId: window.categories.find((c) => c.weight > 0)!.categoryId });
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(6)) });
    await counter.ok('window:signIn', { windowId: 'w01' });

    const called = await agent.ok<WindowActionResult>('keypad:action', { action: 'callNext' });
    expect(called.ticket?.id).toBe(issued.ticket.id);
    const seen = await counter.waitFor((e) => e.type === 'ticket:called' && e.ticket?.id === issued.ticket.id);
    expect(seen.actor).toEqual({ kind: 'device', id: 'agent-w01' });
    await agent.ok('keypad:action', { action: 'finish' });
    expect(await agent.ok('rating:submit', { level: 'very_satisfied', ticketId: issued.ticket.id })).toEqual({ recorded: true });
    const rating = await counter.waitFor((e) => e.type === 'rating:received');
    expect(rating.detail).toMatchObject({ windowId: 'w01', level: 'very_satisfied' });
    const audit = hall.server.hall.audit.list({ limit: 10 }).find((a) => a.action === 'window.callNext');
    expect(audit?.detail).toMatchObject({ clerkId: 'clerk06' });
    // An agent cannot sign a clerk in or out.
    expect(await agent.command('keypad:action', { action: 'signOut' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses a device of another kind in the agent namespace', async () => {
    const err = await hall.connect('/agent', { deviceId: 'kiosk-1' }).catch((e: { data?: { code: string } }) => e);
    expect((err as { data?: { code: string } }).data?.code).toBe('DEVICE_NOT_PAIRED');
  });
});

describe('device faults', () => {
  it('reach staff live and show in the device health list until cleared', async () => {
    const admin = await hall.login();
    const adminSocket = await hall.connect('/admin', { token: admin });
    const kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-2' });
    await kiosk.ok('device:status', { faults: [{ device: 'printer', code: 'paper_end', message: '小票打印机缺纸' }] });
    const event = await adminSocket.waitFor((e) => e.type === 'device:statusChanged');
    expect(event.detail).toMatchObject({ deviceId: 'kiosk-2', faults: [{ device: 'printer', code: 'paper_end' }] });
    type Health = Array<{ deviceId: string; online: boolean; faults: Array<{ code: string }> }>;
    const health = await hall.request<Health>('GET', '/api/admin/device-health', undefined, admin);
    const k2 = health.body.find((d) => d.deviceId === 'kiosk-2')!;
    expect(k2.online).toBe(true);
    expect(k2.faults.map((f) => f.code)).toEqual(['paper_end']);
    // The same report again changes nothing and is not broadcast twice.
    await kiosk.ok('device:status', { faults: [{ device: 'printer', code: 'paper_end', message: '小票打印机缺纸' }] });
    await kiosk.ok('device:status', { faults: [] });
    await adminSocket.waitFor((e) => e.type === 'device:statusChanged' && (e.detail?.faults as unknown[]).length === 0);
    expect(adminSocket.events.filter((e) => e.type === 'device:statusChanged')).toHaveLength(2);
  });
});

describe('help requests, rating requests and a clerk’s figures', () => {
  it('a kiosk asks for help, staff see it live and in snapshots until one resolves it', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceId: 'kiosk-3' });
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(7)) });
    await counter.waitForSnapshot();
    const request = await kiosk.ok<{ id: string; deviceName: string }>('help:request', { note: '不会操作' });
    const seen = await counter.waitFor((e) => e.type === 'help:requested');
    expect(seen.detail).toMatchObject({ request: { id: request.id, deviceId: 'kiosk-3', note: '不会操作' } });
    expect((await counter.ok<{ helpRequests: Array<{ id: string }> }>('snapshot:get')).helpRequests.map((r) => r.id)).toEqual([request.id]);
    await counter.ok('help:resolve', { requestId: request.id });
    await counter.waitFor((e) => e.type === 'help:resolved');
    expect((await counter.ok<{ helpRequests: unknown[] }>('snapshot:get')).helpRequests).toEqual([]);
    expect(await counter.command('help:resolve', { requestId: request.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a clerk asks for a rating at their own window only, and reads their figures for the day', async () => {
    const kiosk = await hall.connect('/kiosk');
    const window = hall.server.hall.configData.windows.find((w) => w.id === 'w02')!;
    const categoryId = window.categories.find((c) => c.weight > 0)!.categoryId;
    await kiosk.ok('ticket:issue', { idempotencyKey: 'figures-key-1', categoryId });
    await kiosk.ok('ticket:issue', { idempotencyKey: 'figures-key-2', categoryId });
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(8)) });
    const agent = await hall.connect('/agent', { deviceId: 'agent-w02' });
    await counter.ok('window:signIn', { windowId: 'w02' });
    await counter.ok('ticket:callNext', { windowId: 'w02' });
    await counter.ok('ticket:start', { windowId: 'w02' });
    hall.clock.advance(6 * 60_000);
    const finished = await counter.ok<WindowActionResult>('ticket:callNext', { windowId: 'w02', closeCurrent: 'finish' });
    await counter.ok('ticket:noShow', { windowId: 'w02' });
    await counter.ok('rating:request', { windowId: 'w02' });
    const asked = await agent.waitFor((e) => e.type === 'rating:requested');
    expect(asked.detail).toMatchObject({ windowId: 'w02', windowNumber: 2 });
    expect(await counter.command('rating:request', { windowId: 'w03' })).toMatchObject({ ok: false, error: { code: 'WINDOW_NOT_YOURS' } });
    const figures = await counter.ok<{ served: number; noShows: number; averageServiceMinutes: number | null }>('stats:mine');
    expect(figures).toMatchObject({ served: 1, noShows: 1, averageServiceMinutes: 6 });
    expect(finished.ticket).not.toBeNull();
  });
});

describe('a board’s own settings', () => {
  it('reach the connected board in its next snapshot after an admin changes them', async () => {
    const board = await hall.connect('/board', { deviceId: 'board-main' });
    expect((await board.waitForSnapshot()).device?.board?.speak).toBe(true);
    const admin = await hall.login();
    const record = (await hall.request<{ board: Record<string, unknown> }>('GET', '/api/admin/devices/board-main', undefined, admin)).body;
    await hall.request('PUT', '/api/admin/devices/board-main', { ...record, board: { ...record.board, speak: false, zone: 'B区' } }, admin);
    await board.waitFor((e) => e.type === 'config:changed');
    const fresh = await board.ok<{ device: { board: { speak: boolean; zone: string } } }>('snapshot:get');
    expect(fresh.device.board).toMatchObject({ speak: false, zone: 'B区' });
  });
});

describe('kiosks get figures, not every ticket', () => {
  it('a burst of issuances reaches a kiosk as digests covering every sequence number, configuration changes whole and in order', async () => {
    const kiosk = await hall.connect('/kiosk');
    const board = await hall.connect('/board');
    const snap = await kiosk.waitForSnapshot();
    await board.waitForSnapshot();
    // A kiosk's snapshot carries figures and configuration, never the ticket list or calls.
    const first = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: 'burst-000', categoryId: 'business-registration' });
    expect((await kiosk.ok<{ tickets: unknown[]; recentCalls: unknown[] }>('snapshot:get')).tickets).toEqual([]);
    const boardSnapshot = await board.ok<{ tickets: Array<{ id: string }> }>('snapshot:get');
    expect(boardSnapshot.tickets.map((t) => t.id)).toContain(first.ticket.id);

    await Promise.all(Array.from({ length: 30 }, (_, i) => kiosk.ok('ticket:issue', { idempotencyKey: `burst-${String(i + 1).padStart(3, '0')}`, categoryId: 'business-registration' })));
    const admin = await hall.login();
    const notice = await hall.request<{ id: string }>('POST', '/api/admin/notices', { id: 'pause-notice', text: '今日下午三点起暂停公积金业务', targets: ['kiosk'] }, admin);
    expect(notice.status).toBe(201);
    await board.waitFor((e) => e.type === 'config:changed');
    const last = board.events.at(-1)!.seq;
    await kiosk.waitUntil(() => (kiosk.arrivals.at(-1)?.seq ?? 0) >= last);

    // No ticket event reaches the kiosk whole; the digests and whole events cover snap.seq+1..last without a hole.
    expect(kiosk.events.every((e) => !e.type.startsWith('ticket:'))).toBe(true);
    expect(kiosk.digests.length).toBeGreaterThan(0);
    expect(kiosk.digests.length).toBeLessThan(31);
    let seq = snap.seq;
    for (const item of kiosk.arrivals) {
      const from = 'fromSeq' in item ? item.fromSeq : item.seq;
      expect(from).toBe(seq + 1);
      seq = item.seq;
    }
    expect(seq).toBe(last);
    expect(kiosk.arrivals.at(-1)).toMatchObject({ type: 'config:changed' });
    // The figures the kiosk ends with are the board's.
    const boardFigures = board.events.filter((e) => e.type === 'ticket:issued').at(-1)!.stats.find((s) => s.categoryId === 'business-registration');
    const kioskFigures = kiosk.digests.at(-1)!.stats.find((s) => s.categoryId === 'business-registration');
    expect(kioskFigures).toEqual(boardFigures);
    expect(kioskFigures?.issuedToday).toBe(31);
  });
});
