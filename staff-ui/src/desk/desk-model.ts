// The clerk's actions at one window: each sends one command with the window's id, shows the
// server's Chinese message when refused, and never sends a second command while one is on its
// way (a double press on 叫号 must not call two tickets). When 叫号 finds the current ticket
// still open, the model asks the clerk to finish it or mark it a no-show, then resends.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ClerkDayStats } from '@hall/common/api';
import type { CommandResult, CounterConnection } from '../net/hall-connection.ts';
import { messages } from '../messages.ts';

export interface Feedback {
  kind: 'error' | 'info';
  text: string;
}

export type CloseChoice = 'finish' | 'no_show';

export type Dialog =
  | { kind: 'closeChoice'; ticketNumber: string }
  | { kind: 'pause' }
  | { kind: 'transfer' }
  /** Calling one waiting ticket out of order needs a reason (it is audited). */
  | { kind: 'callTicket'; ticketId: string; ticketNumber: string }
  | null;

export interface DeskModel {
  readonly busy: ReadonlySignal<boolean>;
  readonly feedback: ReadonlySignal<Feedback | null>;
  readonly dialog: ReadonlySignal<Dialog>;
  /** My figures for today; refreshed after every action that changes them. */
  readonly myStats: ReadonlySignal<ClerkDayStats | null>;
  openDialog(dialog: Exclude<Dialog, null | { kind: 'closeChoice' }>): void;
  closeDialog(): void;
  signIn(windowId: string): Promise<void>;
  /** Resolves true when the window was signed out. */
  signOut(windowId: string): Promise<boolean>;
  callNext(windowId: string, currentNumber: string | null, closeCurrent?: CloseChoice): Promise<void>;
  recall(windowId: string): Promise<void>;
  start(windowId: string): Promise<void>;
  finish(windowId: string): Promise<void>;
  noShow(windowId: string): Promise<void>;
  hold(windowId: string): Promise<void>;
  callBack(windowId: string, ticketId: string): Promise<void>;
  pause(windowId: string, reason: string): Promise<void>;
  resume(windowId: string): Promise<void>;
  transfer(windowId: string, target: { toCategoryId?: string; toWindowId?: string }, note: string): Promise<void>;
  callTicket(windowId: string, ticketId: string, reason: string, closeCurrent?: CloseChoice): Promise<void>;
  reactivate(windowId: string, ticketId: string): Promise<void>;
  requestRating(windowId: string, ticketId?: string): Promise<void>;
  resolveHelp(requestId: string): Promise<void>;
  refreshStats(): Promise<void>;
}

export function createDeskModel(connection: Pick<CounterConnection, 'send'>): DeskModel {
  const busy = signal(false);
  const feedback = signal<Feedback | null>(null);
  const dialog = signal<Dialog>(null);
  const myStats = signal<ClerkDayStats | null>(null);

  async function refreshStats(): Promise<void> {
    const reply = await connection.send('stats:mine', {});
    if (reply.ok) myStats.value = reply.data;
  }

  /** Runs one command; resolves to the reply, or null when another one is still running. */
  async function run<T>(send: () => Promise<CommandResult<T>>): Promise<CommandResult<T> | null> {
    if (busy.value) return null;
    busy.value = true;
    feedback.value = null;
    try {
      const reply = await send();
      if (!reply.ok) feedback.value = { kind: 'error', text: reply.error.message };
      return reply;
    } finally {
      busy.value = false;
    }
  }

  async function simple<T>(send: () => Promise<CommandResult<T>>): Promise<boolean> {
    const reply = await run(send);
    if (reply?.ok) dialog.value = null;
    return reply?.ok === true;
  }

  /** Actions that change my figures refresh them; a failed refresh only leaves them stale. */
  async function counted<T>(send: () => Promise<CommandResult<T>>): Promise<boolean> {
    const ok = await simple(send);
    if (ok) void refreshStats();
    return ok;
  }

  return {
    busy,
    feedback,
    dialog,
    myStats,
    refreshStats,
    openDialog(next) {
      feedback.value = null;
      dialog.value = next;
    },
    closeDialog() {
      dialog.value = null;
    },
    async signIn(windowId) {
      if (await simple(() => connection.send('window:signIn', { windowId }))) void refreshStats();
    },
    async signOut(windowId) {
      const reply = await run(() => connection.send('window:signOut', { windowId }));
      return reply?.ok === true;
    },
    async callNext(windowId, currentNumber, closeCurrent) {
      const request = closeCurrent ? { windowId, closeCurrent } : { windowId };
      const reply = await run(() => connection.send('ticket:callNext', request));
      if (!reply) return;
      if (!reply.ok && reply.error.code === 'TICKET_OPEN') {
        // Not an error to show: a question to ask.
        feedback.value = null;
        dialog.value = { kind: 'closeChoice', ticketNumber: currentNumber ?? '' };
        return;
      }
      if (reply.ok) {
        dialog.value = null;
        if (closeCurrent) void refreshStats();
      }
    },
    async recall(windowId) {
      await simple(() => connection.send('ticket:recall', { windowId }));
    },
    async start(windowId) {
      await simple(() => connection.send('ticket:start', { windowId }));
    },
    async finish(windowId) {
      const reply = await run(() => connection.send('ticket:finish', { windowId }));
      if (!reply?.ok) return;
      void refreshStats();
      // 一次一评: the window's evaluator asks the citizen for a rating as soon as service ends.
      const finishedId = reply.data.ticket?.id;
      const rating = await connection.send('rating:request', finishedId ? { windowId, ticketId: finishedId } : { windowId });
      feedback.value = rating.ok ? { kind: 'info', text: messages.rating.asked } : { kind: 'error', text: rating.error.message };
    },
    async noShow(windowId) {
      await counted(() => connection.send('ticket:noShow', { windowId }));
    },
    async hold(windowId) {
      await simple(() => connection.send('ticket:hold', { windowId }));
    },
    async callBack(windowId, ticketId) {
      await simple(() => connection.send('ticket:callBack', { windowId, ticketId }));
    },
    async pause(windowId, reason) {
      await simple(() => connection.send('window:pause', { windowId, reason }));
    },
    async resume(windowId) {
      await simple(() => connection.send('window:resume', { windowId }));
    },
    async transfer(windowId, target, note) {
      await counted(() => connection.send('ticket:transfer', { windowId, ...target, note }));
    },
    async callTicket(windowId, ticketId, reason, closeCurrent) {
      const request = closeCurrent ? { windowId, ticketId, reason, closeCurrent } : { windowId, ticketId, reason };
      const reply = await run(() => connection.send('ticket:call', request));
      if (!reply) return;
      if (!reply.ok && reply.error.code === 'TICKET_OPEN') {
        // Keep the dialog; it offers to close the current ticket first.
        feedback.value = { kind: 'error', text: messages.callTicket.closeFirst };
        return;
      }
      if (reply.ok) {
        dialog.value = null;
        if (closeCurrent) void refreshStats();
      }
    },
    async reactivate(windowId, ticketId) {
      if (await simple(() => connection.send('ticket:reactivate', { windowId, ticketId }))) feedback.value = { kind: 'info', text: messages.noShows.reactivated };
    },
    async requestRating(windowId, ticketId) {
      if (await simple(() => connection.send('rating:request', ticketId ? { windowId, ticketId } : { windowId }))) feedback.value = { kind: 'info', text: messages.rating.asked };
    },
    async resolveHelp(requestId) {
      await simple(() => connection.send('help:resolve', { requestId }));
    },
  };
}
