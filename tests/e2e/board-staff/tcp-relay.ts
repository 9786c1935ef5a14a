// A TCP relay on a fixed local port in front of a hall server whose port changes: the board
// page keeps one origin while the server behind it is stopped and started again. `down()`
// drops every connection and refuses new ones, like a pulled network cable or a dead server.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Relay {
  readonly port: number;
  /** Forward to this port from now on (new connections). */
  up(targetPort: number): void;
  down(): void;
  close(): Promise<void>;
}

export async function startRelay(): Promise<Relay> {
  let target: number | null = null;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (target === null) {
      client.destroy();
      return;
    }
    const upstream = connect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  function down(): void {
    target = null;
    for (const s of open) s.destroy();
    open.clear();
  }
  return {
    port,
    up(targetPort) {
      target = targetPort;
    },
    down,
    close() {
      down();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
