import { messages } from '../messages.ts';
import type { DeskAction } from './desk-view.ts';

const a = messages.actions;

interface Props {
  allowed: ReadonlySet<DeskAction>;
  busy: boolean;
  recallCount: number;
  onAction: (action: DeskAction) => void;
}

/** The big buttons, in the order of a service: call, recall, start, finish… */
export function ActionPad({ allowed, busy, recallCount, onAction }: Props) {
  const pauseOrResume: DeskAction = allowed.has('resume') ? 'resume' : 'pause';
  const buttons: Array<{ action: DeskAction; label: string; key?: string; tone: string }> = [
    { action: 'callNext', label: a.callNext, key: 'F1', tone: 'primary' },
    { action: 'recall', label: recallCount > 0 ? a.recallCount(recallCount) : a.recall, key: 'F2', tone: 'normal' },
    { action: 'start', label: a.start, key: 'F5', tone: 'normal' },
    { action: 'finish', label: a.finish, key: 'F3', tone: 'good' },
    { action: 'noShow', label: a.noShow, key: 'F4', tone: 'warn' },
    { action: 'hold', label: a.hold, key: 'F6', tone: 'normal' },
    { action: 'transfer', label: a.transfer, key: 'F7', tone: 'normal' },
    { action: pauseOrResume, label: pauseOrResume === 'resume' ? a.resume : a.pause, key: 'F8', tone: 'quiet' },
  ];
  return (
    <div class="action-pad">
      {buttons.map((b) => (
        <button key={b.action} type="button" class={`action ${b.tone} action-${b.action}`} disabled={busy || !allowed.has(b.action)} onClick={() => onAction(b.action)}>
          <span>{b.label}</span>
          {b.key && <kbd>{b.key}</kbd>}
        </button>
      ))}
    </div>
  );
}
