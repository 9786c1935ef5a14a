// Window actions over REST, one route per action, for desks or integrations that do not
// hold a socket. The socket commands of common/src/events.ts do the same.
import { z } from 'zod';
import {
  callTicketRequestSchema,
  cancelTicketRequestSchema,
  closeChoiceSchema,
  pauseRequestSchema,
  ticketIdRequestSchema,
  transferRequestSchema,
  windowActionResultSchema,
} from '@hall/common/api';
import { idSchema } from '@hall/common/domain';
import type { HallService, WindowAction } from '../../service/hall-service.ts';
import { route } from '../route.ts';

const params = z.object({ windowId: idSchema });
const bodyOf = <T extends z.ZodObject>(schema: T) => schema.omit({ windowId: true } as never);

type Body = Record<string, unknown>;

const actions: Array<{ slug: string; summary: string; body?: z.ZodType; make: (b: Body) => WindowAction }> = [
  { slug: 'sign-in', summary: '签入窗口', make: () => ({ action: 'signIn' }) },
  { slug: 'sign-out', summary: '签出窗口', make: () => ({ action: 'signOut' }) },
  { slug: 'pause', summary: '暂停服务（填写原因）', body: bodyOf(pauseRequestSchema), make: (b) => ({ action: 'pause', reason: b.reason as string }) },
  { slug: 'resume', summary: '恢复服务', make: () => ({ action: 'resume' }) },
  {
    slug: 'call-next',
    summary: '叫下一个号',
    body: z.object({ closeCurrent: closeChoiceSchema.optional() }),
    make: (b) => (b.closeCurrent ? { action: 'callNext', closeCurrent: b.closeCurrent as 'finish' | 'no_show' } : { action: 'callNext' }),
  },
  {
    slug: 'call',
    summary: '提前叫指定的号（需填写原因，留痕）',
    body: bodyOf(callTicketRequestSchema),
    make: (b) => ({
      action: 'call',
      ticketId: b.ticketId as string,
      reason: b.reason as string,
      ...(b.closeCurrent ? { closeCurrent: b.closeCurrent as 'finish' | 'no_show' } : {}),
    }),
  },
  { slug: 'recall', summary: '重呼', make: () => ({ action: 'recall' }) },
  { slug: 'start', summary: '开始办理', make: () => ({ action: 'start' }) },
  { slug: 'finish', summary: '办结', make: () => ({ action: 'finish' }) },
  { slug: 'no-show', summary: '过号', make: () => ({ action: 'noShow' }) },
  { slug: 'hold', summary: '挂起（群众补材料）', make: () => ({ action: 'hold' }) },
  { slug: 'call-back', summary: '回呼挂起的号', body: bodyOf(ticketIdRequestSchema), make: (b) => ({ action: 'callBack', ticketId: b.ticketId as string }) },
  {
    slug: 'transfer',
    summary: '转办到其他业务或窗口（保留号码）',
    body: transferRequestSchema,
    make: (b) => ({
      action: 'transfer',
      target: {
        note: (b.note as string | undefined) ?? '',
        ...(b.toCategoryId ? { toCategoryId: b.toCategoryId as string } : {}),
        ...(b.toWindowId ? { toWindowId: b.toWindowId as string } : {}),
      },
    }),
  },
  { slug: 'reactivate', summary: '恢复过号', body: bodyOf(ticketIdRequestSchema), make: (b) => ({ action: 'reactivate', ticketId: b.ticketId as string }) },
  {
    slug: 'cancel',
    summary: '取消等候中的号',
    body: bodyOf(cancelTicketRequestSchema),
    make: (b) => ({ action: 'cancel', ticketId: b.ticketId as string, reason: b.reason as string }),
  },
];

export function windowRoutes(hall: HallService) {
  return actions.map((a) =>
    route({
      method: 'post',
      path: `/api/windows/:windowId/${a.slug}`,
      summary: a.summary,
      tag: 'windows',
      access: 'staff',
      params,
      // The transfer schema names the window in the body too; the path wins.
      body: a.slug === 'transfer' ? z.object({}).loose() : (a.body ?? z.object({}).loose()),
      response: windowActionResultSchema,
      handler: ({ params: p, body, staff }) => {
        const input = a.slug === 'transfer' ? transferRequestSchema.parse({ ...(body as Body), windowId: p.windowId }) : (body as Body);
        return hall.windowAction(p.windowId, a.make(input as Body), { kind: 'staff', staff: staff! });
      },
    }),
  );
}
