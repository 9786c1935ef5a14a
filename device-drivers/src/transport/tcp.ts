// A network printer's raw port (JetDirect, usually 9100). Most network ticket printers
// answer ESC/POS status queries on the same socket.
import type { Socket} from 'node:net';
import { connect } from 'node:net';
import { ReconnectingTransport, defaultBackoff, type BackoffOptions, type Link, type LinkSink } from './reconnecting.ts';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  backoff?: BackoffOptions;
}

export class TcpTransport extends ReconnectingTransport {
  readonly uri: string;
  readonly #options: TcpTransportOptions;

  constructor(options: TcpTransportOptions) {
    super(options.backoff ?? defaultBackoff);
    this.#options = options;
    this.uri = `tcp://${options.host}:${options.port}`;
  }

  protected async connect(sink: LinkSink): Promise<Link> {
    const { host, port, connectTimeoutMs = 3_000 } = this.#options;
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = connect({ host, port });
      s.setTimeout(connectTimeoutMs, () => s.destroy(new Error(`connect to ${host}:${port} timed out`)));
      s.once('connect', () => {
        s.setTimeout(0);
        resolve(s);
      });
      s.once('error', reject);
    });
    socket.setNoDelay(true);
    let closing = false;
    socket.on('data', (chunk: Buffer) => sink.data(chunk));
    socket.on('error', () => undefined); // `close` follows and reports it
    socket.on('close', () => {
      if (!closing) sink.lost(new Error(`${host}:${port} closed the connection`));
    });
    return {
      write: (bytes) => new Promise<void>((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve()))),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          socket.end(() => resolve());
          socket.destroySoon();
        }),
    };
  }
}
