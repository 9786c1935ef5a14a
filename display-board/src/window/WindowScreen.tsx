import type { HallState } from '@hall/common/hall-state';
import { messages } from '../messages.ts';
import { windowScreenView, type HeldLine } from './window-view.ts';

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
              <p class="window-phase">{m.serving}</p>
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
      {view.kind !== 'closed' && <Held line={view.held} withHint={view.kind === 'idle'} />}
      {view.kind === 'closed' && (
        <>
          <p class="window-message paused">{m.closed}</p>
          <p class="window-reason">{m.closedReason}</p>
        </>
      )}
    </div>
  );
}

/** The numbers held at this window (挂起), kept for citizens who went to fetch a document. */
function Held({ line, withHint }: { line: HeldLine; withHint: boolean }) {
  if (line.numbers.length === 0) return null;
  return (
    <div class="window-held">
      <p class="window-held-line">
        {line.numbers.map((n) => (
          <span key={n} class="window-held-number">
            {n}
          </span>
        ))}
        {line.more > 0 && <span class="window-held-more">{m.heldMore(line.more)}</span>}
        <span class="window-held-label">{m.held}</span>
      </p>
      {withHint && <p class="window-held-hint">{m.heldHint}</p>}
    </div>
  );
}
