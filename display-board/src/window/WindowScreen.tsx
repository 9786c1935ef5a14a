import type { HallState } from '@hall/common/hall-state';
import { messages } from '../messages.ts';
import { windowScreenView } from './window-view.ts';

const m = messages.window;

/** The screen above one window: its number and what it is doing now. */
export function WindowScreen({ state, windowNumber }: { state: HallState; windowNumber: number }) {
  const view = windowScreenView(state, windowNumber);
  if (view.kind === 'unknown') {
    return (
      <div class="window-screen">
        <p class="window-message">{m.unknown(windowNumber)}</p>
      </div>
    );
  }
  return (
    <div class={`window-screen ${view.kind}`}>
      <h1 class="window-title">{m.title(view.windowNumber)}</h1>
      {view.kind === 'ticket' && (
        <div class="window-ticket" key={view.number}>
          {view.phase === 'called' ? (
            <p class="window-line">
              {m.calling} <span class="window-number">{view.number}</span> {m.callingSuffix}
            </p>
          ) : (
            <>
              <p class="window-phase">{view.phase === 'serving' ? m.serving : m.held}</p>
              <p class="window-number">{view.number}</p>
            </>
          )}
        </div>
      )}
      {view.kind === 'idle' && <p class="window-message">{m.idle}</p>}
      {view.kind === 'paused' && (
        <>
          <p class="window-message paused">{m.paused}</p>
          {view.reason && <p class="window-reason">{view.reason}</p>}
        </>
      )}
      {view.kind === 'closed' && (
        <>
          <p class="window-message paused">{m.closed}</p>
          <p class="window-reason">{m.closedReason}</p>
        </>
      )}
    </div>
  );
}
