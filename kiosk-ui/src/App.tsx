import { useEffect, useState } from 'preact/hooks';
import type { KioskModel } from './app-model.ts';
import { Header } from './shell/Header.tsx';
import { Footer } from './shell/Footer.tsx';
import { HomeScreen } from './shell/HomeScreen.tsx';
import { AgentBanner } from './shell/AgentBanner.tsx';
import { AttractScreen, IdleCountdown } from './shell/IdleOverlay.tsx';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { PairingForm } from './shell/PairingForm.tsx';
import { TicketingFlow } from './ticketing/TicketingFlow.tsx';
import { GuidesScreen } from './guides/GuidesScreen.tsx';
import { LazyForms } from './forms/LazyForms.tsx';
import { LazyCertificates } from './certificates/LazyCertificates.tsx';
import { LazyFloorplan } from './floorplan/LazyFloorplan.tsx';
import { localParts } from '@hall/common/time';
import { SetupPin } from './setup/SetupPin.tsx';
import { SetupScreen } from './setup/SetupScreen.tsx';
import { homeTiles } from './shell/tiles.ts';
import { kioskNotices } from './shell/notices.ts';
import { deviceOf } from './net/agent-connection.ts';
import { messages } from './messages.ts';

function useViewport() {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  useEffect(() => {
    const on = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

interface Props {
  model: KioskModel;
  onPaired: (token: string) => void;
  onCornerTap: () => void;
}

export function App({ model, onPaired, onCornerTap }: Props) {
  const { connection, agent, screen } = model;
  const state = connection.state.value;
  const problem = connection.problem.value;
  const online = connection.status.value === 'online';
  const current = screen.value;
  const settings = model.settings.settings.value;
  const viewport = useViewport();
  const printer = deviceOf(agent.devices.value, 'ticketPrinter');
  const reader = deviceOf(agent.devices.value, 'idCardReader');
  const printerOk = agent.status.value === 'online' && printer?.state === 'ready' && !printer.printer?.paperEnd && !printer.printer?.coverOpen;
  const help = model.help.value;

  // A screen mounted the other way round (setup mode's orientation) turns the whole app.
  const landscapeScreen = viewport.w > viewport.h;
  const rotate = (settings.orientation === 'portrait' && landscapeScreen) || (settings.orientation === 'landscape' && !landscapeScreen);
  const classes = ['kiosk', rotate ? 'rotated' : '', (rotate ? !landscapeScreen : landscapeScreen) ? 'landscape' : 'portrait'].filter(Boolean).join(' ');
  const elder = model.elder.value;
  const contrast = model.contrast.value;
  // Root classes: sizes are in rem, so elder mode scales everything from the root.
  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
    document.documentElement.classList.toggle('contrast', contrast);
  }, [elder, contrast]);
  const header = <Header hallName={state?.settings.name ?? null} now={model.now.value} timeZone={state?.settings.timeZone ?? null} onCornerTap={onCornerTap} />;

  if (current.kind === 'setup-pin' || current.kind === 'setup') {
    return (
      <div class={classes}>
        {header}
        <main class="kiosk-main">
          {current.kind === 'setup-pin' ? <SetupPin pinHash={settings.pinHash} onUnlocked={model.unlockSetup} onCancel={model.home} /> : <SetupScreen model={model} onPaired={onPaired} />}
        </main>
        {model.idle.phase.value === 'countdown' && <IdleCountdown seconds={model.idle.secondsLeft.value} onContinue={() => model.idle.wake()} />}
      </div>
    );
  }

  if (problem?.code === 'DEVICE_NOT_PAIRED') {
    return (
      <div class={classes}>
        {header}
        <PairingForm reason={problem.message} onPaired={onPaired} />
      </div>
    );
  }

  return (
    <div class={classes}>
      {header}
      <ConnectionBanner status={connection.status.value} problem={problem} />
      <AgentBanner status={agent.status.value} />
      <main class="kiosk-main">
        {current.kind === 'home' && <HomeScreen tiles={homeTiles(settings.tiles)} notices={state ? kioskNotices(state.notices, model.now.value) : []} onOpen={model.open} />}
        {current.kind === 'tile' && current.tile === 'ticketing' && state && (
          <TicketingFlow
            model={model.ticketing}
            state={state}
            now={model.now.value}
            online={online}
            blockedReason={online ? null : messages.net.needsServer}
            printerWarning={printerOk ? null : messages.net.needsPrinter}
            readerReady={agent.status.value === 'online' && reader?.state === 'ready'}
            serviceItems={model.guides.value.kind === 'loaded' ? model.guides.value.items : []}
            subscribeCards={agent.onIdCard}
            helpText={help.kind === 'sent' ? messages.shell.helpSent : null}
            onHelp={(ticketId) => void model.requestHelp(ticketId)}
            onHome={model.home}
          />
        )}
        {current.kind === 'tile' && current.tile === 'guides' && (
          <GuidesScreen
            guides={model.guides.value}
            onRetry={model.loadGuides}
            onDraw={(categoryId) => {
              model.open('ticketing');
              model.ticketing.choose(categoryId);
            }}
            forms={homeTiles(settings.tiles).some((t) => t.id === 'forms') ? model.forms.value : []}
            onFill={(itemId, formId) => model.openForm({ itemId, formId })}
            onHome={model.home}
          />
        )}
        {current.kind === 'tile' && current.tile === 'ticketing' && !state && <p class="empty-text">{messages.net.connecting}</p>}
        {current.kind === 'tile' && current.tile === 'forms' && (
          <LazyForms
            key={model.session.value}
            agent={agent}
            issue={(request) => connection.send('ticket:issue', request)}
            state={state}
            serviceItems={model.guides.value.kind === 'loaded' ? model.guides.value.items : []}
            startItemId={model.formStart.value.itemId}
            startFormId={model.formStart.value.formId}
            today={localParts(model.now.value, state?.settings.timeZone).date}
            online={online}
            readerReady={agent.status.value === 'online' && reader?.state === 'ready'}
            onDirty={model.setFormDirty}
            onHome={model.home}
            // A later, unrelated form keeps the food licence's handoff.
            onSubmitted={(handoff) => handoff && model.setFormHandoff(handoff)}
            onDrawPlan={() => model.open('floorplan')}
          />
        )}
        {current.kind === 'tile' && current.tile === 'floorplan' && (
          <LazyFloorplan
            key={model.session.value}
            agent={agent}
            today={localParts(model.now.value, state?.settings.timeZone).date}
            readerReady={agent.status.value === 'online' && reader?.state === 'ready'}
            contrast={contrast}
            formHandoff={model.formHandoff.value}
            onDirty={model.setPlanDirty}
            onHome={model.home}
          />
        )}
        {current.kind === 'tile' && current.tile === 'certificates' && (
          <LazyCertificates key={model.session.value} agent={agent} online={online} readerReady={agent.status.value === 'online' && reader?.state === 'ready'} onHome={model.home} />
        )}
      </main>
      <Footer
        elder={model.elder.value}
        contrast={model.contrast.value}
        help={help}
        helpDisabledReason={online ? null : messages.shell.helpNeedsServer}
        onElder={model.toggleElder}
        onContrast={model.toggleContrast}
        onHelp={() => void model.requestHelp()}
      />
      {model.idle.phase.value === 'countdown' && <IdleCountdown seconds={model.idle.secondsLeft.value} onContinue={() => model.idle.wake()} {...(model.planDirty.value ? { text: messages.floorplan.idleText } : model.formDirty.value ? { text: messages.forms.idleText } : {})} />}
      {model.idle.phase.value === 'attract' && <AttractScreen hallName={state?.settings.name ?? messages.appTitle} onWake={() => model.idle.wake()} />}
    </div>
  );
}
