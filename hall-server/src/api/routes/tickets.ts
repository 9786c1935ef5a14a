// Issuing tickets over REST (kiosks may use it as well as the socket) and reading one.
import { z } from 'zod';
import { issueTicketRequestSchema, issuedTicketSchema, ticketStatusSchema } from '@hall/common/api';
import type { HallService } from '../../service/hall-service.ts';
import { route } from '../route.ts';

export function ticketRoutes(hall: HallService) {
  return [
    route({
      method: 'post',
      path: '/api/tickets',
      summary: '取号（带幂等键：同一键重试返回同一张号）',
      tag: 'tickets',
      access: 'kiosk-or-staff',
      body: issueTicketRequestSchema,
      response: issuedTicketSchema,
      status: 201,
      handler: async ({ body, staff, device, req, res }) => {
        const header = req.get('idempotency-key');
        const cmd = header && !body.idempotencyKey ? { ...body, idempotencyKey: header } : body;
        const actor = device ? { kind: 'device' as const, id: device.id } : { kind: staff!.role === 'admin' ? ('admin' as const) : ('clerk' as const), id: staff!.id };
        const issued = await hall.issueTicket(cmd, actor);
        if (issued.reprint) res.status(200);
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
