// Request and reply shapes for REST and Socket.IO commands. Every payload that enters the
// server is parsed with one of these schemas at the edge; the OpenAPI document is generated
// from the same schemas.
import { z } from 'zod';
import { idSchema, ticketViewSchema, windowStateSchema, categorySchema, categoryStatsSchema, availabilitySchema, staffSchema, deviceSchema, usernameSchema } from './domain.ts';
import { ticketSlipSchema } from './ticket-slip.ts';

const text = (max: number) => z.string().trim().max(max);

export const identitySchema = z.object({
  /** Resident ID number or other card number, as read from the card or typed. */
  idNumber: z.string().trim().toUpperCase().min(6).max(40),
  /** Where the identity came from: the card reader is trusted more than typing. */
  source: z.enum(['card', 'typed']),
  /** Birth date (YYYY-MM-DD) from the card, for priority by age. */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Card kind; only resident ID numbers are check-digit validated. */
  cardKind: z.enum(['resident', 'permit', 'foreigner']).default('resident'),
});
export type Identity = z.infer<typeof identitySchema>;

export const issueTicketRequestSchema = z.object({
  /** Chosen by the kiosk per attempt; a retry with the same key returns the first ticket. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '幂等键应为8到64位字母、数字、下划线或连字符'),
  categoryId: idSchema,
  identity: identitySchema.optional(),
  /** Ask for the priority lane (绿色通道); the category must allow it. */
  priority: z.boolean().default(false),
  /** Reprint the person's waiting ticket instead of failing with ALREADY_WAITING. */
  reprintExisting: z.boolean().default(false),
});
export type IssueTicketRequest = z.input<typeof issueTicketRequestSchema>;
export type IssueTicketCommand = z.output<typeof issueTicketRequestSchema>;

