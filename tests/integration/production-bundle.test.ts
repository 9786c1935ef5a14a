// The production bundle (`npm run build`: hall-server/dist/hall-server.mjs) as production runs
// it, in its own process: a kiosk's form is drawn on the document thread from the thread's own
// bundle, dist/document-worker.mjs, not from the TypeScript sources the other tests use.
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
  const saved = await fetch(`${server.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ formId: 'food-business-licence', formVersion: 1, data: sampleFoodLicenceSubmission.data, idempotencyKey: randomUUID() }),
  });
  const receipt = (await saved.json()) as { id: string };
  expect(saved.status, JSON.stringify(receipt)).toBe(201);

  const pdf = await fetch(`${server.url}/api/submissions/${receipt.id}/pdf`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  const file = join(dir, 'form.pdf');
  writeFileSync(file, new Uint8Array(await pdf.arrayBuffer()));
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  expect(stdout.replace(/\s+/g, '')).toContain('食品经营许可');

  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { documents: { code: string; jobs: number; failed: number; starts: number } };
  expect(health.documents).toMatchObject({ code: 'bundle', jobs: 1, failed: 0, starts: 1 });
  expect(server.log).not.toMatch(/document job abandoned|ERR_/);
});
