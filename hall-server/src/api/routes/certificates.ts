// 证照打印: clerks and admins publish, replace and revoke; kiosks look up by the card read,
// print (start → PDF → outcome) and ask for mailing; anyone verifies by code (the HTML page
// /v/:code is verify-page.ts). The contract is common/src/certificates.ts.
import { z } from 'zod';
import {
  certificateListSchema,
  certificateSummarySchema,
  certificateTypes,
  lookupReplySchema,
  lookupRequestSchema,
  mailReceiptSchema,
  mailRequestListSchema,
  mailRequestSchema,
  printJobSchema,
  printOutcomeRequestSchema,
  printOutcomeSchema,
  previewRequestSchema,
  publishCertificateRequestSchema,
  revokeCertificateRequestSchema,
  startPrintRequestSchema,
  verificationCodeSchema,
  verificationSchema,
} from '@hall/common/certificates';
import type { Device } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { CertificateService } from '../../certificates/index.ts';
import { binaryReply, route, sendPdf } from '../route.ts';

const idParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, '编号格式不正确') });
const typeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['licence', 'proof']),
  holderKinds: z.array(z.enum(['person', 'business'])),
  fields: z.array(z.string()),
  defaultPrintLimit: z.int(),
});

/** Publishing may carry a PDF (up to 10 MB, base64 in the JSON). */
const uploadLimit = '15mb';

/** Printing and mailing happen at a kiosk, with its card reader: never from a staff browser. */
function kiosk(device: Device | null): Device {
  if (!device || device.kind !== 'kiosk') throw new HallError('FORBIDDEN', { message: '证照打印只能在自助机上读取身份证后进行' });
  return device;
}

export function certificateRoutes(certificates: CertificateService) {
  return [
    route({
      method: 'get',
      path: '/api/certificate-types',
      summary: '可发布的证照类型及其模板栏目',
      tag: 'certificates',
      access: 'staff',
      response: z.object({ types: z.array(typeSchema) }),
      handler: () => ({ types: certificateTypes }),
    }),
    route({
      method: 'get',
      path: '/api/certificates',
      summary: '已发布的证照（最新在前）',
      tag: 'certificates',
      access: 'staff',
      response: certificateListSchema,
      handler: ({ res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { certificates: certificates.list() };
      },
    }),
    route({
      method: 'post',
      path: '/api/certificates',
      summary: '发布证照（按类型模板填写，或上传部门出具的PDF；带幂等键），持有人可到自助机打印',
      tag: 'certificates',
      access: 'staff',
      bodyLimit: uploadLimit,
      body: publishCertificateRequestSchema,
      response: certificateSummarySchema,
      status: 201,
      handler: ({ body, staff }) => certificates.publish(body, staff!),
    }),
    route({
      method: 'post',
      path: '/api/certificates/:id/revoke',
      summary: '撤销证照（须填原因）：不能再打印，验真页显示已撤销',
      tag: 'certificates',
      access: 'staff',
      params: idParams,
      body: revokeCertificateRequestSchema,
      response: certificateSummarySchema,
      handler: ({ params, body, staff }) => certificates.revoke(params.id, body.reason, staff!),
    }),
    route({
      method: 'post',
      path: '/api/certificates/:id/replace',
      summary: '换发证照：发布新证，旧证不能再打印',
      tag: 'certificates',
      access: 'staff',
      bodyLimit: uploadLimit,
      params: idParams,
      body: publishCertificateRequestSchema,
      response: certificateSummarySchema,
      status: 201,
      handler: ({ params, body, staff }) => certificates.replace(params.id, body, staff!),
    }),
    route({
      method: 'get',
      path: '/api/certificate-mail',
      summary: '免费邮寄申请列表',
      tag: 'certificates',
      access: 'staff',
      response: mailRequestListSchema,
      handler: ({ res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { requests: certificates.mailRequests() };
      },
    }),
    route({
      method: 'post',
      path: '/api/certificate-mail/:id/sent',
      summary: '邮寄申请标记为已寄出',
      tag: 'certificates',
      access: 'staff',
      params: idParams,
      response: mailRequestListSchema,
      handler: ({ params, staff }) => ({ requests: certificates.markMailSent(params.id, staff!) }),
    }),
    route({
      method: 'post',
      path: '/api/certificates/lookup',
      summary: '自助机：读取身份证后，列出本人可打印的证照（含其代表的企业）',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      body: lookupRequestSchema,
      response: lookupReplySchema,
      handler: ({ body, device, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return { certificates: certificates.lookup(body.identity, kiosk(device)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/certificates/:id/prints',
      summary: '自助机：开始打印一份证照（补打须选原因；带幂等键）',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      params: idParams,
      body: startPrintRequestSchema,
      response: printJobSchema,
      status: 201,
      handler: ({ params, body, device }) => certificates.startPrint(params.id, body, kiosk(device)),
    }),
    route({
      method: 'get',
      path: '/api/certificate-prints/:id/pdf',
      summary: '自助机：打印任务的 A4 PDF（每页印有验真二维码和验证码）',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      params: idParams,
      response: binaryReply('application/pdf', 'A4 PDF（嵌入中文字体子集，文字可提取）'),
      handler: async ({ params, device, res }) => sendPdf(res, await certificates.pdf(params.id, kiosk(device))),
    }),
    route({
      method: 'post',
      path: '/api/certificates/:id/preview',
      summary: '自助机：读取身份证后预览证照（与打印件相同的 PDF；不计打印次数）',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      params: idParams,
      body: previewRequestSchema,
      response: binaryReply('application/pdf', 'A4 PDF，与打印件相同'),
      handler: async ({ params, body, device, res }) => sendPdf(res, await certificates.preview(params.id, body, kiosk(device))),
    }),
    route({
      method: 'post',
      path: '/api/certificate-prints/:id/outcome',
      summary: '自助机：打印结果（打印成功才计次；失败通知工作人员）',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      params: idParams,
      body: printOutcomeRequestSchema,
      response: printOutcomeSchema,
      handler: ({ params, body, device }) => certificates.finishPrint(params.id, body, kiosk(device)),
    }),
    route({
      method: 'post',
      path: '/api/certificates/:id/mail',
      summary: '自助机：申请免费邮寄原件',
      tag: 'certificates',
      access: 'kiosk-or-staff',
      params: idParams,
      body: mailRequestSchema,
      response: mailReceiptSchema,
      status: 201,
      handler: ({ params, body, device, res }) => {
        const receipt = certificates.mail(params.id, body, kiosk(device));
        res.status(receipt.repeated ? 200 : 201).json(receipt);
      },
    }),
    route({
      method: 'get',
      path: '/api/verify/:code',
      summary: '证照验真（公开）：类型、持有人（脱敏）、发证机关、有效期、是否有效',
      tag: 'certificates',
      access: 'public',
      params: z.object({ code: verificationCodeSchema }),
      response: verificationSchema,
      handler: ({ params, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        const v = certificates.verify(params.code);
        if (!v) throw new HallError('NOT_FOUND', { field: 'code', message: '没有这个验证码的证照，请核对验证码' });
        return v;
      },
    }),
  ];
}
