import type { ConnectionProblem, ConnectionStatus } from './hall-connection.ts';
import { netMessages } from './messages.ts';

/** A clear line whenever the hall server is not reachable or turned us down. */
export function ConnectionBanner({ status, problem }: { status: ConnectionStatus; problem: ConnectionProblem | null }) {
  if (status === 'online') return null;
  const text = problem?.message ?? (status === 'offline' ? netMessages.offline : netMessages.connecting);
  return (
    <div class={`connection-banner ${status}`} role="status">
      {text}
    </div>
  );
}
