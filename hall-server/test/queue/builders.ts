// A small vocabulary for queue engine tests: a demo hall with sensible defaults that each test
// overrides only where it matters, local-time instants, and a driver that issues tickets.
import type { Actor, Appointment, CalendarDay, Category, HallSettings, WindowConfig } from '@hall/common/domain';
import { HallError } from '@hall/common/errors';
import type { ErrorCode } from '@hall/common/errors';
import { localToInstant } from '@hall/common/time';
import { expect } from 'vitest';
import { QueueEngine } from '../../src/queue/index.ts';
import type { DomainEvent, EngineSnapshot, HallConfig, IssueInput, Ticket } from '../../src/queue/index.ts';

export const TZ = 'Asia/Shanghai';
/** A Monday. */
export const DAY = '2026-11-23';
export const MINUTE = 60_000;

/** The instant of a local date and time in the hall's zone: at('10:00') is 10:00 on DAY; seconds optional. */
export function at(time: string, date: string = DAY): number {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return localToInstant(date, Number(h) * 60 + Number(m), TZ) + Number(s) * 1000;
}

export function settings(overrides: Partial<HallSettings> = {}): HallSettings {
  return {
    name: '测试区政务服务中心',
    timeZone: TZ,
    weekdayHours: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:00' },
    ],
    weekendHours: [{ start: '09:00', end: '12:00' }],
    publicBaseUrl: 'https://hall.example.gov.cn',
    recallLimit: 3,
    priorityStreak: 3,
    reactivatePosition: 'back',
    reactivateDelayMinutes: 5,
    appointmentLateMinutes: 15,
    personalDataRetentionDays: 30,
    hotline: '',
    ...overrides,
  };
}

export function category(id: string, prefix: string, overrides: Partial<Category> = {}): Category {
  return {
    id,
    prefix,
    name: `业务${prefix}`,
    group: '综合',
    department: '',
    description: '',
    numberWidth: 3,
    dailyQuota: null,
    onePerPerson: true,
    identityRequired: false,
    priorityEnabled: true,
    priorityAge: null,
    hours: null,
    weekendService: false,
    defaultServiceMinutes: 10,
    alternatives: { appointment: false, categoryIds: [] },
    materials: [],
    enabled: true,
    sortOrder: 0,
    ...overrides,
  };
}

/** A window serving categories with weights: window('w1', 1, { a: 1, b: 0 }). */
export function window(id: string, number: number, weights: Record<string, number>, overrides: Partial<WindowConfig> = {}): WindowConfig {
  return {
    id,
    number,
    name: `${number}号窗口`,
    zone: '',
    categories: Object.entries(weights).map(([categoryId, weight]) => ({ categoryId, weight })),
    enabled: true,
    ...overrides,
  };
}

export function hallConfig(parts: { settings?: Partial<HallSettings>; categories?: Category[]; windows?: WindowConfig[]; calendar?: CalendarDay[] } = {}): HallConfig {
  return {
    settings: settings(parts.settings),
    categories: parts.categories ?? [category('a', 'A'), category('b', 'B')],
    windows: parts.windows ?? [window('w1', 1, { a: 1, b: 1 }), window('w2', 2, { a: 1 })],
    calendar: parts.calendar ?? [],
  };
}

export function emptySnapshot(day: string = DAY): EngineSnapshot {
  return { hallDay: day, tickets: [], counters: {}, windows: [], recentServiceMinutes: {} };
}

export function newEngine(config: HallConfig = hallConfig(), day: string = DAY): QueueEngine {
  return new QueueEngine(config, emptySnapshot(day));
}

export const clerkActor = (id = 'c1'): Actor => ({ kind: 'clerk', id });
export const adminActor: Actor = { kind: 'admin', id: 'admin' };

let idCounter = 0;
/** Unique ticket ids for inputs; tests that compare engines pass explicit ids instead. */
export function freshId(): string {
  idCounter += 1;
  return `t${idCounter}`;
}

export function issueInput(categoryId: string, overrides: Partial<IssueInput> = {}): IssueInput {
  const ticketId = overrides.ticketId ?? freshId();
  return {
    categoryId,
    personKey: null,
    priority: false,
    appointment: null,
    source: 'kiosk',
    issuedBy: 'kiosk-1',
    ticketId,
    publicToken: `tok-${ticketId}`,
    ...overrides,
  };
}

/** Issues one ticket and returns it. */
export function issue(engine: QueueEngine, categoryId: string, now: number, overrides: Partial<IssueInput> = {}): Ticket {
  const events = engine.issue(issueInput(categoryId, overrides), now);
  const issued = events.find((e) => e.type === 'ticket:issued');
  if (!issued?.ticket) throw new Error('no ticket:issued event');
  return issued.ticket;
}

export function appointment(slotStart: number, checkedInAt: number, id = `ap-${slotStart}`): Appointment {
  return { id, slotStart, slotEnd: slotStart + 30 * MINUTE, checkedInAt };
}

/** Signs a clerk in at each window (clerk ids follow the window ids). */
export function openWindows(engine: QueueEngine, windowIds: string[], now: number): void {
  for (const id of windowIds) engine.signIn(id, { id: `clerk-${id}`, name: `工作人员${id}` }, now);
}

/** The ticket a call event carried. */
export function calledTicket(events: DomainEvent[]): Ticket {
  const called = events.find((e) => e.type === 'ticket:called');
  if (!called?.ticket) throw new Error('no ticket:called event');
  return called.ticket;
}

/** Asserts that `run` throws a HallError with `code`, and returns it for further checks. */
export function expectHallError(run: () => unknown, code: ErrorCode): HallError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(HallError);
  expect((caught as HallError).code).toBe(code);
  return caught as HallError;
}

/** Everything observable about an engine, serialised, for "unchanged" comparisons. */
export function observe(engine: QueueEngine, now: number): string {
  return JSON.stringify({
    snapshot: engine.snapshot(),
    windows: engine.windowStates(),
    open: engine.openTickets(),
    stats: engine.allStats(now),
  });
}

/** A bare waiting ticket for pure selection and estimate tests; serial follows the id's digits. */
export function makeTicket(id: string, overrides: Partial<Ticket> = {}): Ticket {
  const serial = Number(id.replace(/\D/gu, '')) || 1;
  return {
    id,
    number: `A${String(serial).padStart(3, '0')}`,
    hallDay: DAY,
    categoryId: 'a',
    state: 'waiting',
    issuedAt: at('09:00'),
    arrivalAt: at('09:00'),
    queueAt: at('09:00'),
    priority: false,
    appointment: null,
    targetWindowId: null,
    windowId: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    transfers: [],
    serial,
    issueCategoryId: overrides.categoryId ?? 'a',
    personKey: null,
    publicToken: `tok-${id}`,
    source: 'kiosk',
    issuedBy: 'kiosk-1',
    ...overrides,
  };
}
