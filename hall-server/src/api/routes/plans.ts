// Floor plans (餐饮平面图): saved from kiosks, printed as A4, read by clerks; the rule sets
// for kiosk and desk. The contract is common/src/floorplan/api.ts.
import { z } from 'zod';
import {
  attachPlanTicketRequestSchema,
  floorPlanSchema,
  floorplanDataParamsSchema,
  ruleSetSchema,
  templateListSchema,
  planCodeSchema,
  planDetailSchema,
  planIdSchema,
  planListSchema,
  planReceiptSchema,
  plansQuerySchema,
  ruleSetListSchema,
  savePlanRequestSchema,
} from '@hall/common/floorplan/index';
import type { Device, Staff } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { PlanActor, PlanService } from '../../plans/index.ts';
import { binaryReply, route, sendPdf } from '../route.ts';

const planParams = z.object({ id: planIdSchema });

function actorOf(staff: Staff | null, device: Device | null): PlanActor {
  if (staff) return { kind: 'staff', staff };
  if (device) return { kind: 'device', device };
  throw new HallError('UNAUTHENTICATED');
}

export function planRoutes(plans: PlanService) {
  return [
    route({
      method: 'get',
      path: '/api/floorplan/rule-sets',
      summary: '平面图检查规则集（编号、名称、地区、依据）：自助机与窗口使用同一套',
      tag: 'floorplan',
      access: 'public',
      response: ruleSetListSchema,
      handler: () => plans.listRuleSets(),
    }),
    route({
      method: 'get',
      path: '/api/floorplan/rule-sets/:id',
      summary: '一个规则集的全部规则（自助机边画边检查用）',
      tag: 'floorplan',
      access: 'public',
      params: floorplanDataParamsSchema,
      response: ruleSetSchema,
      handler: ({ params }) => plans.ruleSetById(params.id),
    }),
    route({
      method: 'get',
      path: '/api/floorplan/templates',
      summary: '平面图模板（小面馆、咖啡馆、单位食堂厨房）',
      tag: 'floorplan',
      access: 'public',
      response: templateListSchema,
      handler: () => plans.listTemplates(),
    }),
    route({
      method: 'get',
      path: '/api/floorplan/templates/:id',
      summary: '一个平面图模板（平面图文档）',
      tag: 'floorplan',
      access: 'public',
      params: floorplanDataParamsSchema,
      response: floorPlanSchema,
      handler: ({ params }) => plans.template(params.id),
    }),
    route({
      method: 'post',
      path: '/api/plans',
      summary: '保存平面图（带幂等键；带 planId 时替换已保存的平面图）；服务器按规则集检查',
      tag: 'floorplan',
      access: 'kiosk-or-staff',
      body: savePlanRequestSchema,
      response: planReceiptSchema,
      status: 201,
      handler: ({ body, staff, device, res }) => {
        const { created, ...receipt } = plans.save(body, actorOf(staff, device));
        res.status(created ? 201 : 200).json(receipt);
      },
    }),
    route({
      method: 'get',
      path: '/api/plans',
      summary: '某张号关联的平面图（窗口叫号后查看）',
      tag: 'floorplan',
      access: 'staff',
      query: plansQuerySchema,
      response: planListSchema,
      handler: ({ query, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { plans: plans.byTicket(query.ticketId) };
      },
    }),
    route({
      method: 'get',
      path: '/api/plans/by-code/:code',
      summary: '按编码（扫码或输入）查看平面图',
      tag: 'floorplan',
      access: 'staff',
      params: z.object({ code: planCodeSchema }),
      response: planDetailSchema,
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return plans.byCode(params.code);
      },
    }),
    route({
      method: 'get',
      path: '/api/plans/:id',
      summary: '查看一份平面图（文档与检查结果）',
      tag: 'floorplan',
      access: 'kiosk-or-staff',
      params: planParams,
      response: planDetailSchema,
      handler: ({ params, staff, device, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return plans.detailFor(params.id, actorOf(staff, device));
      },
    }),
    route({
      method: 'post',
      path: '/api/plans/:id/ticket',
      summary: '把平面图关联到市民持有的号（号的编号，或号上二维码中的令牌）',
      tag: 'floorplan',
      access: 'kiosk-or-staff',
      params: planParams,
      body: attachPlanTicketRequestSchema,
      response: planReceiptSchema,
      handler: ({ params, body, staff, device }) => plans.attachTicket(params.id, body, actorOf(staff, device)),
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/pdf',
      summary: '平面图的 A4 PDF（按比例绘制，含图例、指北针、比例尺、检查结果、签字栏，印有编码和二维码）',
      tag: 'floorplan',
      access: 'kiosk-or-staff',
      params: planParams,
      response: binaryReply('application/pdf', 'A4 PDF（嵌入中文字体子集，文字可提取）'),
      handler: async ({ params, staff, device, res }) => sendPdf(res, await plans.pdf(params.id, actorOf(staff, device))),
    }),
  ];
}
