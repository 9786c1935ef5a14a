// 分类抽号 as a small state machine in a signal:
//   choose → [identity] → confirm (materials) → issuing → printing → ticket
// with side exits: unavailable (closed, quota) offering alternatives, already (a waiting ticket
// exists: offer to reprint it). Network, printer and randomness come in as arguments, so tests
// drive it without a server or an agent.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { AgentReply, PrintTicketResult } from '@hall/common/agent';
import type { Identity, IssuedTicket, IssueTicketRequest } from '@hall/common/api';
import type { TicketSlip } from '@hall/common/ticket-slip';
import type { CommandResult } from '../net/hall-connection.ts';

export type IdentityInput = Omit<Identity, 'cardKind'> & { cardKind: Identity['cardKind'] };

export type PrintOutcome = { ok: true } | { ok: false; code: string; message: string };

export type UnavailableCode = 'CATEGORY_CLOSED' | 'QUOTA_EXHAUSTED' | 'HALL_CLOSED';

export type TicketingStep =
  | { kind: 'choose' }
  | { kind: 'identity'; categoryId: string; error: string | null }
  | { kind: 'confirm'; categoryId: string; identity: IdentityInput | null; error: string | null; retryKey: string | null; reprint: boolean }
  | { kind: 'unavailable'; categoryId: string; code: UnavailableCode; message: string; opensAt: number | null }
  | { kind: 'already'; categoryId: string; identity: IdentityInput; number: string | null }
  | { kind: 'issuing'; categoryId: string }
  | { kind: 'printing'; categoryId: string; issued: IssuedTicket }
  | { kind: 'ticket'; categoryId: string; issued: IssuedTicket; print: PrintOutcome };

export interface TicketingDeps {
  issue: (request: IssueTicketRequest) => Promise<CommandResult<IssuedTicket>>;
  print: (slip: TicketSlip) => Promise<AgentReply<PrintTicketResult>>;
  /** Whether the category needs an identity before issuing (from the hall state). */
  needsIdentity: (categoryId: string) => boolean;
  /** A fresh idempotency key per attempt. */
  newKey: () => string;
  /** Sends of one attempt when the server does not answer (same key each time). */
  maxSends?: number;
  /** Pause between unanswered sends, so an offline kiosk does not burn its tries at once. */
  pause?: (ms: number) => Promise<void>;
}

const RESEND_PAUSE_MS = 1000;

export interface TicketingModel {
  readonly step: ReadonlySignal<TicketingStep>;
  choose(categoryId: string): void;
  /** The grid already knows the category is closed: say so without asking the server. */
  showUnavailable(categoryId: string, code: UnavailableCode, message: string, opensAt: number | null): void;
  /** An identity from the card reader or the keypad, for the category being drawn. */
  identify(identity: IdentityInput): void;
  confirm(): Promise<void>;
  /** ALREADY_WAITING → print the waiting ticket again. */
  reprint(): Promise<void>;
  back(): void;
  reset(): void;
}

export function createTicketingModel(deps: TicketingDeps): TicketingModel {
  const maxSends = deps.maxSends ?? 3;
  const pause = deps.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const step = signal<TicketingStep>({ kind: 'choose' });
  // Each attempt gets a number; an answer to an abandoned attempt (the citizen walked away,
  // the idle reset went home) must not pop the ticket screen up later.
  let attempt = 0;

  function confirmStep(categoryId: string, identity: IdentityInput | null, reprint = false): TicketingStep {
    return { kind: 'confirm', categoryId, identity, error: null, retryKey: null, reprint };
  }

  async function issueAndPrint(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'confirm') return;
    const mine = ++attempt;
    const { categoryId, identity, reprint } = current;
    // A retry after "server did not answer" keeps the key: if the first send did arrive,
    // the server returns that same ticket instead of issuing a second one.
    const idempotencyKey = current.retryKey ?? deps.newKey();
    const request: IssueTicketRequest = { idempotencyKey, categoryId };
    if (identity) request.identity = identity;
    if (reprint) request.reprintExisting = true;
    step.value = { kind: 'issuing', categoryId };
    for (let send = 1; ; send++) {
      const result = await deps.issue(request);
      if (mine !== attempt) return;
      if (result.ok) {
        await print(mine, categoryId, result.data);
        return;
      }
      const { code, message } = result.error;
      const unanswered = code === 'TIMEOUT' || code === 'OFFLINE';
      if (unanswered && send < maxSends) {
        await pause(RESEND_PAUSE_MS);
        if (mine !== attempt) return;
        continue;
      }
      const details = 'details' in result.error ? (result.error.details ?? {}) : {};
      if (code === 'CATEGORY_CLOSED' || code === 'QUOTA_EXHAUSTED' || code === 'HALL_CLOSED') {
        step.value = { kind: 'unavailable', categoryId, code, message, opensAt: typeof details.opensAt === 'number' ? details.opensAt : null };
      } else if (code === 'ALREADY_WAITING' && identity) {
        step.value = { kind: 'already', categoryId, identity, number: typeof details.number === 'string' ? details.number : null };
      } else if (code === 'IDENTITY_REQUIRED') {
        step.value = { kind: 'identity', categoryId, error: null };
      } else {
        step.value = { kind: 'confirm', categoryId, identity, error: message, retryKey: unanswered ? idempotencyKey : null, reprint };
      }
      return;
    }
  }

  async function print(mine: number, categoryId: string, issued: IssuedTicket): Promise<void> {
    step.value = { kind: 'printing', categoryId, issued };
    const reply = await deps.print(issued.slip);
    if (mine !== attempt) return;
    // The ticket exists whatever the printer does: it is shown either way, with the reason.
    const outcome: PrintOutcome = reply.ok ? { ok: true } : { ok: false, code: reply.error.code, message: reply.error.message };
    step.value = { kind: 'ticket', categoryId, issued, print: outcome };
  }

  return {
    step,
    choose(categoryId) {
      attempt++;
      step.value = deps.needsIdentity(categoryId) ? { kind: 'identity', categoryId, error: null } : confirmStep(categoryId, null);
    },
    showUnavailable(categoryId, code, message, opensAt) {
      attempt++;
      step.value = { kind: 'unavailable', categoryId, code, message, opensAt };
    },
    identify(identity) {
      const current = step.value;
      if (current.kind !== 'identity') return;
      step.value = confirmStep(current.categoryId, identity);
    },
    confirm: issueAndPrint,
    async reprint() {
      const current = step.value;
      if (current.kind !== 'already') return;
      step.value = confirmStep(current.categoryId, current.identity, true);
      await issueAndPrint();
    },
    back() {
      attempt++;
      // Back from the materials goes to the grid, not to the card prompt: the identity is
      // dropped with the attempt rather than kept around on a shared screen.
      step.value = { kind: 'choose' };
    },
    reset() {
      attempt++;
      step.value = { kind: 'choose' };
    },
  };
}

/** crypto.randomUUID without dashes: 32 hex characters, within the server's key pattern. */
export function randomKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
