import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { SessionInfo } from '@hall/common/api';
import type { StaffModel } from './app-model.ts';
import { LoginScreen } from './login/LoginScreen.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';
import { messages } from './messages.ts';

export function StaffApp({ model }: { model: StaffModel }) {
  const session = model.session.value;
  if (model.route.kind === 'admin') {
    if (!session) return <LoginScreen notice={model.loginNotice.value} onLoggedIn={model.loggedIn} />;
    if (session.staff.role !== 'admin') return <AdminOnly onLogout={() => model.logout()} />;
    return <LazyAdmin session={session} now={model.now.value} onLogout={() => model.logout()} />;
  }
  const connection = model.connection.value;
  if (!session || !connection) return <LoginScreen notice={model.loginNotice.value} onLoggedIn={model.loggedIn} />;
  return <DeskScreen staff={session.staff} connection={connection} desk={model.desk} now={model.now.value} autoSignIn={model.autoSignIn} onLogout={() => model.logout()} />;
}

type AdminProps = { session: SessionInfo; now: number; onLogout: () => void };

/** The console is a separate chunk, fetched only when an admin opens /staff/admin. */
function LazyAdmin(props: AdminProps) {
  const [Admin, setAdmin] = useState<ComponentType<AdminProps> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./admin/AdminApp.tsx').then((module) => setAdmin(() => module.default)).catch(() => setFailed(true));
  }, []);
  if (failed) return <p class="loading">{messages.admin.loadFailed}</p>;
  if (!Admin) return <p class="loading">{messages.admin.loadingConsole}</p>;
  return <Admin {...props} />;
}

function AdminOnly({ onLogout }: { onLogout: () => void }) {
  return (
    <main class="placeholder">
      <h1>{messages.admin.title}</h1>
      <p>{messages.admin.adminOnly}</p>
      <button type="button" class="link-button" onClick={onLogout}>
        {messages.admin.switchAccount}
      </button>
      <p>
        <a href={import.meta.env.BASE_URL}>{messages.admin.back}</a>
      </p>
    </main>
  );
}
