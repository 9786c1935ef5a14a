// The clerk desk's models, composed once: the staff session (sessionStorage), the /counter
// connection that exists only while someone is logged in, and the desk actions.
import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { SessionInfo } from '@hall/common/api';
import type { HallEvent } from '@hall/common/events';
import { fetchMyAccount } from './net/auth-api.ts';
import { connectCounter, type CounterConnection } from './net/hall-connection.ts';
import { clearSession, loadSession, saveSession } from './session/session-store.ts';
import { createDeskModel, type DeskModel } from './desk/desk-model.ts';
import { createClock } from './shell/clock.ts';
import { messages } from './messages.ts';
import type { Route } from './route.ts';

export interface StaffModel {
  readonly route: Route;
  readonly session: ReadonlySignal<SessionInfo | null>;
  readonly connection: ReadonlySignal<CounterConnection | null>;
  /** Why the login screen is shown again (an expired session), if it is. */
  readonly loginNotice: ReadonlySignal<string | null>;
  readonly desk: DeskModel;
  readonly now: ReadonlySignal<number>;
  /** True from a login until the desk has tried the clerk's assigned window once. */
  readonly autoSignIn: Signal<boolean>;
  loggedIn(session: SessionInfo): void;
  logout(notice?: string): void;
}

export function createStaffModel(route: Route, storage: Storage): StaffModel {
  const session = signal<SessionInfo | null>(loadSession(storage, Date.now()));
  // The console opens its own /admin connection; only the desk needs /counter.
  const wantsCounter = route.kind === 'desk';
  const autoSignIn = signal(false);
  const openCounter = () => {
    if (!wantsCounter) return null;
    const counter = connectCounter(() => session.value?.token ?? null);
    // An admin changed my account (its assigned window): take the server's record at once.
    counter.onEvent((event) => {
      if (changesAccount(event, session.value?.staff.id)) void refreshAccount();
    });
    return counter;
  };
  const connection = signal<CounterConnection | null>(session.value ? openCounter() : null);
  const loginNotice = signal<string | null>(null);
  const offset = signal(0);

  // The desk sends through whichever connection is current.
  const desk = createDeskModel({
    send: ((command: never, request: never, timeoutMs?: number) => {
      const current = connection.value;
      if (!current) return Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: messages.net.offline } });
      return current.send(command, request, timeoutMs);
    }) as CounterConnection['send'],
  });

  async function refreshAccount(): Promise<void> {
    const current = session.value;
    if (!current) return;
    const staff = await fetchMyAccount(current.token);
    if (session.value?.token !== current.token || staff === undefined) return;
    if (staff === null) return logout(messages.login.expired);
    const next = { ...current, staff };
    saveSession(storage, next);
    session.value = next;
  }

  function logout(notice?: string): void {
    autoSignIn.value = false;
    connection.value?.close();
    connection.value = null;
    clearSession(storage);
    session.value = null;
    loginNotice.value = notice ?? null;
  }

  // A session the server no longer accepts ends here, back at the login.
  effect(() => {
    const problem = connection.value?.problem.value;
    if (problem?.code === 'UNAUTHENTICATED') logout(messages.login.expired);
  });
  effect(() => {
    offset.value = connection.value?.clockOffsetMs.value ?? 0;
  });

  return {
    route,
    session,
    connection,
    loginNotice,
    desk,
    now: createClock(offset, 15_000),
    autoSignIn,
    loggedIn(next) {
      saveSession(storage, next);
      session.value = next;
      loginNotice.value = null;
      autoSignIn.value = true;
      connection.value?.close();
      connection.value = openCounter();
    },
    logout,
  };
}

/** Did an admin just change (or remove) this account? */
export function changesAccount(event: HallEvent, staffId: string | undefined): boolean {
  if (event.type !== 'config:changed' || !staffId) return false;
  const action = event.detail?.action;
  return typeof action === 'string' && action.startsWith('staff.') && event.detail?.target === staffId;
}
