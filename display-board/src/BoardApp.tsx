import type { BoardModel } from './app-model.ts';
import { BoardScreen } from './board/BoardScreen.tsx';
import { WindowScreen } from './window/WindowScreen.tsx';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { PairingForm } from './shell/PairingForm.tsx';
import { messages } from './messages.ts';

export function BoardApp({ model, onPaired }: { model: BoardModel; onPaired: (token: string) => void }) {
  const { connection, route } = model;
  const state = connection.state.value;
  const problem = connection.problem.value;
  const status = connection.status.value;
  const now = model.now.value;

  if (problem?.code === 'DEVICE_NOT_PAIRED') return <PairingForm reason={problem.message} onPaired={onPaired} />;

  return (
    <div class={`app route-${route.kind}`}>
      {state ? (
        route.kind === 'window' ? (
          <WindowScreen state={state} windowNumber={route.number} />
        ) : (
          <BoardScreen state={state} now={now} />
        )
      ) : (
        <div class="loading">{messages.appTitle}</div>
      )}
      <ConnectionBanner status={status} problem={problem} />
    </div>
  );
}
