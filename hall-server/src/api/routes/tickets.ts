// Issuing tickets over REST (kiosks may use it as well as the socket) and reading one.
import { z } from 'zod';
import { issueTicketRequestSchema, issuedTicketSchema, ticketStatusSchema } from '@hall/common/api';
import type { HallService } from '../../service/hall-service.ts';
import { HallError } from '@hall/common/errors';
import { route } from '../route.ts';

export function ticketRoutes(hall: HallService) {
  return [
    route({
      method: 'post',
      path: '/api/tickets',
      summary: '取号（带幂等键：同一键重试返回同一张号）',
      tag: 'tickets',
      access: 'kiosk-or-staff',
      // The key may come in the body or, as HTTP clients usually send it, an Idempotency-Key header.
      body: issueTicketRequestSchema.extend({ idempotencyKey: issueTicketRequestSchema.shape.idempotencyKey.optional() }),
      response: issuedTicketSchema,
      status: 201,
      handler: async ({ body, staff, device, req, res }) => {
        const key = body.idempotencyKey ?? req.get('idempotency-key');
        const parsedKey = issueTicketRequestSchema.shape.idempotencyKey.safeParse(key);
        if (!parsedKey.success) {
          throw new HallError('VALIDATION_FAILED', { field: 'idempotencyKey', message: '请提供幂等键（请求体 idempotencyKey 或请求头 Idempotency-Key），8到64位字母、数字、下划线或连字符' });
        }
        const cmd = { ...body, idempotencyKey: parsedKey.data };
        const actor = device ? { kind: 'device' as const, id: device.id } : { kind: staff!.role === 'admin' ? ('admin' as const) : ('clerk' as const), id: staff!.id };
        const issued = await hall.issueTicket(cmd, actor);
        res.status(issued.reprint ? 200 : 201).json(issued);
      },
    }),
    route({
      method: 'get',
      path: '/api/tickets/:ticketId',
      summary: '按编号查询一张号的状态',
      tag: 'tickets',
      access: 'kiosk-or-staff',
      params: z.object({ ticketId: z.string().min(1).max(64) }),
      response: ticketStatusSchema,
      handler: ({ params }) => hall.ticketStatus({ id: params.ticketId }),
    }),
  ];
}
