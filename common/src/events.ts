// The real-time protocol, defined once for the server and every client. Commands carry an
// acknowledgement callback and get a Reply; broadcasts are past tense and sequenced: every
// one carries the hall-wide sequence number, and a client that sees a gap asks for a
// snapshot (`snapshot:get`). Broadcasts travel in `hall:events` frames: everything committed
// in one turn of the server's event loop goes to each socket as one frame, in order, so a
// burst of a hundred issuances costs each board one write, not a hundred.
//
// Kiosks only show figures (waiting counts, estimated waits), so their namespace gets the
// ticket and window events of a short span folded into one `hall:digest`: the range of
// sequence numbers it stands for and the figures those events left. The events that change
// what a kiosk draws otherwise (configuration, a new hall day, help requests) still reach it
// whole and in order, so the sequence stays unbroken for gap detection.
import type { Reply } from './errors.ts';
import type {
  Actor,
  Availability,
  Category,
  CategoryStats,
  HallSettings,
  Notice,
  TicketView,
  WindowConfig,
  WindowState,
  BoardSettings,
} from './domain.ts';
import type {
  ClerkDayStats,
  HelpRequest,
  HelpRequestInput,
  HelpResolveRequest,
  RatingAskRequest,
  CallTicketRequest,
  CancelTicketRequest,
  CloseCurrentRequest,
  DeviceStatusReport,
  GetTicketRequest,
  IssueTicketRequest,
  IssuedTicket,
  KeypadActionRequest,
  PauseRequest,
  RatingRequest,
  SignInRequest,
  TicketIdRequest,
  TicketStatus,
  TransferRequest,
  WindowActionResult,
  WindowRequest,
} from './api.ts';
import type { SubmissionAttached } from './forms/submission.ts';
import type { PlanAttached } from './floorplan/api.ts';

/** Bumped on any incompatible change; a client with another version is refused. */
export const PROTOCOL_VERSION = 3;

export const namespaces = {
  kiosk: '/kiosk',
  counter: '/counter',
  board: '/board',
  admin: '/admin',
  agent: '/agent',
} as const;
export type Role = keyof typeof namespaces;

/** Sent in the Socket.IO handshake (`auth`). */
export interface HandshakeAuth {
  protocol: number;
  /** Device token (kiosk, board, agent) or staff session token (counter, admin). */
  token?: string;
  /** Demo only: a pre-paired device on localhost names itself (?device=). */
  deviceId?: string;
}

export const hallEventTypes = [
  'ticket:issued',
  'ticket:called',
  'ticket:recalled',
  'ticket:started',
  'ticket:finished',
  'ticket:noShow',
  'ticket:held',
  'ticket:reactivated',
  'ticket:transferred',
  'ticket:cancelled',
  'ticket:expired',
  'window:signedIn',
  'window:signedOut',
  'window:paused',
  'window:resumed',
  'day:started',
  'config:changed',
  'device:statusChanged',
  'rating:requested',
  'rating:received',
  'help:requested',
  'help:resolved',
] as const;
export type HallEventType = (typeof hallEventTypes)[number];

/** One sequenced broadcast. */
export interface HallEvent {
  seq: number;
  type: HallEventType;
  at: number;
  hallDay: string;
  actor: Actor;
  ticket?: TicketView;
  window?: WindowState;
  /** The calling window's number, for boards and voice. */
  windowNumber?: number;
  detail?: Record<string, unknown>;
  /** Fresh figures for every category the event touched. */
  stats: CategoryStats[];
}

/** Event types a kiosk receives folded into a digest (everything that only moves figures). */
export const digestedEventTypes: ReadonlySet<HallEventType> = new Set(
  hallEventTypes.filter((type) => type.startsWith('ticket:') || type.startsWith('window:') || type.startsWith('rating:') || type === 'device:statusChanged'),
);

/**
 * For kiosks: the events numbered fromSeq..seq (all of them digestible) reduced to the latest
 * figures of every category they touched.
 */
export interface EventDigest {
  fromSeq: number;
  seq: number;
  hallDay: string;
  stats: CategoryStats[];
}

export interface CallView {
  ticketId: string;
  number: string;
  categoryId: string;
  windowId: string;
  windowNumber: number;
  at: number;
  recall: boolean;
}

export type PublicSettings = Pick<HallSettings, 'name' | 'timeZone' | 'weekdayHours' | 'weekendHours' | 'publicBaseUrl' | 'hotline' | 'recallLimit'>;

export interface DeviceHealth {
  deviceId: string;
  name: string;
  kind: string;
  online: boolean;
  /** Faults reported by the device's agent, e.g. paper_end. */
  faults: Array<{ device: string; code: string; message: string; since: number }>;
  lastSeenAt: number | null;
}

