// The wire contract of self-service forms (自助填单) between the kiosk, the hall server and the
// clerk desk: REST under /api (see hall-server/src/api/routes/forms.ts, and /api/openapi.json).
//
//   GET  /api/forms                              public  → FormList (newest version of each)
//   GET  /api/forms/:formId[?version=]           public  → FormDefinition (common/forms/definition.ts)
//   POST /api/forms                              admin   body: a FormDefinition → FormSummary (201)
//   POST /api/submissions                        device  CreateSubmissionRequest → SubmissionReceipt (201; 200 on an idempotent retry)
//   POST /api/submissions/:id/ticket             device  AttachTicketRequest → SubmissionReceipt
//   GET  /api/submissions/:id/pdf                device that created it, or staff → application/pdf (A4, code + QR on every page)
//   GET  /api/submissions?ticketId=              staff   → SubmissionList (details, newest first)
//   GET  /api/submissions/by-code/:code          staff   → SubmissionDetail
//   GET  /api/submissions/:id                    staff   → SubmissionDetail
//   POST /api/submissions/:id/corrections        staff   CorrectionRequest → SubmissionDetail
//   POST /api/submissions/:id/accept             staff   AcceptRequest → SubmissionDetail
//   POST /api/submissions/:id/return             staff   ReturnRequest → SubmissionDetail
//   GET  /api/submissions/:id/export.json        staff   → SubmissionExport (download)
//   GET  /api/regions                            public  → RegionDataset (GB/T 2260, province → district)
//   GET  /api/regions/:province/streets          public  → StreetDataset (one province's streets, by district)
//
// The region routes answer with an ETag and Cache-Control (public, one day): a kiosk's browser
// keeps them, and a request with If-None-Match gets 304. An unknown province is 404.
//
// "device" routes take the kiosk's device token (Authorization: Bearer <token>); staff may use
// them too (assisted service, 帮办代办). In the demo a token-less request from the server's own
// machine counts as the demo kiosk, as for POST /api/tickets.
//
// Errors are the usual { error: ErrorBody } (common/errors.ts). A submission whose data does
// not fit the definition's JSON Schema gets 400 VALIDATION_FAILED with `field` = the dotted
// path of the first offending field and a Chinese message naming the field by its label;
// `details.problems` lists every problem as { path, message }.
//
// Kiosk flow: POST /api/submissions (with a fresh idempotencyKey per filled form, reused on
// retries) → print GET /api/submissions/:id/pdf → draw a ticket with POST /api/tickets (or
// the ticket:issue command) → POST /api/submissions/:id/ticket { ticketId }. A ticket the
// citizen already holds can be attached by scanning its slip: { ticketToken } (the token
// in the slip's QR link). The ticketId may also be given straight in the create request.
//
// Request bodies are JSON of at most 256 KiB (the signature's PNG data URL included).
//
// Changes (keep backwards compatible; note every change here):
// - v1 (first version).
// - FieldWarning.code is a string (was an enum); the one code today is 'credit_code_check'.
//   An ID number failing its GB 11643 check character is an error (400 naming the field),
//   not a warning.
// - SubmissionDetail.purgeAt is also set for decided submissions (purged after the hall's
//   personalDataRetentionDays from the decision).
// - The region routes (GET /api/regions, GET /api/regions/:province/streets).
// - Clerk desks (the /counter namespace) get `submission:attached` (SubmissionAttached) when a
//   submission is linked to a ticket, created with one or attached later; not sequenced.
import { z } from 'zod';
import { fieldPathSchema, materialSchema, optionSchema, widgetKindSchema } from './definition.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, '只能包含小写字母、数字和连字符');

// --- the submission code ----------------------------------------------------------------------

/** Characters of a submission code: digits and capitals without 0/O, 1/I/L (easy to read out). */
export const submissionCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const submissionCodeLength = 8;

/** A typed or scanned code as stored: capitals, no spaces or dashes; O→0 never happens (not in the alphabet). */
export function normalizeSubmissionCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

export const submissionCodeSchema = z
  .string()
  .transform(normalizeSubmissionCode)
  .pipe(z.string().regex(new RegExp(`^[${submissionCodeAlphabet}]{${submissionCodeLength}}$`), `受理码应为${submissionCodeLength}位字母或数字`));

/** 'ABCD2345' → 'ABCD 2345', as printed and shown. */
export function formatSubmissionCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

