// 分类抽号 as a small state machine in a signal: choose → confirm → issuing → ticket (or back to
// confirm with an error). Network and randomness come in as arguments, so tests drive it
// without a server.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { IssuedTicket, IssueTicketRequest } from '@hall/common/api';
import type { CommandResult } from '../net/hall-connection.ts';

export type TicketingStep =
  | { kind: 'choose' }
  | { kind: 'confirm'; categoryId: string; error: string | null; retryKey: string | null }
  | { kind: 'issuing'; categoryId: string }
  | { kind: 'ticket'; categoryId: string; issued: IssuedTicket };

export interface TicketingDeps {
  issue: (request: IssueTicketRequest) => Promise<CommandResult<IssuedTicket>>;
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
  confirm(): Promise<void>;
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

  async function confirm(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'confirm') return;
    const mine = ++attempt;
    const { categoryId } = current;
    // A retry after "server did not answer" keeps the key: if the first send did arrive,
    // the server returns that same ticket instead of issuing a second one.
    const idempotencyKey = current.retryKey ?? deps.newKey();
    step.value = { kind: 'issuing', categoryId };
    for (let send = 1; ; send++) {
      const result = await deps.issue({ idempotencyKey, categoryId });
      if (mine !== attempt) return;
      if (result.ok) {
        step.value = { kind: 'ticket', categoryId, issued: result.data };
        return;
      }
      const unanswered = result.error.code === 'TIMEOUT' || result.error.code === 'OFFLINE';
      if (unanswered && send < maxSends) {
        await pause(RESEND_PAUSE_MS);
        if (mine !== attempt) return;
        continue;
      }
      step.value = { kind: 'confirm', categoryId, error: result.error.message, retryKey: unanswered ? idempotencyKey : null };
      return;
    }
  }

  return {
    step,
    choose(categoryId) {
      attempt++;
      step.value = { kind: 'confirm', categoryId, error: null, retryKey: null };
    },
    confirm,
    back() {
      attempt++;
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
