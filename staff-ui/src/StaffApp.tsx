import type { StaffModel } from './app-model.ts';
import { AdminPlaceholder } from './admin/AdminPlaceholder.tsx';
import { LoginScreen } from './login/LoginScreen.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';

export function StaffApp({ model }: { model: StaffModel }) {
  if (model.route.kind === 'admin') return <AdminPlaceholder />;
  const session = model.session.value;
  const connection = model.connection.value;
  if (!session || !connection) return <LoginScreen notice={model.loginNotice.value} onLoggedIn={model.loggedIn} />;
  return <DeskScreen staff={session.staff} connection={connection} desk={model.desk} now={model.now.value} onLogout={() => model.logout()} />;
}
