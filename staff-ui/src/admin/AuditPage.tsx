import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { formatLocalIso } from '@hall/common/time';
import { messages } from '../messages.ts';
import type { AdminApi } from './admin-api.ts';

interface AuditEntry {
  id: number;
  at: number;
  actor: { kind: string; id: string };
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

const m = messages.admin.audit;

/** Who changed what, newest first: every change in the console and every out-of-order call. */
export function AuditPage({ api, timeZone, configVersion }: { api: AdminApi; timeZone: string; configVersion: number }) {
  const entries = useSignal<AuditEntry[] | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    void api.get<AuditEntry[]>('audit?limit=200').then((reply) => {
      if (reply.ok) entries.value = reply.data;
      else error.value = reply.error.message;
    });
  }, [configVersion]);
  if (error.value) return <p class="form-error">{error.value}</p>;
  if (!entries.value) return <p class="hint">{messages.admin.loading}</p>;
  return (
    <section class="panel">
      <h2>{messages.admin.pages.audit}</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th>{m.at}</th>
            <th>{m.actor}</th>
            <th>{m.action}</th>
            <th>{m.target}</th>
            <th>{m.detail}</th>
          </tr>
        </thead>
        <tbody>
          {entries.value.map((e) => (
            <tr key={e.id}>
              <td class="nowrap">{formatLocalIso(e.at, timeZone).slice(0, 19).replace('T', ' ')}</td>
              <td>{`${m.actorKind(e.actor.kind)} ${e.actor.id}`}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td class="detail">{typeof e.detail.reason === 'string' ? e.detail.reason : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
