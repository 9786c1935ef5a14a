import type { ConnectionProblem, ConnectionStatus } from '../net/hall-connection.ts';
import { messages } from '../messages.ts';

/** A clear line at the top whenever the hall server is not reachable or turned us down. */
export function ConnectionBanner({ status, problem }: { status: ConnectionStatus; problem: ConnectionProblem | null }) {
  if (status === 'online') return null;
  const text = problem?.message ?? (status === 'offline' ? messages.net.offline : messages.net.connecting);
  return (
    <div class={`connection-banner ${status}`} role="status">
      {text}
    </div>
  );
}
