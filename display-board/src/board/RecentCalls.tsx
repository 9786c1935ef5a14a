import type { CallView } from '@hall/common/events';
import { messages } from '../messages.ts';

const m = messages.board;

export function RecentCalls({ calls }: { calls: CallView[] }) {
  return (
    <section class="recent-calls">
      <h2 class="panel-title">{m.recentTitle}</h2>
      <table class="recent-table">
        <thead>
          <tr>
            <th>{m.recentNumber}</th>
            <th>{m.recentWindow}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.ticketId}>
              <td class="recent-number">{call.number}</td>
              <td class="recent-window">{m.windowName(call.windowNumber)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
