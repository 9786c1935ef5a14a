// The wire contract of floor plans (餐饮平面图) between the kiosk editor, the hall server and
// the clerk desk: REST under /api (hall-server/src/api/routes/plans.ts, and /api/openapi.json).
//
//   GET  /api/floorplan/rule-sets        public  → RuleSetList (ids, names, regions, sources)
//   GET  /api/floorplan/rule-sets/:id    public  → RuleSet (rules.ts; the kiosk checks with it as the owner draws)
//   GET  /api/floorplan/templates        public  → TemplateList (ids and names)
//   GET  /api/floorplan/templates/:id    public  → FloorPlan (a template to start from)
//   POST /api/plans                      device  SavePlanRequest → PlanReceipt (201 new; 200 replaced or an idempotent retry)
//   GET  /api/plans/:id                  device that saved it, or staff → PlanDetail
//   POST /api/plans/:id/ticket           device that saved it, or staff  AttachTicketRequest → PlanReceipt
//   GET  /api/plans/:id/pdf              device that saved it, or staff → application/pdf (A4, code + QR on the page)
//   GET  /api/plans?ticketId=            staff   → PlanList (newest first; also plans linked to a form submission of that ticket)
//   GET  /api/plans/by-code/:code        staff   → PlanDetail
//
// "device" routes take the kiosk's device token (Authorization: Bearer <token>); staff may use
// them too (帮办代办). As for submissions, a token-less request from the server's own machine
// counts as the demo kiosk.
//
// Saving: the kiosk chooses a fresh idempotencyKey per plan and keeps it with the plan. The
// first POST creates the plan (201) with its id and short code; a retry with the same key and
// no planId returns that first plan untouched (repeated: true, 200); the same key with another
// plan and no planId is 409 IDEMPOTENCY_CONFLICT (field idempotencyKey). To save a changed plan
// (the owner fixed a rule and prints again), POST with planId: the document and rule set are
// replaced, id and code stay, revision goes up (replaced: true, 200); planId needs the plan's
// own idempotencyKey, and a kiosk may replace only what it saved. The server migrates an
// older plan version, validates it (400 VALIDATION_FAILED, `field` = 'plan.walls.3.from' etc.)
// and runs the rule set (checkPlan): the report in the reply is the server's, the same the
// clerk sees. A failed rule never blocks saving or printing.
//
// Links: ticketId (a ticket just drawn) or ticketToken (from the slip's QR) links the plan to
// a ticket, at save time or later through /ticket; submissionId links it to a self-service
// form submission (自助填单) of the same citizen. Linking to a ticket tells clerk desks
// (/counter) `plan:attached` { ticketId, planId } — ids only, unsequenced, like
// `submission:attached`.
//
// Personal data: the title block (operator name, address, drawn by) is sealed at rest and
// never logged; plans are purged after the same number of days as undecided submissions.
//
// Changes (keep backwards compatible; note every change here):
// - v1 (first version).
// - GET /api/floorplan/rule-sets/:id and the templates routes (what kiosk-ui/src/floorplan/plan-api.ts reads).
import { z } from 'zod';
import { attachTicketRequestSchema, formatSubmissionCode, idempotencyKeySchema, normalizeSubmissionCode, submissionCodeAlphabet, submissionCodeLength } from '../forms/submission.ts';
import { floorPlanSchema } from './document.ts';
import type { CheckReport } from './check.ts';
import { ruleSourceSchema, sizeClassSchema } from './rules.ts';

export { attachTicketRequestSchema as attachPlanTicketRequestSchema, idempotencyKeySchema as planIdempotencyKeySchema };
export type { AttachTicketRequest as AttachPlanTicketRequest } from '../forms/submission.ts';

// --- ids and codes -----------------------------------------------------------------------------

export const planIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, '平面图编号格式不正确');
export const ruleSetIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, '规则集编号只能包含小写字母、数字和连字符');

/** A plan's short code: the same alphabet and length as a submission's (printed with its QR). */
export const planCodeSchema = z
  .string()
  .transform(normalizeSubmissionCode)
  .pipe(z.string().regex(new RegExp(`^[${submissionCodeAlphabet}]{${submissionCodeLength}}$`), `平面图编码应为${submissionCodeLength}位字母或数字`));
export const formatPlanCode = formatSubmissionCode;

// --- rule sets (public) ------------------------------------------------------------------------

export const ruleSetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** 全国, a province or a city. */
  region: z.string(),
  source: ruleSourceSchema,
  sizeClasses: z.array(sizeClassSchema),
  ruleCount: z.int().min(0),
});
export type RuleSetSummary = z.infer<typeof ruleSetSummarySchema>;

