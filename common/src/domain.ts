// The hall's configuration and its tickets, as zod schemas (the wire contract) and the
// TypeScript types inferred from them. Names follow ../shared/docs/GLOSSARY.md.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '只能包含小写字母、数字和连字符，且不超过40个字符');
export const idSchema = id;

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const dateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

export const sessionSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((s) => s.start < s.end, { message: '结束时间应晚于开始时间', path: ['end'] });
export type Session = z.infer<typeof sessionSchema>;

const sessionsSchema = z
  .array(sessionSchema)
  .max(6)
  .refine((list) => list.every((s, i) => i === 0 || list[i - 1]!.end <= s.start), { message: '时段应按时间先后排列且不重叠' });

export const reactivatePositionSchema = z.enum(['original', 'back']);

/** Hall-wide settings: the rules' configurable defaults live here. */
export const hallSettingsSchema = z.object({
  name: z.string().trim().min(1).max(60),
  timeZone: z.string().min(1).max(60).refine(isTimeZone, '未知的时区'),
  /** Opening hours on working days. */
  weekdayHours: sessionsSchema.min(1),
  /** Opening hours on Saturdays and Sundays, for the weekend subset (周末不打烊); empty = closed. */
  weekendHours: sessionsSchema,
  /** Base of the links printed in ticket QR codes, e.g. https://hall.example.gov.cn */
  publicBaseUrl: z.url(),
  recallLimit: z.int().min(0).max(10),
  priorityStreak: z.int().min(1).max(20),
  reactivatePosition: reactivatePositionSchema,
  reactivateDelayMinutes: z.int().min(0).max(120),
  appointmentLateMinutes: z.int().min(0).max(240),
  /** Days personal data (ID numbers, names, phones) is kept before it is purged. */
  personalDataRetentionDays: z.int().min(1).max(3650),
  /** Hall-wide announcement line for boards and kiosks. */
  hotline: z.string().max(40).default(''),
});
export type HallSettings = z.infer<typeof hallSettingsSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A date that differs from the usual week: a public holiday, or a working weekend day (调休). */
export const calendarDaySchema = z.object({
  date: dateSchema,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(30).default(''),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const categorySchema = z.object({
  id,
  prefix: z.string().regex(/^[A-Z]{1,2}$/, '前缀应为1到2个大写字母'),
  name: z.string().trim().min(1).max(30),
  /** Grouping on the kiosk: a department or a theme (e.g. 我要开餐馆). */
  group: z.string().trim().min(1).max(30),
  department: z.string().max(40).default(''),
  description: z.string().max(200).default(''),
  numberWidth: z.int().min(2).max(5).default(3),
  /** Most tickets per hall day; null = unlimited. */
  dailyQuota: z.int().min(1).max(99999).nullable().default(null),
  /** One waiting ticket per person in this category. */
  onePerPerson: z.boolean().default(true),
  identityRequired: z.boolean().default(false),
  /** May tickets of this category enter the priority lane (绿色通道)? */
  priorityEnabled: z.boolean().default(true),
  /** Age from which the ID card routes a ticket to the priority lane; null = never by age. */
  priorityAge: z.int().min(50).max(120).nullable().default(null),
  /** Working-day hours for this category; null = the hall's hours. */
  hours: sessionsSchema.min(1).nullable().default(null),
  /** Part of the weekend subset (周末不打烊). */
  weekendService: z.boolean().default(false),
  defaultServiceMinutes: z.number().min(1).max(240).default(10),
  /** What the kiosk offers when the category cannot be drawn. */
  alternatives: z
    .object({ appointment: z.boolean().default(false), categoryIds: z.array(id).max(5).default([]) })
    .default({ appointment: false, categoryIds: [] }),
  /** Materials to bring, shown on the kiosk before printing. */
  materials: z.array(z.string().max(100)).max(20).default([]),
  enabled: z.boolean().default(true),
  sortOrder: z.int().default(0),
});
export type Category = z.infer<typeof categorySchema>;

export const windowCategorySchema = z.object({
  categoryId: id,
  /** Share of this category at this window; 0 = only when nothing else waits. */
  weight: z.number().min(0).max(100).default(1),
});

export const windowSchema = z.object({
  id,
  /** The number on boards and the LED strip: 5 → "5号窗口". */
  number: z.int().min(1).max(999),
  name: z.string().trim().min(1).max(30),
  zone: z.string().max(30).default(''),
  categories: z.array(windowCategorySchema).max(100),
  enabled: z.boolean().default(true),
});
export type WindowConfig = z.infer<typeof windowSchema>;

export const ticketStates = ['waiting', 'called', 'serving', 'held', 'finished', 'no_show', 'cancelled', 'expired'] as const;
export const ticketStateSchema = z.enum(ticketStates);
export type TicketState = z.infer<typeof ticketStateSchema>;
export const openTicketStates: readonly TicketState[] = ['waiting', 'called', 'serving', 'held'];

export const actorSchema = z.object({
  kind: z.enum(['clerk', 'admin', 'device', 'system', 'citizen']),
  id: z.string().max(80),
});
export type Actor = z.infer<typeof actorSchema>;

export const transferSchema = z.object({
  at: z.number(),
  fromCategoryId: id,
  fromWindowId: id.nullable(),
  toCategoryId: id,
  toWindowId: id.nullable(),
  note: z.string().max(200),
  by: z.string().max(80),
});
export type Transfer = z.infer<typeof transferSchema>;

export const appointmentSchema = z.object({
  id: z.string().max(60),
  slotStart: z.number(),
  slotEnd: z.number(),
  checkedInAt: z.number(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** A ticket as every client sees it: no names, no ID numbers, no public token. */
export const ticketViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  hallDay: dateSchema,
  categoryId: id,
  state: ticketStateSchema,
  issuedAt: z.number(),
  /** Original arrival; kept through transfers. */
  arrivalAt: z.number(),
  /** The time the queue orders by (a reactivated no-show may be moved back). */
  queueAt: z.number(),
  priority: z.boolean(),
  appointment: appointmentSchema.nullable(),
  /** Set when the ticket was transferred to one window rather than a category. */
  targetWindowId: id.nullable(),
  /** The window that called it (current or last). */
  windowId: id.nullable(),
  calledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  recallCount: z.int(),
  transfers: z.array(transferSchema),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const windowStatusSchema = z.enum(['closed', 'open', 'paused']);
export type WindowStatus = z.infer<typeof windowStatusSchema>;

/** A window's live state. */
export const windowStateSchema = z.object({
  windowId: id,
  status: windowStatusSchema,
  clerkId: z.string().nullable(),
  /** Display name of the signed-in clerk (staff names are public at the window). */
  clerkName: z.string().nullable(),
  pauseReason: z.string().nullable(),
  currentTicketId: z.string().nullable(),
  priorityStreak: z.int(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Figures the kiosk shows beside a category. */
export const categoryStatsSchema = z.object({
  categoryId: id,
  waiting: z.int(),
  issuedToday: z.int(),
  /** Minutes a newly issued ticket would wait; null when no window serving it is open. */
  estimatedWaitMinutes: z.number().nullable(),
  openWindows: z.int(),
  /** Arrival of the longest-waiting ticket, if any. */
  oldestWaitingSince: z.number().nullable(),
  quotaLeft: z.int().nullable(),
});
export type CategoryStats = z.infer<typeof categoryStatsSchema>;

export const availabilitySchema = z.object({
  open: z.boolean(),
  reason: z.enum(['open', 'closed_now', 'closed_today', 'holiday', 'quota_exhausted', 'disabled']),
  /** When drawing becomes possible again (epoch ms), when known. */
  opensAt: z.number().nullable(),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const noticeSchema = z.object({
  id,
  text: z.string().trim().min(1).max(200),
  /** Where it shows. */
  targets: z.array(z.enum(['board', 'kiosk'])).min(1).default(['board', 'kiosk']),
  startsAt: z.number().nullable().default(null),
  endsAt: z.number().nullable().default(null),
  enabled: z.boolean().default(true),
});
export type Notice = z.infer<typeof noticeSchema>;

/** 办事指南: the seven published facts of a service item. */
export const serviceGuideSchema = z.object({
  basis: z.string().max(4000),
  conditions: z.string().max(4000),
  materials: z.array(z.string().max(300)).max(60),
  procedure: z.string().max(4000),
  timeLimit: z.string().max(200),
  fees: z.string().max(500),
});
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;

export const serviceItemSchema = z.object({
  id,
  name: z.string().trim().min(1).max(80),
  department: z.string().max(40),
  categoryId: id.nullable(),
  /** Extra search words; pinyin initials are derived by the kiosk. */
  keywords: z.array(z.string().max(30)).max(20).default([]),
  guide: serviceGuideSchema,
  enabled: z.boolean().default(true),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const staffRoleSchema = z.enum(['clerk', 'admin']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '用户名为2到32位小写字母、数字、点、下划线或连字符');
export const passwordSchema = z.string().min(8, '密码至少8位').max(128);

export const staffSchema = z.object({
  id,
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(30),
  role: staffRoleSchema,
  enabled: z.boolean().default(true),
  /**
   * The clerk's assigned window (指定窗口), if any: the clerk desk signs in there straight
   * after login. Accounts stored before the field existed read as null.
   */
  windowId: id.nullable().default(null),
  /**
   * Only the assigned window may be signed in at (the server refuses any other). Off: the
   * assigned window is a default and the clerk may still choose another free one.
   */
  windowLocked: z.boolean().default(false),
});
export type Staff = z.infer<typeof staffSchema>;

export const deviceKindSchema = z.enum(['kiosk', 'board', 'agent']);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** Settings of a call board: what it shows and whether it speaks. */
export const boardSettingsSchema = z.object({
  zone: z.string().max(30).default(''),
  /** Empty = every category / window. */
  categoryIds: z.array(id).max(100).default([]),
  windowIds: z.array(id).max(200).default([]),
  layout: z.enum(['landscape', 'portrait']).default('landscape'),
  speak: z.boolean().default(true),
  /** Template of the announcement; {number} and {window} are replaced. */
  voiceTemplate: z.string().max(60).default('请{number}号到{window}号窗口办理'),
});
export type BoardSettings = z.infer<typeof boardSettingsSchema>;

export const deviceSchema = z.object({
  id,
  kind: deviceKindSchema,
  name: z.string().trim().min(1).max(40),
  /** Window agents serve one window. */
  windowId: id.nullable().default(null),
  board: boardSettingsSchema.nullable().default(null),
  enabled: z.boolean().default(true),
});
export type Device = z.infer<typeof deviceSchema>;
