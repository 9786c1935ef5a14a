// Mounts route declarations on Express: authenticate, validate body, params and query,
// call the handler, reply with JSON. Every failure becomes { error: { code, message } }
// with a 4xx, never a crash.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { HallError, errorStatus, type ErrorBody } from '@hall/common/errors';
import type { AuthService } from '../auth/auth-service.ts';
import { toErrorBody, validationError } from '../service/error-body.ts';
import type { Device } from '@hall/common/domain';
import { isLoopback, sessionCookie } from '../service/net.ts';
import { isBinaryReply, type RouteDef } from './route.ts';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return sessionCookie(req.headers.cookie);
}

/** The demo's pre-pairing: a device of a kind for token-less requests from this machine. */
export type DemoDevices = (kind: 'kiosk') => Device | undefined;

export function mountRoutes(router: Router, routes: RouteDef[], auth: AuthService, logger: Logger, demoDevices?: DemoDevices): void {
  for (const r of routes) {
    router[r.method](r.path, (req: Request, res: Response) => {
      void handle(r, req, res, auth, logger, demoDevices);
    });
  }
}

async function handle(r: RouteDef, req: Request, res: Response, auth: AuthService, logger: Logger, demoDevices?: DemoDevices): Promise<void> {
  try {
    const token = bearerToken(req);
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? token : undefined;
    const staff = r.access === 'staff' || r.access === 'admin' || r.access === 'kiosk-or-staff' ? (auth.staffFor(token) ?? null) : null;
    let device = r.access === 'device' || r.access === 'kiosk-or-staff' ? (auth.deviceFor(bearer) ?? null) : null;
    if (!device && !staff && !bearer && demoDevices && r.access === 'kiosk-or-staff' && isLoopback(req.socket.remoteAddress)) {
      device = demoDevices('kiosk') ?? null;
    }
    if (r.access === 'staff' && !staff) throw new HallError('UNAUTHENTICATED');
    if (r.access === 'admin') {
      if (!staff) throw new HallError('UNAUTHENTICATED');
      if (staff.role !== 'admin') throw new HallError('FORBIDDEN');
    }
    if (r.access === 'device' && !device) throw new HallError('DEVICE_NOT_PAIRED');
    if (r.access === 'kiosk-or-staff' && !staff && device?.kind !== 'kiosk') throw new HallError(device ? 'FORBIDDEN' : 'UNAUTHENTICATED');

    const body = parse(r.body, req.body ?? {}, 'body');
    const params = parse(r.params, req.params, 'params');
    const query = parse(r.query, req.query, 'query');
    const result = await r.handler({ body, params, query, staff, device, client: req.ip ?? 'unknown', req, res });
    if (res.headersSent) return;
    if (r.response === null) res.status(r.status ?? 204).end();
    else if (isBinaryReply(r.response)) throw new Error(`${r.method} ${r.path} declares a ${r.response.binary} reply but sent none`);
    else res.status(r.status ?? 200).json(result);
  } catch (error) {
    sendError(res, toErrorBody(error, logger, { route: `${r.method} ${r.path}` }));
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, _where: string): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function sendError(res: Response, body: ErrorBody): void {
  if (res.headersSent) return;
  res.status(errorStatus[body.code] ?? 500).json({ error: body });
}

/**
 * JSON body parsing whose failures are ordinary 4xx replies: 256 KB, or a route's own
 * `bodyLimit` on that route's method and path (an upload).
 */
export function jsonBody(routes: RouteDef[] = []): express.RequestHandler[] {
  const large = routes.flatMap((r) => (r.bodyLimit ? [{ method: r.method.toUpperCase(), path: pathPattern(r.path), limit: r.bodyLimit }] : []));
  const parsers = large.map((l) => express.json({ limit: l.limit, strict: false, type: (req) => isJson(req) && req.method === l.method && l.path.test(req.url?.split('?')[0] ?? '') }));
  // body-parser leaves a request alone once one of them has read its body.
  return [
    ...parsers,
    express.json({ limit: '256kb', strict: false }),
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (!error) return next();
      const e = error as { type?: string; status?: number };
      if (e.type === 'entity.too.large') return sendError(res, new HallError('PAYLOAD_TOO_LARGE').toBody());
      sendError(res, new HallError('VALIDATION_FAILED', { message: '请求内容不是有效的 JSON' }).toBody());
    },
  ] as unknown as express.RequestHandler[];
}

function isJson(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/(.+\+)?json\b/i.test(type);
}

/** '/api/certificates/:id/replace' → /^\/api\/certificates\/[^/]+\/replace$/ */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
