// Self-service forms (自助填单): definitions for kiosks and admins, submissions from kiosks,
// and the clerk's view of them. The contract is common/src/forms/submission.ts.
import { z } from 'zod';
import {
  acceptRequestSchema,
  attachTicketRequestSchema,
  correctionRequestSchema,
  createSubmissionRequestSchema,
  formDefinitionSchema,
  formListSchema,
  formSummarySchema,
  formVersionQuerySchema,
  returnRequestSchema,
  submissionCodeSchema,
  submissionDetailSchema,
  submissionExportSchema,
  submissionListSchema,
  submissionReceiptSchema,
  submissionsQuerySchema,
} from '@hall/common/forms/index';
import type { Device, Staff } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { FormActor, FormService } from '../../forms/index.ts';
import { binaryReply, route, sendPdf } from '../route.ts';

const formIdParams = z.object({ formId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, '表单编号只能包含小写字母、数字和连字符') });
const submissionParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, '表单编号格式不正确') });

function actorOf(staff: Staff | null, device: Device | null): FormActor {
  if (staff) return { kind: 'staff', staff };
  if (device) return { kind: 'device', device };
  throw new HallError('UNAUTHENTICATED');
}

export function formRoutes(forms: FormService) {
  return [
    route({
      method: 'get',
      path: '/api/forms',
      summary: '可在自助机填写的表单（每张表的最新版本）',
      tag: 'forms',
      access: 'public',
      response: formListSchema,
      handler: () => ({ forms: forms.listForms() }),
    }),
    route({
      method: 'get',
      path: '/api/forms/:formId',
      summary: '表单定义（最新版本，或 ?version= 指定版本）',
      tag: 'forms',
      access: 'public',
      params: formIdParams,
      query: formVersionQuerySchema,
      response: formDefinitionSchema,
      handler: ({ params, query }) => forms.definition(params.formId, query.version),
    }),
    route({
      method: 'post',
      path: '/api/forms',
      summary: '上传表单定义的新版本（版本号须高于现有版本）',
      tag: 'forms',
      access: 'admin',
      // Checked by checkFormDefinition and Ajv in the service, so the reply names every problem.
      body: z.unknown(),
      response: formSummarySchema,
      status: 201,
      handler: ({ body, staff }) => forms.uploadDefinition(body, staff!),
    }),
    route({
      method: 'post',
      path: '/api/submissions',
      summary: '提交填好的表单（带幂等键：同一键重试返回同一份）',
      tag: 'forms',
      access: 'kiosk-or-staff',
      body: createSubmissionRequestSchema,
      response: submissionReceiptSchema,
      status: 201,
      handler: ({ body, staff, device, res }) => {
        const receipt = forms.createSubmission(body, actorOf(staff, device));
        res.status(receipt.repeated ? 200 : 201).json(receipt);
      },
    }),
    route({
      method: 'post',
      path: '/api/submissions/:id/ticket',
      summary: '把表单关联到市民持有的号（刚取的号的编号，或号上二维码中的令牌）',
      tag: 'forms',
      access: 'kiosk-or-staff',
      params: submissionParams,
      body: attachTicketRequestSchema,
      response: submissionReceiptSchema,
      handler: ({ params, body, staff, device }) => forms.attachTicket(params.id, body, actorOf(staff, device)),
    }),
    route({
      method: 'get',
      path: '/api/submissions/:id/pdf',
      summary: '表单的 A4 PDF（每页印有受理码和二维码）',
      tag: 'forms',
      access: 'kiosk-or-staff',
      params: submissionParams,
      response: binaryReply('application/pdf', 'A4 PDF（嵌入中文字体子集，文字可提取）'),
      handler: async ({ params, staff, device, res }) => sendPdf(res, await forms.pdf(params.id, actorOf(staff, device))),
    }),
    route({
      method: 'get',
      path: '/api/submissions',
      summary: '某张号关联的表单（窗口叫号后查看）',
      tag: 'forms',
      access: 'staff',
      query: submissionsQuerySchema,
      response: submissionListSchema,
      handler: async ({ query, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { submissions: await forms.byTicket(query.ticketId) };
      },
    }),
    route({
      method: 'get',
      path: '/api/submissions/by-code/:code',
      summary: '按受理码（扫码或输入）查看表单',
      tag: 'forms',
      access: 'staff',
      params: z.object({ code: submissionCodeSchema }),
      response: submissionDetailSchema,
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return forms.byCode(params.code);
      },
    }),
    route({
      method: 'get',
      path: '/api/submissions/:id',
      summary: '查看一份表单（逐项数据、校验提示、更正记录）',
      tag: 'forms',
      access: 'staff',
      params: submissionParams,
      response: submissionDetailSchema,
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return forms.detail(params.id);
      },
    }),
    route({
      method: 'post',
      path: '/api/submissions/:id/corrections',
      summary: '更正一项内容（须填原因，保留原值，记入审计）',
      tag: 'forms',
      access: 'staff',
      params: submissionParams,
      body: correctionRequestSchema,
      response: submissionDetailSchema,
      handler: ({ params, body, staff }) => forms.correct(params.id, body, staff!),
    }),
    route({
      method: 'post',
      path: '/api/submissions/:id/accept',
      summary: '受理表单',
      tag: 'forms',
      access: 'staff',
      params: submissionParams,
      body: acceptRequestSchema,
      response: submissionDetailSchema,
      handler: ({ params, body, staff }) => forms.accept(params.id, body, staff!),
    }),
    route({
      method: 'post',
      path: '/api/submissions/:id/return',
      summary: '退回表单（须填退回原因）',
      tag: 'forms',
      access: 'staff',
      params: submissionParams,
      body: returnRequestSchema,
      response: submissionDetailSchema,
      handler: ({ params, body, staff }) => forms.returnSubmission(params.id, body, staff!),
    }),
    route({
      method: 'get',
      path: '/api/submissions/:id/export.json',
      summary: '导出表单数据（JSON，供部门业务系统导入）',
      tag: 'forms',
      access: 'staff',
      params: submissionParams,
      response: submissionExportSchema,
      handler: async ({ params, staff, res }) => {
        const exported = await forms.exportJson(params.id, staff!);
        res
          .status(200)
          .setHeader('Content-Disposition', `attachment; filename="${exported.formId}-${exported.code}.json"`)
          .setHeader('Cache-Control', 'no-store')
          .json(exported);
      },
    }),
  ];
}
