import type { DeviceHealth } from '@hall/common/events';
import type { HallState } from '@hall/common/hall-state';
import { formatTimeOfDay, localParts } from '@hall/common/time';
import { messages } from '../messages.ts';
import { deviceKindName } from './resources.ts';
import { devicesInTrouble, queueRows, windowRows } from './overview-view.ts';

const m = messages.admin.overview;

interface Props {
  state: HallState;
  now: number;
  health: DeviceHealth[] | null;
  busy: boolean;
  onResolveHelp: (requestId: string) => void;
}

/** The hall at a glance, live: windows, queues, devices in trouble, help requests. */
export function OverviewPage({ state, now, health, busy, onResolveHelp }: Props) {
  const windows = windowRows(state);
  const queues = queueRows(state, now);
  const trouble = health ? devicesInTrouble(health) : null;
  const open = windows.filter((w) => w.status === 'open').length;
  const waiting = queues.reduce((n, q) => n + q.waiting, 0);
  const time = (at: number) => formatTimeOfDay(localParts(at, state.settings.timeZone).minutes);
  return (
    <div class="overview">
      <div class="overview-figures">
        <div>
          <span>{m.openWindows}</span>
          <strong>
            {open}/{windows.length}
          </strong>
        </div>
        <div>
          <span>{m.waiting}</span>
          <strong>{waiting}</strong>
        </div>
        <div class={trouble && trouble.length > 0 ? 'alert' : ''}>
          <span>{m.devicesInTrouble}</span>
          <strong>{trouble ? trouble.length : '—'}</strong>
        </div>
        <div class={state.helpRequests.length > 0 ? 'alert' : ''}>
          <span>{m.helpRequests}</span>
          <strong>{state.helpRequests.length}</strong>
        </div>
      </div>
      <div class="overview-grid">
        <section class="panel">
          <h2>{m.windowsTitle}</h2>
          <table class="admin-table overview-windows">
            <thead>
              <tr>
                <th>{m.window}</th>
                <th>{m.status}</th>
                <th>{m.clerk}</th>
                <th>{m.ticket}</th>
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={w.windowId} class={`status-${w.status}`}>
                  <td>{messages.desk.windowTitle(w.number, w.name)}</td>
                  <td>
                    <span class={`status-dot ${w.status}`} />
                    {messages.desk.status[w.status]}
                    {w.pauseReason && <span class="hint">（{w.pauseReason}）</span>}
                  </td>
                  <td>{w.clerkName ?? ''}</td>
                  <td class="ticket-cell">{w.ticketNumber ? `${w.ticketNumber} ${w.ticketState === 'serving' ? m.serving : m.called}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div>
          {state.helpRequests.length > 0 && (
            <section class="panel help-panel">
              <h2>{m.helpRequests}</h2>
              <ul class="ticket-list">
                {state.helpRequests.map((r) => (
                  <li key={r.id}>
                    <span class="help-where">{messages.help.at(r.deviceName, time(r.at))}</span>
                    <span class="list-meta">{r.note || messages.help.noNote}</span>
                    <button type="button" class="action small" disabled={busy} onClick={() => onResolveHelp(r.id)}>
                      {messages.actions.resolve}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="panel">
            <h2>{m.queuesTitle}</h2>
            <table class="admin-table">
              <thead>
                <tr>
                  <th>{messages.queue.category}</th>
                  <th class="num">{messages.queue.waiting}</th>
                  <th class="num">{messages.queue.longest}</th>
                  <th class="num">{m.openWindowsShort}</th>
                  <th class="num">{m.issued}</th>
                </tr>
              </thead>
              <tbody>
                {queues.map((q) => (
                  <tr key={q.categoryId} class={q.unserved ? 'alert' : ''}>
                    <td>
                      <span class="prefix">{q.prefix}</span> {q.name}
                    </td>
                    <td class="num">{q.waiting}</td>
                    <td class="num">{q.longestMinutes === null ? messages.queue.none : messages.queue.minutes(q.longestMinutes)}</td>
                    <td class="num">{q.unserved ? m.noWindow : q.openWindows}</td>
                    <td class="num">{q.quotaLeft === null ? q.issuedToday : m.issuedOfQuota(q.issuedToday, q.quotaLeft)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="panel">
            <h2>{m.devicesTitle}</h2>
            {trouble === null ? (
              <p class="hint">{messages.admin.loading}</p>
            ) : trouble.length === 0 ? (
              <p class="hint">{m.allDevicesOk}</p>
            ) : (
              <ul class="ticket-list device-trouble">
                {trouble.map((d) => (
                  <li key={d.deviceId}>
                    <span class="help-where">
                      {d.name}（{deviceKindName(d.kind)}）
                    </span>
                    <span class="list-meta">{d.online ? d.faults.map((f) => f.message || f.code).join('；') : m.offline}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
