import { messages } from '../messages.ts';
import type { AgentStatus } from '../net/agent-connection.ts';

/** The local device agent is away: printing and card reading do not work until it is back. */
export function AgentBanner({ status }: { status: AgentStatus }) {
  if (status === 'online') return null;
  return (
    <div class="connection-banner agent-banner offline" role="status" data-testid="agent-banner">
      {messages.net.agentOffline}
    </div>
  );
}
