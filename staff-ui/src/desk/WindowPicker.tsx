import type { Staff } from '@hall/common/domain';
import { messages } from '../messages.ts';
import type { Feedback } from './desk-model.ts';
import type { PickerChoice, PickerView } from './assignment.ts';

const m = messages.picker;

interface Props {
  staff: Staff;
  view: PickerView;
  busy: boolean;
  feedback: Feedback | null;
  onSignIn: (windowId: string) => void;
  onLogout: () => void;
}

export function WindowPicker({ staff, view, busy, feedback, onSignIn, onLogout }: Props) {
  const { choices, assigned, locked, problem } = view;
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
      {assigned && (
        <section class="assigned-window">
          <p class="assigned-title">{m.assignedTitle(messages.desk.windowTitle(assigned.number, assigned.name))}</p>
          {problem === 'occupied' ? (
            <p class="assigned-problem">{m.assignedOccupied(assigned.clerkName ?? '', locked)}</p>
          ) : (
            <button type="button" class="action primary assigned-sign-in" disabled={busy || assigned.kind === 'occupied'} onClick={() => onSignIn(assigned.windowId)}>
              {assigned.kind === 'mine' ? m.mine : m.signInAssigned}
            </button>
          )}
        </section>
      )}
      {problem === 'unavailable' && <p class="assigned-problem">{m.assignedUnavailable(locked)}</p>}
      {locked && <p class="picker-note">{m.lockedNote}</p>}
      {choices.length === 0 && <p class="empty">{m.none}</p>}
      <ul class="picker-grid">
        {choices.map((choice) => (
          <li key={choice.windowId}>
            <button
              type="button"
              class={`window-choice ${choice.kind}${choice.assigned ? ' assigned' : ''}`}
              disabled={busy || choice.kind === 'occupied' || !choice.allowed}
              onClick={() => onSignIn(choice.windowId)}
            >
              <span class="choice-number">{choice.number}</span>
              {choice.name !== messages.desk.defaultWindowName(choice.number) && <span class="choice-name">{choice.name}</span>}
              {choice.zone && <span class="choice-zone">{choice.zone}</span>}
              <span class="choice-state">{stateText(choice)}</span>
              {choice.assigned && <span class="choice-tag">{m.assignedTag}</span>}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function stateText(choice: PickerChoice): string {
  const base = choice.kind === 'free' ? m.free : choice.kind === 'mine' ? m.mine : m.occupied(choice.clerkName ?? '');
  const text = choice.paused ? `${base} · ${m.paused}` : base;
  return choice.allowed ? text : `${text} · ${m.notAllowed}`;
}
