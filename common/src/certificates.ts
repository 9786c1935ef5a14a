// 证照打印: licences and proofs a department publishes to the hall server, printed by their
// holder at a kiosk after an ID card read, and verifiable by anyone through the short code
// and QR on every printed page (/v/:code). The wire contract for the hall server, the kiosk
// and the staff console.
import { z } from 'zod';
import { identitySchema } from './api.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '幂等键应为8到64位字母、数字、下划线或连字符');

// --- types and their templates -------------------------------------------------------------------

export const certificateKinds = ['licence', 'proof'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** A document type: its name, and the lines its template asks the clerk to fill. */
export interface CertificateType {
  id: string;
  name: string;
  kind: CertificateKind;
  /** Who may hold it. */
  holderKinds: Array<'person' | 'business'>;
  /** Labels of the template's lines, in print order. */
  fields: string[];
  /** Prints allowed unless the publisher says otherwise. */
  defaultPrintLimit: number;
}

export const certificateTypes: readonly CertificateType[] = [
  { id: 'business-licence-copy', name: '营业执照（副本）', kind: 'licence', holderKinds: ['business'], fields: ['类型', '住所', '注册资本', '成立日期', '经营范围'], defaultPrintLimit: 3 },
  { id: 'food-business-licence', name: '食品经营许可证', kind: 'licence', holderKinds: ['business', 'person'], fields: ['经营场所', '主体业态', '经营项目', '日常监督管理机构'], defaultPrintLimit: 3 },
  { id: 'public-health-licence', name: '公共场所卫生许可证', kind: 'licence', holderKinds: ['business'], fields: ['地址', '许可项目', '面积'], defaultPrintLimit: 3 },
  { id: 'completion-proof', name: '办结证明', kind: 'proof', holderKinds: ['person', 'business'], fields: ['办理事项', '受理日期', '办结日期', '办理结果'], defaultPrintLimit: 5 },
  { id: 'payment-proof', name: '缴费证明', kind: 'proof', holderKinds: ['person', 'business'], fields: ['缴费项目', '缴费金额（元）', '缴费日期', '票据号码'], defaultPrintLimit: 5 },
];

export function certificateType(id: string): CertificateType | undefined {
  return certificateTypes.find((t) => t.id === id);
}

// --- the verification code -----------------------------------------------------------------------

/** Digits and capitals without 0/O, 1/I/L, as on form submissions; 10 long (not guessable). */
export const verificationCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const verificationCodeLength = 10;

export function normalizeVerificationCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

export const verificationCodeSchema = z
  .string()
  .max(40)
  .transform(normalizeVerificationCode)
  .pipe(z.string().regex(new RegExp(`^[${verificationCodeAlphabet}]{${verificationCodeLength}}$`), `验证码应为${verificationCodeLength}位字母或数字`));

/** 'ABCDE23456' → 'ABCDE-23456', as printed and shown. */
export function formatVerificationCode(code: string): string {
  return code.length === verificationCodeLength ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

// --- masking -------------------------------------------------------------------------------------

/** 张三 → 张*, 欧阳娜娜 → 欧**娜; what the verification page and kiosk lists show. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 110101199003070011 → 1101**********0011; credit codes keep 4 + 4 likewise. */
export function maskNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 8) return `${v.slice(0, 1)}${'*'.repeat(Math.max(0, v.length - 2))}${v.slice(-1)}`;
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** A business name keeps its first two and last two characters. */
export function maskBusinessName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 4) return maskName(name);
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

// --- publishing ----------------------------------------------------------------------------------

const personSchema = z.object({
  name: text(40),
  idNumber: z.string().trim().toUpperCase().min(6).max(40),
  cardKind: z.enum(['resident', 'permit', 'foreigner']).default('resident'),
});

export const entitledRoles = ['legalRep', 'agent'] as const;
export const entitledRoleNames: Record<(typeof entitledRoles)[number], string> = { legalRep: '法定代表人', agent: '经办人' };

