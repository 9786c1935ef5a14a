// The clerk's assigned window (指定窗口) in the window picker: pure, from the hall state and the
// staff account. An admin sets it in the console; the desk signs in there by itself right after
// a login when it is free, and otherwise offers it first. A locked account (windowLocked) may
// sign in only there (the server refuses any other); an unlocked one may choose another.
import type { Staff } from '@hall/common/domain';
import type { HallState } from '@hall/common/hall-state';
import { windowChoices, type WindowChoice } from './desk-view.ts';

export interface PickerChoice extends WindowChoice {
  /** The account's assigned window. */
  assigned: boolean;
  /** False for every other window when the account is locked to its assigned one. */
  allowed: boolean;
}

export interface PickerView {
  choices: PickerChoice[];
  /** The assigned window, when it is an enabled window of the hall. */
  assigned: PickerChoice | null;
  locked: boolean;
  /** Why the assigned window cannot be taken now: someone else is there, or it is gone or disabled. */
  problem: 'occupied' | 'unavailable' | null;
}

/** Accounts from before assignments (or an old stored session) have none. */
export function assignmentOf(staff: Staff): { windowId: string | null; locked: boolean } {
  const windowId = staff.windowId ?? null;
  return { windowId, locked: windowId !== null && staff.windowLocked === true };
}

export function pickerView(state: HallState, staff: Staff): PickerView {
  const { windowId, locked } = assignmentOf(staff);
  const choices = windowChoices(state, staff.id).map((c) => {
    const assigned = c.windowId === windowId;
    return { ...c, assigned, allowed: !locked || assigned };
  });
  const assigned = choices.find((c) => c.assigned) ?? null;
  const problem = windowId === null ? null : !assigned ? 'unavailable' : assigned.kind === 'occupied' ? 'occupied' : null;
  return { choices, assigned, locked, problem };
}

/**
 * Where the desk signs in by itself right after a login: the assigned window, when it is free
 * and the clerk is not signed in anywhere yet. Null means: show the picker.
 */
export function autoSignInTarget(state: HallState, staff: Staff): string | null {
  const view = pickerView(state, staff);
  if (view.choices.some((c) => c.kind === 'mine')) return null;
  if (state.windowStates.some((w) => w.clerkId === staff.id && w.status !== 'closed')) return null;
  return view.assigned?.kind === 'free' ? view.assigned.windowId : null;
}