export const issuedTicketSchema = z.object({
  ticket: ticketViewSchema,
  /** Secret part of the ticket's public link (the QR); only the holder receives it. */
  publicToken: z.string(),
  slip: ticketSlipSchema,
  peopleAhead: z.int(),
  estimatedWaitMinutes: z.number().nullable(),
  /** True when this is an earlier ticket returned again (idempotent retry or reprint). */
  reprint: z.boolean(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const getTicketRequestSchema = z.object({ ticketId: z.string().min(1).max(64) });
export type GetTicketRequest = z.infer<typeof getTicketRequestSchema>;

export const ticketStatusSchema = z.object({
  ticket: ticketViewSchema,
  categoryName: z.string(),
  peopleAhead: z.int().nullable(),
  estimatedWaitMinutes: z.number().nullable(),
  windowNumber: z.int().nullable(),
});
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const windowRequestSchema = z.object({ windowId: idSchema });
export type WindowRequest = z.infer<typeof windowRequestSchema>;

export const signInRequestSchema = windowRequestSchema;
export type SignInRequest = WindowRequest;

export const pauseRequestSchema = windowRequestSchema.extend({ reason: text(40).min(1, '请填写暂停原因') });
export type PauseRequest = z.infer<typeof pauseRequestSchema>;

export const closeChoiceSchema = z.enum(['finish', 'no_show']);

export const closeCurrentRequestSchema = windowRequestSchema.extend({ closeCurrent: closeChoiceSchema.optional() });
export type CloseCurrentRequest = z.infer<typeof closeCurrentRequestSchema>;

export const callTicketRequestSchema = closeCurrentRequestSchema.extend({
  ticketId: z.string().min(1).max(64),
  reason: text(100).min(1, '提前叫号需填写原因'),
});
export type CallTicketRequest = z.infer<typeof callTicketRequestSchema>;

export const ticketIdRequestSchema = windowRequestSchema.extend({ ticketId: z.string().min(1).max(64) });
export type TicketIdRequest = z.infer<typeof ticketIdRequestSchema>;

export const cancelTicketRequestSchema = ticketIdRequestSchema.extend({ reason: text(100).min(1, '请填写取消原因') });
export type CancelTicketRequest = z.infer<typeof cancelTicketRequestSchema>;

export const transferRequestSchema = windowRequestSchema
  .extend({
    toCategoryId: idSchema.optional(),
    toWindowId: idSchema.optional(),
    note: text(200).default(''),
  })
  .refine((r) => r.toCategoryId !== undefined || r.toWindowId !== undefined, {
    message: '请选择转入的业务或窗口',
    path: ['toCategoryId'],
  });
export type TransferRequest = z.input<typeof transferRequestSchema>;

export const windowActionResultSchema = z.object({
  window: windowStateSchema,
  /** The window's current ticket after the action, if any. */
  ticket: ticketViewSchema.nullable(),
  /** Sequence number of the last event the action produced. */
  seq: z.int(),
});
export type WindowActionResult = z.infer<typeof windowActionResultSchema>;

/** Keys of a caller keypad; callBack calls back the window's held ticket, askRating lights the evaluator. */
export const keypadActions = ['callNext', 'recall', 'start', 'finish', 'noShow', 'hold', 'callBack', 'pause', 'resume', 'askRating'] as const;
export const keypadActionRequestSchema = z.object({
  action: z.enum(keypadActions),
  /** For pause: the reason chosen on the keypad, else a default. */
  reason: text(40).optional(),
});
export type KeypadActionRequest = z.infer<typeof keypadActionRequestSchema>;

export const ratingLevels = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export const ratingLevelNames: Record<(typeof ratingLevels)[number], string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
export const ratingRequestSchema = z.object({
  level: z.enum(ratingLevels),
  /** The rated ticket; the agent's window's last finished ticket when absent. */
  ticketId: z.string().min(1).max(64).optional(),
});
export type RatingRequest = z.infer<typeof ratingRequestSchema>;

export const deviceFaultSchema = z.object({
  device: text(40).min(1),
  code: text(40).min(1),
  message: text(200),
});
export const deviceStatusReportSchema = z.object({
  /** Current faults; an empty list clears earlier ones. */
  faults: z.array(deviceFaultSchema).max(20),
});
export type DeviceStatusReport = z.infer<typeof deviceStatusReportSchema>;

export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, '请输入密码').max(128),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
  staff: staffSchema,
  token: z.string(),
  expiresAt: z.number(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const pairRequestSchema = z.object({
  code: z.string().trim().regex(/^\d{6,8}$/, '配对码为6到8位数字'),
});
export const pairingResultSchema = z.object({ device: deviceSchema, token: z.string() });
export type PairingResult = z.infer<typeof pairingResultSchema>;

export const categoryWithStatsSchema = z.object({
  category: categorySchema,
  stats: categoryStatsSchema,
  availability: availabilitySchema,
});
export type CategoryWithStats = z.infer<typeof categoryWithStatsSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const helpRequestInputSchema = z.object({
  /** What the citizen chose or typed, e.g. 不会操作 / 打印机故障. */
  note: text(100).default(''),
  /** The ticket the citizen holds, if any. */
  ticketId: z.string().min(1).max(64).optional(),
});
export type HelpRequestInput = z.input<typeof helpRequestInputSchema>;

export const helpRequestSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  at: z.number(),
  note: z.string(),
  ticketId: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

export const helpResolveRequestSchema = z.object({ requestId: z.string().min(1).max(64) });
export type HelpResolveRequest = z.infer<typeof helpResolveRequestSchema>;

export const ratingAskRequestSchema = windowRequestSchema.extend({
  /** The ticket to rate; the window's last finished ticket when absent. */
  ticketId: z.string().min(1).max(64).optional(),
});
export type RatingAskRequest = z.infer<typeof ratingAskRequestSchema>;

export const clerkDayStatsSchema = z.object({
  hallDay: z.string(),
  served: z.int(),
  noShows: z.int(),
  transferred: z.int(),
  averageServiceMinutes: z.number().nullable(),
  ratings: z.record(z.enum(ratingLevels), z.int()),
});
export type ClerkDayStats = z.infer<typeof clerkDayStatsSchema>;
