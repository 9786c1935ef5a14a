// The admin console (/staff/admin), loaded as its own chunk: the clerk desk never downloads it.
import { useEffect, useState } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { SessionInfo } from '@hall/common/api';
import { localParts, utcOffsetMinutes } from '@hall/common/time';
import { ConnectionBanner } from '@hall/ui-kit/ConnectionBanner.tsx';
import { messages } from '../messages.ts';
import { createAdminModel } from './admin-model.ts';
import { OverviewPage } from './OverviewPage.tsx';
import { ResourcePage } from './ResourcePage.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { FormsPage } from './FormsPage.tsx';
import { resources } from './resources.ts';
import { CertificatePanel } from '../desk/CertificatePanel.tsx';

const m = messages.admin;

export const adminPages = ['overview', 'settings', 'categories', 'windows', 'staff', 'devices', 'calendar', 'notices', 'service-items', 'forms', 'certificates', 'audit'] as const;
export type AdminPage = (typeof adminPages)[number];

function pageFromHash(hash: string): AdminPage {
  const name = hash.replace(/^#/, '');
  return (adminPages as readonly string[]).includes(name) ? (name as AdminPage) : 'overview';
}

export default function AdminApp({ session, now, onLogout }: { session: SessionInfo; now: number; onLogout: () => void }) {
  const [model] = useState(() => createAdminModel(session.token));
  const page = useSignal<AdminPage>(pageFromHash(location.hash));

  useEffect(() => {
    const onHash = () => (page.value = pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      model.close();
    };
  }, [model]);

  const { connection } = model;
  const problem = connection.problem.value;
  useEffect(() => {
    if (problem?.code === 'UNAUTHENTICATED') onLogout();
  }, [problem?.code]);

  const state = connection.state.value;
  const ctx = { state };
  const offsetMinutes = utcOffsetMinutes(now, state?.settings.timeZone);
  const version = model.configVersion.value;
  const current = page.value;
  const resource = current in resources ? resources[current] : undefined;

  return (
    <div class="admin">
      <header class="admin-bar">
        <h1>{m.title}</h1>
        {state && <span class="admin-hall">{state.settings.name}</span>}
        <span class="desk-user">{messages.desk.clerk(session.staff.displayName)}</span>
        <button type="button" class="plain" onClick={onLogout}>
          {messages.actions.logout}
        </button>
      </header>
      <ConnectionBanner status={connection.status.value} problem={problem} />
      <div class="admin-body">
        <nav class="admin-nav">
          {adminPages.map((p) => (
            <a key={p} href={`#${p}`} class={p === current ? 'active' : ''} aria-current={p === current ? 'page' : undefined}>
              {m.pages[p]}
            </a>
          ))}
        </nav>
        <main class="admin-main">
          {model.message.value && <p class="form-error">{model.message.value}</p>}
          {current === 'overview' &&
            (state ? <OverviewPage state={state} now={now} health={model.health.value} busy={model.busy.value} onResolveHelp={(id) => void model.resolveHelp(id)} /> : <p class="hint">{m.loading}</p>)}
          {current === 'settings' && <SettingsPage api={model.api} ctx={ctx} offsetMinutes={offsetMinutes} configVersion={version} />}
          {current === 'certificates' && <CertificatePanel today={localParts(now, state?.settings.timeZone).date} />}
          {current === 'forms' && <FormsPage token={session.token} />}
          {current === 'audit' && <AuditPage api={model.api} timeZone={state?.settings.timeZone ?? 'Asia/Shanghai'} configVersion={version} />}
          {resource && <ResourcePage resource={resource} api={model.api} ctx={ctx} offsetMinutes={offsetMinutes} configVersion={version} />}
        </main>
      </div>
    </div>
  );
}
