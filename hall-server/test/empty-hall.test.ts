// A new hall starts from an empty database with one admin account; everything else is set up
// through the admin API, and then tickets flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { IssuedTicket } from '@hall/common/api';
import { createHallServer, type HallServer } from '../src/app.ts';
import { loadServerConfig } from '../src/config.ts';
import { TestClock, memoHash } from './harness.ts';

let server: HallServer;
let url: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hall-empty-'));
  const config = loadServerConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent' } });
  server = await createHallServer(config, { clock: new TestClock().now, logger: pino({ level: 'silent' }), initialAdminPassword: 'first-admin-2026', hashPassword: memoHash });
  url = `http://127.0.0.1:${await server.listen()}`;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

describe('a hall set up from an empty database', () => {
  it('refuses to start on an empty database without a seed or an admin password', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'hall-empty-'));
    const config = loadServerConfig({ env: {}, overrides: { port: 0, dataDir: emptyDir, logLevel: 'silent' } });
    await expect(createHallServer(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/数据库为空/);
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('lets the first admin configure the hall, after which a ticket can be drawn and called', async () => {
    expect((await call<unknown[]>('GET', '/api/categories')).body).toEqual([]);
    const login = await call<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: 'first-admin-2026' });
    const admin = login.body.token;
    expect((await call('POST', '/api/admin/categories', { id: 'general', prefix: 'A', name: '综合业务', group: '综合服务' }, admin)).status).toBe(201);
    expect((await call('POST', '/api/admin/windows', { id: 'w1', number: 1, name: '1号窗口', categories: [{ categoryId: 'general' }] }, admin)).status).toBe(201);
    expect(
      (await call('POST', '/api/admin/staff', { id: 'c1', username: 'clerk.one', displayName: '李明', role: 'clerk', password: 'clerk-one-2026' }, admin)).status,
    ).toBe(201);
    const issued = await call<IssuedTicket>('POST', '/api/tickets', { idempotencyKey: 'empty-hall-1', categoryId: 'general' }, admin);
    expect(issued.body.ticket.number).toBe('A001');
    const clerk = (await call<{ token: string }>('POST', '/api/auth/login', { username: 'clerk.one', password: 'clerk-one-2026' })).body.token;
    await call('POST', '/api/windows/w1/sign-in', {}, clerk);
    const called = await call<{ ticket: { number: string } }>('POST', '/api/windows/w1/call-next', {}, clerk);
    expect(called.body.ticket.number).toBe('A001');
  });
});
