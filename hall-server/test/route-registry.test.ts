// The route registry's binary replies: declared once, documented as binary of their media type,
// and a handler that forgets to send its body is a 500 with the usual JSON error, not a JSON
// body pretending to be a PDF.
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthService } from '../src/auth/auth-service.ts';
import { mountRoutes } from '../src/api/mount.ts';
import { openApiDocument } from '../src/api/openapi.ts';
import { binaryReply, route } from '../src/api/route.ts';
import { createServer, type Server } from 'node:http';

const routes = [
  route({
    method: 'get',
    path: '/doc.pdf',
    summary: 'a PDF',
    tag: 'test',
    access: 'public',
    response: binaryReply('application/pdf', 'A4 PDF'),
    handler: ({ res }) => void res.status(200).type('application/pdf').end(Buffer.from('%PDF-1.7 test')),
  }),
  route({
    method: 'get',
    path: '/forgot.pdf',
    summary: 'a PDF route that sends nothing',
    tag: 'test',
    access: 'public',
    response: binaryReply('application/pdf', 'A4 PDF'),
    handler: () => ({ not: 'a pdf' }),
  }),
];

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  const router = express.Router();
  mountRoutes(router, routes, {} as AuthService, pino({ level: 'silent' }));
  app.use(router);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('documents a binary reply by its media type', () => {
  const doc = openApiDocument(routes, { title: 't', version: '1' }) as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
  expect(doc.paths['/doc.pdf']!.get.responses['200']).toEqual({ description: 'A4 PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
});

it('sends what the handler wrote; a handler that wrote nothing is an internal error in JSON', async () => {
  const ok = await fetch(`${url}/doc.pdf`);
  expect(ok.headers.get('content-type')).toBe('application/pdf');
  expect(await ok.text()).toBe('%PDF-1.7 test');
  const forgot = await fetch(`${url}/forgot.pdf`);
  expect(forgot.status).toBe(500);
  expect(((await forgot.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
});
