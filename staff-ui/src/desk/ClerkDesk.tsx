import { useEffect, useRef } from 'preact/hooks';
import type { Staff } from '@hall/common/domain';
import type { HallState } from '@hall/common/hall-state';
import { messages } from '../messages.ts';
import type { DeskModel } from './desk-model.ts';
import { allowedActions, heldTickets, noShowTickets, queueRows, shortcutAction, waitingTickets, type DeskAction, type MyWindow } from './desk-view.ts';
import { CurrentTicket } from './CurrentTicket.tsx';
import { ActionPad } from './ActionPad.tsx';
import { QueueList } from './QueueList.tsx';
import { HeldList } from './HeldList.tsx';
import { CloseChoiceDialog } from './CloseChoiceDialog.tsx';
import { PauseDialog } from './PauseDialog.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { CallTicketDialog } from './CallTicketDialog.tsx';
import { WaitingTickets } from './WaitingTickets.tsx';
import { NoShowList } from './NoShowList.tsx';
import { HelpRequests } from './HelpRequests.tsx';
import { MyStats } from './MyStats.tsx';
import { SubmissionPanel, type SubmissionNotices } from './SubmissionPanel.tsx';
import { PlanPanel, type PlanNotices } from './PlanPanel.tsx';
import { CertificatePanel } from './CertificatePanel.tsx';
import { localParts } from '@hall/common/time';

interface Props {
  state: HallState;
  staff: Staff;
  mine: MyWindow;
  desk: DeskModel;
  now: number;
  onLogout: () => void;
  /** Forms attached to the current ticket while it is at the window. */
  submissionNotices?: SubmissionNotices;
  planNotices?: PlanNotices;
}

