import type { HelpRequest } from '@hall/common/api';
import { formatTimeOfDay, localParts } from '@hall/common/time';
import { messages } from '../messages.ts';

const m = messages.help;

/** 请工作人员帮助 pressed at a kiosk: any clerk who goes over resolves it for everyone. */
export function HelpRequests({ requests, timeZone, busy, onResolve }: { requests: HelpRequest[]; timeZone: string; busy: boolean; onResolve: (requestId: string) => void }) {
  if (requests.length === 0) return null;
  return (
    <div class="panel help-panel" role="status">
      <h2>
        {m.title} <span class="count-badge">{requests.length}</span>
      </h2>
      <ul class="ticket-list">
        {requests.map((r) => (
          <li key={r.id}>
            <span class="help-where">{m.at(r.deviceName, formatTimeOfDay(localParts(r.at, timeZone).minutes))}</span>
            <span class="list-meta">{r.note || m.noNote}</span>
            <button type="button" class="action small" disabled={busy} onClick={() => onResolve(r.id)}>
              {messages.actions.resolve}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
