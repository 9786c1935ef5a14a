import type { Staff } from '@hall/common/domain';
import type { CounterConnection } from '../net/hall-connection.ts';
import type { DeskModel } from './desk-model.ts';
import { myWindow, windowChoices } from './desk-view.ts';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { WindowPicker } from './WindowPicker.tsx';
import { ClerkDesk } from './ClerkDesk.tsx';
import { messages } from '../messages.ts';

interface Props {
  staff: Staff;
  connection: CounterConnection;
  desk: DeskModel;
  now: number;
  onLogout: () => void;
}

/** Window picker until the server says I am signed in at a window; then the desk. */
export function DeskScreen({ staff, connection, desk, now, onLogout }: Props) {
  const state = connection.state.value;
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
        <ClerkDesk state={state} staff={staff} mine={mine} desk={desk} now={now} onLogout={onLogout} submissionNotices={{ onNotice: connection.onNotice, online: connection.status.value === 'online' }} />
      ) : (
        <WindowPicker staff={staff} choices={windowChoices(state, staff.id)} busy={desk.busy.value} feedback={desk.feedback.value} onSignIn={desk.signIn} onLogout={onLogout} />
      )}
    </div>
  );
}
