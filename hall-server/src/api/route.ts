// A route is declared once, with the zod schemas of its input and output; the same
// declaration mounts the Express handler (validating at the edge) and writes the OpenAPI
// document, so the two cannot drift apart.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Device, Staff } from '@hall/common/domain';

export type Access = 'public' | 'staff' | 'admin' | 'device' | 'kiosk-or-staff';

export interface RouteContext<B, P, Q> {
  body: B;
  params: P;
  query: Q;
  staff: Staff | null;
  device: Device | null;
  /** Client address, for throttling and audit. */
  client: string;
  req: Request;
  res: Response;
}

export interface RouteDef<B extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express path, e.g. /api/tickets/:ticketId */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  params?: P;
  query?: Q;
  /** Schema of a successful reply; null for 204. */
  response: z.ZodType | null;
  status?: number;
  handler: (ctx: RouteContext<z.output<B>, z.output<P>, z.output<Q>>) => Promise<unknown> | unknown;
}

export function route<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(def: RouteDef<B, P, Q>): RouteDef {
  return def as unknown as RouteDef;
}
