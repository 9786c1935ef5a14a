import { useSignal } from '@preact/signals';
import type { SessionInfo } from '@hall/common/api';
import { messages } from '../messages.ts';
import { login } from '../net/auth-api.ts';

const m = messages.login;

export function LoginScreen({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (session: SessionInfo) => void }) {
  const username = useSignal('');
  const password = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    busy.value = true;
    error.value = null;
    const outcome = await login(username.value.trim(), password.value);
    busy.value = false;
    if (outcome.ok) onLoggedIn(outcome.session);
    else error.value = outcome.message;
  }

  return (
    <main class="login">
      <form class="login-form" onSubmit={submit}>
        <h1>{m.title}</h1>
        {notice && <p class="notice-text">{notice}</p>}
        <label>
          {m.username}
          <input name="username" autoComplete="username" autoFocus value={username.value} onInput={(e) => (username.value = e.currentTarget.value)} />
        </label>
        <label>
          {m.password}
          <input name="password" type="password" autoComplete="current-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
        </label>
        {error.value && (
          <p class="error-text" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value || !username.value || !password.value}>
          {busy.value ? m.busy : m.submit}
        </button>
      </form>
    </main>
  );
}