// --- definitions ------------------------------------------------------------------------------

export const formSummarySchema = z.object({
  id: slug,
  version: z.int().min(1),
  title: z.string(),
  /** 'YYYY-MM-DD' of this version. */
  updated: z.string(),
  serviceItemIds: z.array(z.string()),
  /** What to have at hand (shown before the citizen starts). */
  materials: z.array(materialSchema),
  /** Pages of the touch layout. */
  pageCount: z.int().min(1),
  /** Where it came from: shipped with the server, or uploaded by an admin. */
  origin: z.enum(['shipped', 'uploaded']),
});
export type FormSummary = z.infer<typeof formSummarySchema>;

export const formListSchema = z.object({ forms: z.array(formSummarySchema) });
export type FormList = z.infer<typeof formListSchema>;

export const formVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

// --- creating a submission (kiosk) ------------------------------------------------------------

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '幂等键应为8到64位字母、数字、下划线或连字符');

export const createSubmissionRequestSchema = z.object({
  formId: slug,
  formVersion: z.int().min(1),
  /** The filled data, validated against the definition's JSON Schema. */
  data: z.record(z.string(), z.unknown()),
  /** A ticket the citizen already holds (ticket id). */
  ticketId: z.string().min(1).max(64).optional(),
  /** Chosen once per filled form; a retry with the same key returns the first submission. */
  idempotencyKey: idempotencyKeySchema,
});
export type CreateSubmissionRequest = z.infer<typeof createSubmissionRequestSchema>;

/**
 * submitted: waiting for a clerk; accepted / returned: a clerk decided (returned = handed
 * back to the citizen with reasons). Submissions still `submitted` after the configured
 * number of days are purged; decided ones after the hall's personal-data retention period.
 */