/** Everything a client needs to draw itself; followed by events with seq > snapshot.seq. */
export interface HallSnapshot {
  protocol: number;
  seq: number;
  now: number;
  hallDay: string;
  settings: PublicSettings;
  categories: Category[];
  windows: WindowConfig[];
  windowStates: WindowState[];
  stats: CategoryStats[];
  availability: Record<string, Availability>;
  /** Open tickets (waiting, called, serving, held) and today's no-shows; empty for kiosks. */
  tickets: TicketView[];
  recentCalls: CallView[];
  notices: Notice[];
  /** Help requests raised at kiosks that no one has resolved yet, oldest first. */
  helpRequests: HelpRequest[];
  /** The connecting device's own record, when it is a paired device. */
  device: { id: string; kind: string; name: string; windowId: string | null; board: BoardSettings | null } | null;
}

type Ack<T> = (reply: Reply<T>) => void;
type Command<Req, Res> = (request: Req, ack: Ack<Res>) => void;

type Broadcasts = {
  'hall:snapshot': (snapshot: HallSnapshot) => void;
  /** Sequenced events in ascending seq, at least one. */
  'hall:events': (events: HallEvent[]) => void;
  /** Kiosks only: a run of figure-only events, folded (see EventDigest). */
  'hall:digest': (digest: EventDigest) => void;
};

/**
 * Notices outside the sequenced hall state: no sequence number, not in snapshots, nothing
 * personal. A client that was offline may have missed one and fetches what it stands for
 * again once it is back; a client that does not know one ignores it (the protocol is the same).
 */
export type Notices = {
  /** Clerk desks (/counter): a self-service form was linked to this ticket (forms/submission.ts). */
  'submission:attached': (notice: SubmissionAttached) => void;
  /** Clerk desks (/counter): a floor plan was linked to this ticket (floorplan/api.ts). */
  'plan:attached': (notice: PlanAttached) => void;
};
export type NoticeName = keyof Notices;

export type ServerToClientEvents = Broadcasts & Notices;

export interface CommonCommands {
  'snapshot:get': Command<Record<string, never>, HallSnapshot>;
}

export interface KioskCommands extends CommonCommands {
  'ticket:issue': Command<IssueTicketRequest, IssuedTicket>;
  'ticket:get': Command<GetTicketRequest, TicketStatus>;
  'device:status': Command<DeviceStatusReport, { received: true }>;
  /** 请工作人员帮助: staff see the request live until one of them resolves it. */
  'help:request': Command<HelpRequestInput, HelpRequest>;
}

export interface CounterCommands extends CommonCommands {
  'window:signIn': Command<SignInRequest, WindowActionResult>;
  'window:signOut': Command<WindowRequest, WindowActionResult>;
  'window:pause': Command<PauseRequest, WindowActionResult>;
  'window:resume': Command<WindowRequest, WindowActionResult>;
  'ticket:callNext': Command<CloseCurrentRequest, WindowActionResult>;
  'ticket:call': Command<CallTicketRequest, WindowActionResult>;
  'ticket:recall': Command<WindowRequest, WindowActionResult>;
  'ticket:start': Command<WindowRequest, WindowActionResult>;
  'ticket:finish': Command<WindowRequest, WindowActionResult>;
  'ticket:noShow': Command<WindowRequest, WindowActionResult>;
  'ticket:hold': Command<WindowRequest, WindowActionResult>;
  'ticket:callBack': Command<TicketIdRequest, WindowActionResult>;
  'ticket:transfer': Command<TransferRequest, WindowActionResult>;
  'ticket:reactivate': Command<TicketIdRequest, WindowActionResult>;
  'ticket:cancel': Command<CancelTicketRequest, WindowActionResult>;
  /** Ask the citizen at this window to rate the service (the window's evaluator lights up). */
  'rating:request': Command<RatingAskRequest, { requested: true }>;
  'help:resolve': Command<HelpResolveRequest, HelpRequest>;
  /** The signed-in clerk's figures for today. */
  'stats:mine': Command<Record<string, never>, ClerkDayStats>;
}

export type BoardCommands = CommonCommands;

export interface AdminCommands extends CommonCommands {
  'help:resolve': Command<HelpResolveRequest, HelpRequest>;
}

export interface AgentCommands extends CommonCommands {
  /** A caller-keypad key at the agent's window, acting for the clerk signed in there. */
  'keypad:action': Command<KeypadActionRequest, WindowActionResult>;
  'rating:submit': Command<RatingRequest, { recorded: true }>;
  'device:status': Command<DeviceStatusReport, { received: true }>;
}

export interface NamespaceCommands {
  kiosk: KioskCommands;
  counter: CounterCommands;
  board: BoardCommands;
  admin: AdminCommands;
  agent: AgentCommands;
}
