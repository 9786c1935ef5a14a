// The production bundle (`npm run build`: hall-server/dist/hall-server.mjs) as production runs
// it, in its own process: a kiosk's form is drawn, and a department's PDF checked and stamped,
// on the document thread from the thread's own bundle, dist/document-worker.mjs (pdfkit and
// pdf-lib found from there), not from the TypeScript sources the other tests use.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleFoodLicenceSubmission } from '@hall/fixtures/src/forms.ts';
import { ServerProcess, freePort, repoRoot } from '../reliability/support.ts';

const bundle = join(repoRoot, 'hall-server/dist/hall-server.mjs');
let dir: string;
let server: ServerProcess;
/** The form PDF of the first test: the department's upload in the second. */
let formPdf: Uint8Array;

const pdftotext = async (bytes: Uint8Array, name: string): Promise<string> => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, '');
};

async function json<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const documentsHealth = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { documents: { code: string; jobs: number; failed: number; starts: number } }).documents;

beforeAll(async () => {
  if (!existsSync(bundle) || !existsSync(join(repoRoot, 'hall-server/dist/document-worker.mjs'))) {
    throw new Error('hall-server/dist is missing: `npm run build` first (the test command does)');
  }
  dir = mkdtempSync(join(tmpdir(), 'hall-bundle-'));
  server = new ServerProcess(dir, await freePort(), bundle);
  await server.start();
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('draws a form on the document thread of the production bundle', async () => {
  // The demo's kiosk, as a request from this machine without a device token.
  const saved = await json<{ id: string }>('POST', '/api/submissions', { formId: 'food-business-licence', formVersion: 1, data: sampleFoodLicenceSubmission.data, idempotencyKey: randomUUID() });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);

  const pdf = await fetch(`${server.url}/api/submissions/${saved.body.id}/pdf`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  formPdf = new Uint8Array(await pdf.arrayBuffer());
  expect(await pdftotext(formPdf, 'form.pdf')).toContain('食品经营许可');
  expect(await documentsHealth()).toMatchObject({ code: 'bundle', jobs: 1, failed: 0, starts: 1 });
});

it("checks and stamps a department's PDF there too", async () => {
  const clerk = await json<{ token: string }>('POST', '/api/auth/login', { username: 'clerk05', password: 'clerk-demo-2026' });
  expect(clerk.status).toBe(200);
  const holder = { name: '测试甲', idNumber: '110101199003070011' };
  const published = await json<{ id: string; pageCount: number; code: string }>(
    'POST',
    '/api/certificates',
    {
      idempotencyKey: randomUUID(),
      typeId: 'business-licence-copy',
      documentNumber: '92610102MA6X8K3L25',
      issuer: '西安市新城区市场监督管理局',
      holder: { kind: 'business', name: '西安市新城区王记面馆', creditCode: '92610102MA6X8K3L25', entitled: [{ ...holder, role: 'legalRep' }] },
      validFrom: '2026-11-20',
      validUntil: null,
      fields: [],
      pdf: { filename: '营业执照副本.pdf', data: Buffer.from(formPdf).toString('base64') },
    },
    clerk.body.token,
  );
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  expect(published.body.pageCount).toBe(2);

  const identity = { idNumber: holder.idNumber, source: 'card', cardKind: 'resident' };
  const job = await json<{ jobId: string }>('POST', `/api/certificates/${published.body.id}/prints`, { idempotencyKey: randomUUID(), identity });
  expect(job.status, JSON.stringify(job.body)).toBe(201);
  const printed = await fetch(`${server.url}/api/certificate-prints/${job.body.jobId}/pdf`);
  expect(printed.status).toBe(200);
  const text = await pdftotext(new Uint8Array(await printed.arrayBuffer()), 'stamped.pdf');
  // The verification stamp, once on each of the two pages.
  expect(text.match(/扫码验真/g)).toHaveLength(2);
  expect(await documentsHealth()).toMatchObject({ code: 'bundle', jobs: 3, failed: 0, starts: 1 });
  expect(server.log).not.toMatch(/document job abandoned|ERR_/);
});
