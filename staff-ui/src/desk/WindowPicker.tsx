import type { Staff } from '@hall/common/domain';
import { messages } from '../messages.ts';
import type { Feedback } from './desk-model.ts';
import type { WindowChoice } from './desk-view.ts';

const m = messages.picker;

interface Props {
  staff: Staff;
  choices: WindowChoice[];
  busy: boolean;
  feedback: Feedback | null;
  onSignIn: (windowId: string) => void;
  onLogout: () => void;
}

export function WindowPicker({ staff, choices, busy, feedback, onSignIn, onLogout }: Props) {
  return (
    <main class="picker">
      <div class="picker-bar">
        <h1>{m.title}</h1>
        <span class="picker-user">{messages.desk.clerk(staff.displayName)}</span>
        <button type="button" class="plain" onClick={onLogout}>
          {m.logout}
        </button>
      </div>
      {feedback && <p class={`feedback ${feedback.kind}`}>{feedback.text}</p>}
      {choices.length === 0 && <p class="empty">{m.none}</p>}
      <ul class="picker-grid">
        {choices.map((choice) => (
          <li key={choice.windowId}>
            <button type="button" class={`window-choice ${choice.kind}`} disabled={busy || choice.kind === 'occupied'} onClick={() => onSignIn(choice.windowId)}>
              <span class="choice-number">{choice.number}</span>
              {choice.name !== messages.desk.defaultWindowName(choice.number) && <span class="choice-name">{choice.name}</span>}
              {choice.zone && <span class="choice-zone">{choice.zone}</span>}
              <span class="choice-state">
                {choice.kind === 'free' ? m.free : choice.kind === 'mine' ? m.mine : m.occupied(choice.clerkName ?? '')}
                {choice.paused ? ` · ${m.paused}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
