import type { KioskModel } from './app-model.ts';
import { Header } from './shell/Header.tsx';
import { HomeScreen } from './shell/HomeScreen.tsx';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { PairingForm } from './shell/PairingForm.tsx';
import { TicketingFlow } from './ticketing/TicketingFlow.tsx';
import { homeTiles } from './shell/tiles.ts';
import { kioskNotices } from './shell/notices.ts';
import { messages } from './messages.ts';

export function App({ model, onPaired }: { model: KioskModel; onPaired: (token: string) => void }) {
  const { connection, screen } = model;
  const state = connection.state.value;
  const problem = connection.problem.value;
  const current = screen.value;

  if (problem?.code === 'DEVICE_NOT_PAIRED') {
    return (
      <div class="kiosk">
        <Header hallName={state?.settings.name ?? null} now={model.now.value} timeZone={state?.settings.timeZone ?? null} />
        <PairingForm reason={problem.message} onPaired={onPaired} />
      </div>
    );
  }

  return (
    <div class="kiosk">
      <Header hallName={state?.settings.name ?? null} now={model.now.value} timeZone={state?.settings.timeZone ?? null} />
      <ConnectionBanner status={connection.status.value} problem={problem} />
      <main class="kiosk-main">
        {current.kind === 'home' && <HomeScreen tiles={homeTiles()} notices={state ? kioskNotices(state.notices, model.now.value) : []} onOpen={model.open} />}
        {current.kind === 'tile' && current.tile === 'ticketing' && state && (
          <TicketingFlow model={model.ticketing} state={state} now={model.now.value} online={connection.status.value === 'online'} onHome={model.home} />
        )}
        {current.kind === 'tile' && !state && <p class="empty-text">{messages.net.connecting}</p>}
      </main>
    </div>
  );
}