export const ruleSetListSchema = z.object({
  /** The national recommendation first. */
  ruleSets: z.array(ruleSetSummarySchema),
  /** What a new plan uses unless the applicant picks another. */
  defaultId: z.string(),
});
export type RuleSetList = z.infer<typeof ruleSetListSchema>;

export const templateListSchema = z.object({ templates: z.array(z.object({ id: z.string(), name: z.string() })) });
export type TemplateList = z.infer<typeof templateListSchema>;

/** A rule set's or a template's id in a path. */
export const floorplanDataParamsSchema = z.object({ id: ruleSetIdSchema });

// --- the check report as sent (mirrors check.ts's CheckReport) ---------------------------------

export const ruleResultSchema = z.object({
  ruleId: z.string(),
  ruleSetId: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'not-applicable']),
  message: z.string(),
  details: z.array(z.string()),
  elementIds: z.array(z.string()),
  source: ruleSourceSchema,
});

export const planFactsSchema = z.object({
  premisesArea: z.number(),
  foodHandlingArea: z.number(),
  diningArea: z.number(),
  seats: z.number(),
  seatsDrawn: z.number(),
  sizeClass: sizeClassSchema,
});

export const checkReportSchema = z.object({
  ruleSet: z.object({ id: z.string(), name: z.string(), region: z.string(), source: ruleSourceSchema }),
  facts: planFactsSchema,
  results: z.array(ruleResultSchema),
  passed: z.int().min(0),
  failed: z.int().min(0),
});

// --- saving (kiosk) ----------------------------------------------------------------------------

export const savePlanRequestSchema = z.object({
  /**
   * The plan document (common/floorplan/document.ts), any version migratePlan() reads; checked
   * on the server, so a problem comes back as 400 naming the field under `plan.`.
   */
  plan: z.record(z.string(), z.unknown()),
  /** A rule set from GET /api/floorplan/rule-sets. */
  ruleSetId: ruleSetIdSchema,
  /** Chosen once per plan; a retry with the same key (and no planId) returns the first save. */
  idempotencyKey: idempotencyKeySchema,
  /** Replace this plan (saved earlier by the same device, or any plan for staff). */
  planId: planIdSchema.optional(),
  /** Link to a ticket the citizen holds: its id (just drawn) … */
  ticketId: z.string().min(1).max(64).optional(),
  /** … or the token from its slip's QR (not both). */
  ticketToken: z.string().min(1).max(64).optional(),
  /** Link to a self-service form submission (自助填单). */
  submissionId: z.string().regex(/^[a-z0-9-]{1,64}$/, '表单编号格式不正确').optional(),
}).refine((v) => v.ticketId === undefined || v.ticketToken === undefined, { message: 'ticketId 和 ticketToken 只能提供一个', path: ['ticketToken'] });
export type SavePlanRequest = z.input<typeof savePlanRequestSchema>;

/** What the kiosk gets back. */
export const planReceiptSchema = z.object({
  id: z.string(),
  /** Short human code, printed with its QR: the clerk scans or types it. */
  code: z.string(),
  /** 1 on creation, +1 each replacement. */
  revision: z.int().min(1),
  ruleSetId: z.string(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  submissionId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The server's checklist over the saved plan. */
  check: checkReportSchema,
  /** True when an earlier save was returned for a repeated idempotency key (nothing changed). */
  repeated: z.boolean(),
  /** True when planId was given and the plan was replaced. */
  replaced: z.boolean(),
});
export type PlanReceipt = z.infer<typeof planReceiptSchema>;

// --- reading (kiosk that saved it, or clerk) ---------------------------------------------------

export const planDetailSchema = z.object({
  id: z.string(),
  code: z.string(),
  revision: z.int().min(1),
  ruleSetId: z.string(),
  /** The device that saved it. */
  deviceId: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  submissionId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When it will be purged. */
  purgeAt: z.number(),
  /** The document, current version. */
  plan: floorPlanSchema,
  check: checkReportSchema,
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planListSchema = z.object({ plans: z.array(planDetailSchema) });
export type PlanList = z.infer<typeof planListSchema>;

export const plansQuerySchema = z.object({ ticketId: z.string().min(1, '请提供号的编号 ticketId').max(64) });

// --- real-time notice to clerk desks -----------------------------------------------------------

/** A plan was linked to a ticket: a desk whose current ticket it is fetches the ticket's plans again. */
export const planAttachedSchema = z.object({ ticketId: z.string().min(1).max(64), planId: z.string().min(1).max(64) });
export type PlanAttached = z.infer<typeof planAttachedSchema>;

/** The report check.ts makes fits the wire schema (a compile-time proof). */
export type CheckReportWire = z.infer<typeof checkReportSchema>;
const _reportFits = (report: CheckReport): CheckReportWire => report;
void _reportFits;
