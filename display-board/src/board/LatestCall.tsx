import type { CallView } from '@hall/common/events';
import { messages } from '../messages.ts';

const m = messages.board;

/**
 * The newest call, large. The board keys it by ticket and time, so every new call or recall
 * mounts a fresh element and its CSS flash animation runs again for a few seconds.
 */
export function LatestCall({ call }: { call: CallView | null }) {
  if (!call) {
    return (
      <section class="latest-call empty">
        <p class="latest-empty">{m.noCalls}</p>
      </section>
    );
  }
  return (
    <section class="latest-call">
      <div class="latest-flash">
        <p class="latest-line">
          <span class="latest-please">{m.please}</span>
          <span class="latest-number">{call.number}</span>
          <span class="latest-please">{m.numberSuffix}</span>
        </p>
        <p class="latest-arrow">
          {m.to} <span class="latest-window">{call.windowNumber}</span> {m.windowSuffix}
        </p>
        {call.recall && <p class="latest-recall">{m.recall}</p>}
      </div>
    </section>
  );
}