export const submissionStatusSchema = z.enum(['submitted', 'accepted', 'returned']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** A soft problem the clerk should look at (a credit code failing its check digit, …); never blocks. */
export const fieldWarningSchema = z.object({
  path: z.string(),
  /** The field's label on the form. */
  label: z.string(),
  /** credit_code_check: the credit code fails its GB 32100 check character (early codes may). */
  code: z.string(),
  message: z.string(),
});
export type FieldWarning = z.infer<typeof fieldWarningSchema>;

/** What the kiosk gets back. */
export const submissionReceiptSchema = z.object({
  id: z.string(),
  /** Short human code, printed with its QR on every page: the clerk scans or types it. */
  code: z.string(),
  status: submissionStatusSchema,
  formId: z.string(),
  formVersion: z.int(),
  ticketId: z.string().nullable(),
  /** The attached ticket's number (A012), when there is one. */
  ticketNumber: z.string().nullable(),
  createdAt: z.number(),
  warnings: z.array(fieldWarningSchema),
  /** True when this is the first submission returned again for a repeated idempotency key. */
  repeated: z.boolean(),
});
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;

/** Exactly one of: the ticket's id (just drawn), or the token from its slip's QR (held). */
export const attachTicketRequestSchema = z
  .object({
    ticketId: z.string().min(1).max(64).optional(),
    ticketToken: z.string().min(1).max(64).optional(),
  })
  .refine((v) => (v.ticketId === undefined) !== (v.ticketToken === undefined), { message: '请提供号的编号 ticketId 或号上二维码中的 ticketToken（二选一）', path: ['ticketId'] });
export type AttachTicketRequest = z.infer<typeof attachTicketRequestSchema>;

// --- the clerk's view -------------------------------------------------------------------------

export const submissionActorSchema = z.object({ id: z.string(), name: z.string() });
export type SubmissionActor = z.infer<typeof submissionActorSchema>;

/** One field of the form as the clerk sees it, in layout order. */
export const submissionFieldSchema = z.object({
  path: fieldPathSchema,
  label: z.string(),
  pageTitle: z.string(),
  groupTitle: z.string(),
  widget: widgetKindSchema,
  /** The raw value in the data (codes, ISO dates, arrays for tables). */
  value: z.unknown(),
  /** The value as printed: option labels, 2026年1月5日, region names, units; '／' when hidden by a rule. */
  text: z.string(),
  /** False when the form's rules hide it for this data (not applicable). */
  shown: z.boolean(),
  options: z.array(optionSchema).optional(),
  /** Table fields: column labels and the rows as printed. */
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  warnings: z.array(fieldWarningSchema),
  /** Changed by a clerk at least once (see corrections). */
  corrected: z.boolean(),
});
export type SubmissionField = z.infer<typeof submissionFieldSchema>;

export const correctionSchema = z.object({
  at: z.number(),
  by: submissionActorSchema,
  path: z.string(),
  label: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reason: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

export const submissionDecisionSchema = z.object({
  status: z.enum(['accepted', 'returned']),
  at: z.number(),
  by: submissionActorSchema,
  /** Why it was returned (empty for accepted unless a note was given). */
  reasons: z.array(z.string()),
});
export type SubmissionDecision = z.infer<typeof submissionDecisionSchema>;

export const submissionDetailSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: submissionStatusSchema,
  form: formSummarySchema,
  createdAt: z.number(),
  /** The device that sent it. */
  deviceId: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  fields: z.array(submissionFieldSchema),
  warnings: z.array(fieldWarningSchema),
  corrections: z.array(correctionSchema),
  decision: submissionDecisionSchema.nullable(),
  /**
   * When it will be purged: undecided, the configured days after it was made; decided, the
   * hall's personal-data retention days after the decision. (Nullable for compatibility.)
   */
  purgeAt: z.number().nullable(),
});
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;

export const submissionListSchema = z.object({ submissions: z.array(submissionDetailSchema) });
export type SubmissionList = z.infer<typeof submissionListSchema>;

export const submissionsQuerySchema = z.object({ ticketId: z.string().min(1, '请提供号的编号 ticketId').max(64) });

export const correctionRequestSchema = z.object({
  path: fieldPathSchema,
  /** The new value, of the field's type (string, number, boolean, list, table rows). */
  value: z.unknown(),
  reason: z.string().trim().min(1, '请填写更正原因').max(200),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

export const acceptRequestSchema = z.object({ note: z.string().trim().max(200).optional() });
export type AcceptRequest = z.infer<typeof acceptRequestSchema>;

export const returnRequestSchema = z.object({
  reasons: z.array(z.string().trim().min(1, '退回原因不能为空').max(200)).min(1, '请至少填写一条退回原因').max(20),
});
export type ReturnRequest = z.infer<typeof returnRequestSchema>;

/** The JSON a department imports into its own system. */
export const submissionExportSchema = z.object({
  kind: z.literal('hall-form-submission'),
  exportVersion: z.literal(1),
  id: z.string(),
  code: z.string(),
  formId: z.string(),
  formVersion: z.int(),
  formTitle: z.string(),
  status: submissionStatusSchema,
  createdAt: z.string(),
  ticketNumber: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** Label → printed text, in layout order, for a human reading the file. */
  printed: z.array(z.object({ path: z.string(), label: z.string(), text: z.string() })),
  corrections: z.array(correctionSchema),
  decision: submissionDecisionSchema.nullable(),
  exportedAt: z.string(),
});
export type SubmissionExport = z.infer<typeof submissionExportSchema>;

// --- region data (GB/T 2260) for the kiosk's pickers (types in regions.ts) ----------------------

const regionNameSchema = z.string().min(1).max(40);
const twoDigits = z.string().regex(/^\d{2}$/);

export const regionDatasetSchema = z.object({
  meta: z.object({ standard: z.string(), source: z.string(), asOf: z.string(), excluded: z.string().optional() }),
  /** [two digits, name, cities]; a city is [two digits, name, districts]; a district [two digits, name]. */
  provinces: z.array(z.tuple([twoDigits, regionNameSchema, z.array(z.tuple([twoDigits, regionNameSchema, z.array(z.tuple([twoDigits, regionNameSchema]))]))])),
});

/** District code → [three digits, name] of its streets. */
export const streetDatasetSchema = z.record(z.string().regex(/^\d{6}$/), z.array(z.tuple([z.string().regex(/^\d{3}$/), regionNameSchema])));

export const provinceParamsSchema = z.object({ province: z.string().regex(/^\d{2}$/, '省级区划代码应为两位数字') });

// --- real-time notice to clerk desks ------------------------------------------------------------

/**
 * A submission was linked to a ticket (at creation or attached later): a desk whose current
 * ticket it is fetches the ticket's submissions again. Ids only, nothing personal.
 */
export const submissionAttachedSchema = z.object({ ticketId: z.string().min(1).max(64), submissionId: z.string().min(1).max(64) });
export type SubmissionAttached = z.infer<typeof submissionAttachedSchema>;
