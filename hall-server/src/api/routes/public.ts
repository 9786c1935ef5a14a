// What anyone in the hall may read: the snapshot boards use, categories with their
// figures, service guides, and a ticket's progress by the token printed in its QR.
import { z } from 'zod';
import { categoryWithStatsSchema, pairRequestSchema, pairingResultSchema, ticketStatusSchema } from '@hall/common/api';
import { serviceItemSchema } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { HallService } from '../../service/hall-service.ts';
import type { AuthService } from '../../auth/auth-service.ts';
import { route } from '../route.ts';

const snapshotSchema = z.object({ seq: z.int(), hallDay: z.string() }).loose();

export function publicRoutes(hall: HallService, auth: AuthService) {
  return [
    route({
      method: 'get',
      path: '/api/snapshot',
      summary: '大厅快照：业务、窗口、等候与叫号（不含个人信息）',
      tag: 'hall',
      access: 'public',
      response: snapshotSchema,
      handler: () => hall.snapshot(),
    }),
    route({
      method: 'get',
      path: '/api/categories',
      summary: '可取号业务及等候人数、预计等候时间、是否可取号',
      tag: 'hall',
      access: 'public',
      response: z.array(categoryWithStatsSchema),
      handler: async () => {
        await hall.commits.settled();
        return hall.categoriesWithStats();
      },
    }),
    route({
      method: 'get',
      path: '/api/service-items',
      summary: '办事指南列表',
      tag: 'guides',
      access: 'public',
      response: z.array(serviceItemSchema),
      handler: () => hall.configData.serviceItems.filter((s) => s.enabled),
    }),
    route({
      method: 'get',
      path: '/api/service-items/:itemId',
      summary: '一个事项的办事指南',
      tag: 'guides',
      access: 'public',
      params: z.object({ itemId: z.string().max(40) }),
      response: serviceItemSchema,
      handler: ({ params }) => {
        const item = hall.configData.serviceItems.find((s) => s.id === params.itemId && s.enabled);
        if (!item) throw new HallError('NOT_FOUND');
        return item;
      },
    }),
    route({
      method: 'get',
      path: '/api/t/:token',
      summary: '凭小票二维码查询排队进度',
      tag: 'tickets',
      access: 'public',
      params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) }),
      response: ticketStatusSchema,
      handler: ({ params }) => hall.ticketStatus({ token: params.token }),
    }),
    route({
      method: 'post',
      path: '/api/devices/pair',
      summary: '设备用一次性配对码换取设备令牌',
      tag: 'devices',
      access: 'public',
      body: pairRequestSchema,
      response: pairingResultSchema,
      handler: ({ body, client }) => auth.pair(body.code, client),
    }),
  ];
}