export const holderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), person: personSchema }),
  z.object({
    kind: z.literal('business'),
    name: text(80),
    creditCode: z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为18位'),
    /** Who may print it: the legal representative and named agents. */
    entitled: z.array(personSchema.extend({ role: z.enum(entitledRoles) })).min(1, '至少指定一名可打印人（法定代表人或经办人）').max(10),
  }),
]);
export type Holder = z.infer<typeof holderSchema>;
export type HolderInput = z.input<typeof holderSchema>;

/** The largest PDF a department may upload: licences run to a few pages. */
export const maxCertificatePdfBytes = 10 * 1024 * 1024;
export const maxCertificatePdfPages = 20;

/** An uploaded PDF, base64 in the JSON body. */
export const certificatePdfSchema = z.object({
  /** The file's name as uploaded, for the audit and the staff list. */
  filename: z.string().trim().max(120).optional(),
  data: z
    .string()
    .min(1, '请选择要上传的PDF文件')
    .max(Math.ceil(maxCertificatePdfBytes / 3) * 4, `PDF文件不能超过${maxCertificatePdfBytes / 1024 / 1024}MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'PDF文件内容应为base64编码'),
});

export const publishCertificateRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  typeId: z.string().regex(/^[a-z0-9-]{1,60}$/),
  /** 证号, e.g. JY16101020012345. */
  documentNumber: text(60),
  issuer: text(60),
  holder: holderSchema,
  validFrom: isoDate,
  /** null: long-term (长期). */
  validUntil: isoDate.nullable(),
  /**
   * The template's lines filled in, in the type's order. With an uploaded PDF they are
   * optional: what the kiosk lists beside the document (the PDF is what prints).
   */
  fields: z.array(z.object({ label: text(30), value: z.string().trim().max(500) })).max(30),
  printLimit: z.int().min(1).max(20).optional(),
  /** The department's own PDF instead of the type's template; a verification QR is stamped on each page when it prints. */
  pdf: certificatePdfSchema.optional(),
});
export type PublishCertificateRequest = z.input<typeof publishCertificateRequestSchema>;

export const revokeCertificateRequestSchema = z.object({ reason: text(200) });
export type RevokeCertificateRequest = z.infer<typeof revokeCertificateRequestSchema>;

export const certificateStatuses = ['valid', 'revoked', 'replaced', 'expired'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];
export const certificateStatusNames: Record<CertificateStatus, string> = { valid: '有效', revoked: '已撤销', replaced: '已换发', expired: '已过期' };

/** What staff see of a document. */
export const certificateSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  holderKind: z.enum(['person', 'business']),
  /** Masked; null once personal data was purged. */
  holderMasked: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(certificateStatuses),
  printLimit: z.int(),
  printCount: z.int(),
  source: z.enum(['template', 'pdf']),
  pageCount: z.int().nullable(),
  publishedAt: z.number(),
  publishedBy: z.string(),
  revokedReason: z.string().nullable(),
  replacedBy: z.string().nullable(),
  purged: z.boolean(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;
export const certificateListSchema = z.object({ certificates: z.array(certificateSummarySchema) });
export type CertificateList = z.infer<typeof certificateListSchema>;

// --- the kiosk -----------------------------------------------------------------------------------

/** Identity at the kiosk comes from the card reader only. */
export const cardIdentitySchema = identitySchema.extend({
  source: z.literal('card', { error: '证照打印须读取身份证，不能手工输入证件号码' }),
});
export type CardIdentity = z.input<typeof cardIdentitySchema>;

export const lookupRequestSchema = z.object({ identity: cardIdentitySchema });
export type LookupRequest = z.input<typeof lookupRequestSchema>;

export const kioskCertificateSchema = z.object({
  id: z.string(),
  typeName: z.string(),
  kind: z.enum(certificateKinds),
  holderKind: z.enum(['person', 'business']),
  holderMasked: z.string(),
  /** 证号, and the template's lines as they print (for the on-screen preview). */
  documentNumber: z.string(),
  lines: z.array(z.object({ label: z.string(), value: z.string() })),
  /**
   * 'template': printed from the type's template (the lines above are the whole content);
   * 'pdf': a PDF the department uploaded, previewed page by page from /preview.
   */
  source: z.enum(['template', 'pdf']),
  /** Pages of an uploaded PDF; null for a template document. */
  pageCount: z.int().nullable(),
  /** How the card holder relates to it: 本人, 法定代表人, 经办人. */
  relation: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(certificateStatuses),
  printCount: z.int(),
  printLimit: z.int(),
  /** Null when it can be printed now; otherwise why not, in Chinese. */
  blocked: z.string().nullable(),
});
export type KioskCertificate = z.infer<typeof kioskCertificateSchema>;
export const lookupReplySchema = z.object({ certificates: z.array(kioskCertificateSchema) });
export type LookupReply = z.infer<typeof lookupReplySchema>;

/** The body of POST /api/certificates/:id/preview: the same card read as for printing. */
export const previewRequestSchema = z.object({ identity: cardIdentitySchema });
export type PreviewRequest = z.input<typeof previewRequestSchema>;

export const reprintReasons = ['原件遗失', '原件损坏', '需要多份', '打印不清晰', '其他'] as const;

export const startPrintRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  identity: cardIdentitySchema,
  /** Required when the document was printed before. */
  reason: z.enum(reprintReasons).optional(),
});
export type StartPrintRequest = z.input<typeof startPrintRequestSchema>;

export const printJobSchema = z.object({
  jobId: z.string(),
  certificateId: z.string(),
  code: z.string(),
  reprint: z.boolean(),
  pageCount: z.int().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const printOutcomeRequestSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(200) }),
]);
export type PrintOutcomeRequest = z.infer<typeof printOutcomeRequestSchema>;

export const printOutcomeSchema = z.object({
  jobId: z.string(),
  outcome: z.enum(['printed', 'failed']),
  printCount: z.int(),
  printLimit: z.int(),
});
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

// --- 免费邮寄 ------------------------------------------------------------------------------------

export const mailRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  identity: cardIdentitySchema,
  recipientName: text(40),
  /** The card's address or a region picked plus the street address. */
  address: text(200),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入11位手机号码'),
});
export type MailRequest = z.input<typeof mailRequestSchema>;

export const mailReceiptSchema = z.object({ id: z.string(), certificateId: z.string(), createdAt: z.number(), repeated: z.boolean() });
export type MailReceipt = z.infer<typeof mailReceiptSchema>;

export const mailRequestViewSchema = z.object({
  id: z.string(),
  certificateId: z.string(),
  typeName: z.string(),
  documentNumber: z.string().nullable(),
  recipientName: z.string(),
  address: z.string(),
  phone: z.string(),
  deviceId: z.string(),
  createdAt: z.number(),
  status: z.enum(['open', 'sent']),
  sentAt: z.number().nullable(),
});
export type MailRequestView = z.infer<typeof mailRequestViewSchema>;
export const mailRequestListSchema = z.object({ requests: z.array(mailRequestViewSchema) });
export type MailRequestList = z.infer<typeof mailRequestListSchema>;

// --- verification --------------------------------------------------------------------------------

export const verificationSchema = z.object({
  code: z.string(),
  typeName: z.string(),
  documentNumber: z.string().nullable(),
  holderMasked: z.string().nullable(),
  issuer: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(certificateStatuses),
  statusName: z.string(),
});
export type Verification = z.infer<typeof verificationSchema>;

/** The status a document has on `today` ('YYYY-MM-DD'), from what is stored. */
export function effectiveStatus(stored: 'valid' | 'revoked' | 'replaced', validUntil: string | null, today: string): CertificateStatus {
  if (stored !== 'valid') return stored;
  return validUntil !== null && validUntil < today ? 'expired' : 'valid';
}
