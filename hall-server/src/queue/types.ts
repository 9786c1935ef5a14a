// The queue engine's contract: what it keeps, what it is told, what it answers. The engine is
// pure (no clock, no I/O, no randomness): instants and ids arrive as arguments, and every
// state change comes back as domain events that the store persists in one transaction.
import type {
  Actor,
  Appointment,
  CalendarDay,
  Category,
  HallSettings,
  TicketView,
  WindowConfig,
  WindowState,
} from '@hall/common/domain';
import type { HallDay } from '@hall/common/time';

export interface HallConfig {
  settings: HallSettings;
  categories: Category[];
  windows: WindowConfig[];
  calendar: CalendarDay[];
}

export type TicketSource = 'kiosk' | 'staff' | 'appointment' | 'phone';

/** The engine's ticket: the public view plus what only the server may know. */
export interface Ticket extends TicketView {
  /** Position in its issuing category's daily sequence: A012 → 12. */
  serial: number;
  /** The category that issued the number (transfers change categoryId, not this). */
  issueCategoryId: string;
  /** Keyed hash of the holder's ID number (never the number itself), for one-per-person. */
  personKey: string | null;
  /** Opaque token printed in the QR; lets the holder follow the ticket. */
  publicToken: string;
  source: TicketSource;
  /** Device or clerk that issued it. */
  issuedBy: string;
}

export interface IssueInput {
  categoryId: string;
  personKey: string | null;
  /** Ask for the priority lane (the category must allow it). */
  priority: boolean;
  appointment: Appointment | null;
  source: TicketSource;
  issuedBy: string;
  /** Fresh, unique: the caller generates them (the engine has no randomness). */
  ticketId: string;
  publicToken: string;
}

export type CloseChoice = 'finish' | 'no_show';

export interface TransferTarget {
  toCategoryId?: string;
  toWindowId?: string;
  note: string;
}

export type DomainEventType =
  | 'ticket:issued'
  | 'ticket:called'
  | 'ticket:recalled'
  | 'ticket:started'
  | 'ticket:finished'
  | 'ticket:noShow'
  | 'ticket:held'
  | 'ticket:reactivated'
  | 'ticket:transferred'
  | 'ticket:cancelled'
  | 'ticket:expired'
  | 'window:signedIn'
  | 'window:signedOut'
  | 'window:paused'
  | 'window:resumed'
  | 'day:started';

/**
 * One state change. `ticket` and `window` carry the full new state of what changed, so that
 * persisting an event is "append the event, upsert what it carries".
 */
export interface DomainEvent {
  type: DomainEventType;
  at: number;
  actor: Actor;
  hallDay: HallDay;
  ticket?: Ticket;
  window?: WindowState;
  /** Event-specific facts: call mode and reason, transfer target, pause reason, … */
  detail?: Record<string, unknown>;
}

/** What the engine is started from: today's open work, read back from the store. */
export interface EngineSnapshot {
  hallDay: HallDay;
  /** Open tickets (waiting, called, serving, held) of any day, and today's no-shows (they may be reactivated). */
  tickets: Ticket[];
  /** Last serial issued today per issuing category id. */
  counters: Record<string, number>;
  windows: WindowState[];
  /** Recent service durations in minutes per category, oldest first (at most 20 kept). */
  recentServiceMinutes: Record<string, number[]>;
}
