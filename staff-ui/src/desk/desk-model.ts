// The clerk's actions at one window: each sends one command with the window's id, shows the
// server's Chinese message when refused, and never sends a second command while one is on its
// way (a double press on 叫号 must not call two tickets). When 叫号 finds the current ticket
// still open, the model asks the clerk to finish it or mark it a no-show, then resends.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { WindowActionResult } from '@hall/common/api';
import type { CommandResult, CounterConnection } from '../net/hall-connection.ts';

export interface Feedback {
  kind: 'error' | 'info';
  text: string;
}

export type CloseChoice = 'finish' | 'no_show';

export type Dialog = { kind: 'closeChoice'; ticketNumber: string } | { kind: 'pause' } | { kind: 'transfer' } | null;

export interface DeskModel {
  readonly busy: ReadonlySignal<boolean>;
  readonly feedback: ReadonlySignal<Feedback | null>;
  readonly dialog: ReadonlySignal<Dialog>;
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
}

export function createDeskModel(connection: Pick<CounterConnection, 'send'>): DeskModel {
  const busy = signal(false);
  const feedback = signal<Feedback | null>(null);
  const dialog = signal<Dialog>(null);

  /** Runs one command; resolves to the reply, or null when another one is still running. */
  async function run(send: () => Promise<CommandResult<WindowActionResult>>): Promise<CommandResult<WindowActionResult> | null> {
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

  async function simple(send: () => Promise<CommandResult<WindowActionResult>>): Promise<void> {
    const reply = await run(send);
    if (reply?.ok) dialog.value = null;
  }

  return {
    busy,
    feedback,
    dialog,
    openDialog(next) {
      feedback.value = null;
      dialog.value = next;
    },
    closeDialog() {
      dialog.value = null;
    },
    signIn: (windowId) => simple(() => connection.send('window:signIn', { windowId })),
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
      if (reply.ok) dialog.value = null;
    },
    recall: (windowId) => simple(() => connection.send('ticket:recall', { windowId })),
    start: (windowId) => simple(() => connection.send('ticket:start', { windowId })),
    finish: (windowId) => simple(() => connection.send('ticket:finish', { windowId })),
    noShow: (windowId) => simple(() => connection.send('ticket:noShow', { windowId })),
    hold: (windowId) => simple(() => connection.send('ticket:hold', { windowId })),
    callBack: (windowId, ticketId) => simple(() => connection.send('ticket:callBack', { windowId, ticketId })),
    pause: (windowId, reason) => simple(() => connection.send('window:pause', { windowId, reason })),
    resume: (windowId) => simple(() => connection.send('window:resume', { windowId })),
    transfer: (windowId, target, note) => simple(() => connection.send('ticket:transfer', { windowId, ...target, note })),
  };
}
