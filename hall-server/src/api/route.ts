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

/**
 * A reply that is not JSON (a PDF): the handler writes the body itself, and the OpenAPI
 * document describes it as binary of this media type.
 */
export interface BinaryReply {
  binary: `${string}/${string}`;
  description: string;
}

export function binaryReply(mediaType: BinaryReply['binary'], description: string): BinaryReply {
  return { binary: mediaType, description };
}

/** A PDF reply (forms, plans, certificates): shown in the browser or printed, never cached. */
export function sendPdf(res: Response, { bytes, filename }: { bytes: Uint8Array; filename: string }): void {
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="${filename}"`)
    .setHeader('Cache-Control', 'no-store')
    // A view of the bytes, not a copy.
    .end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export function isBinaryReply(response: RouteDef['response']): response is BinaryReply {
  return response !== null && typeof response === 'object' && 'binary' in response && typeof response.binary === 'string';
}

export interface RouteDef<B extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express path, e.g. /api/tickets/:ticketId */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** A larger JSON body than the default 256 KB (an upload), as body-parser spells it: '15mb'. */
  bodyLimit?: string;
  body?: B;
  params?: P;
  query?: Q;
  /** Schema of a successful JSON reply; a binary reply's media type; null for 204. */
  response: z.ZodType | BinaryReply | null;
  status?: number;
  handler: (ctx: RouteContext<z.output<B>, z.output<P>, z.output<Q>>) => Promise<unknown> | unknown;
}

export function route<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(def: RouteDef<B, P, Q>): RouteDef {
  return def as unknown as RouteDef;
}