export function ClerkDesk({ state, staff, mine, desk, now, onLogout, submissionNotices, planNotices }: Props) {
  const windowId = mine.config.id;
  const current = mine.current;
  const allowed = allowedActions(mine.live, current, state.settings.recallLimit);
  const dialog = desk.dialog.value;
  const feedback = desk.feedback.value;
  const busy = desk.busy.value;

  function act(action: DeskAction): void {
    if (!allowed.has(action) || busy) return;
    switch (action) {
      case 'callNext':
        return void desk.callNext(windowId, current?.number ?? null);
      case 'recall':
        return void desk.recall(windowId);
      case 'start':
        return void desk.start(windowId);
      case 'finish':
        return void desk.finish(windowId);
      case 'noShow':
        return void desk.noShow(windowId);
      case 'hold':
        return void desk.hold(windowId);
      case 'transfer':
        return desk.openDialog({ kind: 'transfer' });
      case 'pause':
        return desk.openDialog({ kind: 'pause' });
      case 'resume':
        return void desk.resume(windowId);
      case 'signOut':
        return void desk.signOut(windowId);
    }
  }

  // Leaving the desk signs the window out first, so boards do not show a window nobody is at.
  // If the server refuses (e.g. a ticket is still open), its message shows and nobody logs out.
  async function signOutAndLogout(): Promise<void> {
    if (await desk.signOut(windowId)) onLogout();
  }

  // My figures are fetched once when the desk opens (also after a reload), then after actions.
  useEffect(() => {
    void desk.refreshStats();
  }, [desk]);

  // F1–F8 act like the big buttons, except while a dialog or a text field has the keyboard.
  // The listener is added once and acts on the latest render, the one on screen: a listener
  // added again by an effect after each render runs a frame late, and a key pressed in that
  // frame (F3 as soon as 办结 lights up) was read against the buttons of the screen before.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event) => {
    const action = shortcutAction(event.key, allowed);
    if (!action) return;
    event.preventDefault();
    const target = event.target as HTMLElement | null;
    if (desk.dialog.value || target?.closest('input, textarea, select')) return;
    act(action);
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const status = mine.live.status;
  const waiting = waitingTickets(state, mine.config, now);
  return (
    <main class="desk">
      <header class="desk-bar">
        <h1>{messages.desk.windowTitle(mine.config.number, mine.config.name)}</h1>
        <span class={`status-pill ${status}`}>{messages.desk.status[status]}</span>
        {status === 'paused' && mine.live.pauseReason && <span class="pause-reason">{messages.desk.pausedBecause(mine.live.pauseReason)}</span>}
        <span class="desk-user">{messages.desk.clerk(staff.displayName)}</span>
        <button type="button" class="plain" disabled={busy || !allowed.has('signOut')} onClick={() => act('signOut')}>
          {messages.actions.signOut}
        </button>
        <button type="button" class="plain" disabled={busy} onClick={() => void signOutAndLogout()}>
          {messages.actions.logout}
        </button>
      </header>
      {feedback && (
        <p class={`feedback ${feedback.kind}`} role="alert">
          {feedback.text}
        </p>
      )}
      <div class="desk-body">
        <section class="desk-left">
          <CurrentTicket ticket={current} state={state} />
          <ActionPad allowed={allowed} busy={busy} recallCount={current?.recallCount ?? 0} onAction={act} />
          <p class="shortcut-hint">
            {messages.actions.shortcuts}
            <button type="button" class="plain ask-rating" disabled={busy || status === 'closed'} onClick={() => void desk.requestRating(windowId)}>
              {messages.actions.askRating}
            </button>
          </p>
          <MyStats stats={desk.myStats.value} />
          <SubmissionPanel ticketId={current?.id ?? null} timeZone={state.settings.timeZone} notices={submissionNotices} />
          <PlanPanel ticketId={current?.id ?? null} timeZone={state.settings.timeZone} notices={planNotices} />
          <CertificatePanel today={localParts(now, state.settings.timeZone).date} />
        </section>
        <section class="desk-right">
          <HelpRequests requests={state.helpRequests} timeZone={state.settings.timeZone} busy={busy} onResolve={(id) => void desk.resolveHelp(id)} />
          <QueueList rows={queueRows(state, mine.config, now, messages.queue.transferredHere)} />
          <WaitingTickets
            tickets={waiting.shown}
            more={waiting.more}
            canCall={status === 'open'}
            busy={busy}
            onCall={(ticketId, ticketNumber) => desk.openDialog({ kind: 'callTicket', ticketId, ticketNumber })}
          />
          <HeldList tickets={heldTickets(state, windowId)} busy={busy} canCall={status === 'open' && !current} onCallBack={(ticketId) => void desk.callBack(windowId, ticketId)} />
          <NoShowList tickets={noShowTickets(state, windowId)} busy={busy} onReactivate={(ticketId) => void desk.reactivate(windowId, ticketId)} />
        </section>
      </div>
      {dialog?.kind === 'closeChoice' && (
        <CloseChoiceDialog
          ticketNumber={dialog.ticketNumber}
          busy={busy}
          onChoose={(choice) => void desk.callNext(windowId, current?.number ?? null, choice)}
          onCancel={desk.closeDialog}
        />
      )}
      {dialog?.kind === 'pause' && <PauseDialog busy={busy} error={feedback?.text ?? null} onPause={(reason) => void desk.pause(windowId, reason)} onCancel={desk.closeDialog} />}
      {dialog?.kind === 'callTicket' && (
        <CallTicketDialog
          ticketNumber={dialog.ticketNumber}
          currentNumber={current?.number ?? null}
          busy={busy}
          error={feedback?.kind === 'error' ? feedback.text : null}
          onCall={(reason, closeCurrent) => void desk.callTicket(windowId, dialog.ticketId, reason, closeCurrent)}
          onCancel={desk.closeDialog}
        />
      )}
      {dialog?.kind === 'transfer' && current && (
        <TransferDialog
          ticketNumber={current.number}
          state={state}
          fromWindowId={windowId}
          busy={busy}
          error={feedback?.text ?? null}
          onTransfer={(target, note) => void desk.transfer(windowId, target, note)}
          onCancel={desk.closeDialog}
        />
      )}
    </main>
  );
}
