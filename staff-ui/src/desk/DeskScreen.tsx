import { useEffect } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import type { Staff } from '@hall/common/domain';
import type { CounterConnection } from '../net/hall-connection.ts';
import type { DeskModel } from './desk-model.ts';
import { myWindow } from './desk-view.ts';
import { autoSignInTarget, pickerView } from './assignment.ts';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { WindowPicker } from './WindowPicker.tsx';
import { ClerkDesk } from './ClerkDesk.tsx';
import { messages } from '../messages.ts';

interface Props {
  staff: Staff;
  connection: CounterConnection;
  desk: DeskModel;
  now: number;
  /** Set by a fresh login: sign in at the assigned window by itself, once. */
  autoSignIn: Signal<boolean>;
  onLogout: () => void;
}

/** Window picker until the server says I am signed in at a window; then the desk. */
export function DeskScreen({ staff, connection, desk, now, autoSignIn, onLogout }: Props) {
  const state = connection.state.value;
  const ready = state !== null;
  useEffect(() => {
    // Once per login, on the first picture of the hall: straight to the assigned window if free.
    const current = connection.state.peek();
    if (!current || !autoSignIn.peek()) return;
    autoSignIn.value = false;
    const target = autoSignInTarget(current, staff);
    if (target) void desk.signIn(target);
  }, [ready]);
  const banner = <ConnectionBanner status={connection.status.value} problem={connection.problem.value} />;
  if (!state) {
    return (
      <div class="desk-app">
        {banner}
        <p class="loading">{messages.net.connecting}</p>
      </div>
    );
  }
  const mine = myWindow(state, staff.id);
  return (
    <div class="desk-app">
      {banner}
      {mine ? (
        <ClerkDesk state={state} staff={staff} mine={mine} desk={desk} now={now} onLogout={onLogout} submissionNotices={{ onNotice: connection.onNotice, online: connection.status.value === 'online' }}
          planNotices={{ onNotice: connection.onNotice, online: connection.status.value === 'online' }}
        />
      ) : (
        <WindowPicker staff={staff} view={pickerView(state, staff)} busy={desk.busy.value} feedback={desk.feedback.value} onSignIn={desk.signIn} onLogout={onLogout} />
      )}
    </div>
  );
}
