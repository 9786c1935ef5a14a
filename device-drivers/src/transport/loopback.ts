// Two transports joined back to back in one process: `sim:` devices put a simulator on one
// end and the driver on the other, with exactly the bytes a serial line would carry.
import { ReconnectingTransport, type Link, type LinkSink } from './reconnecting.ts';

class LoopbackEnd extends ReconnectingTransport {
  peer: LoopbackEnd | null = null;
  sink: LinkSink | null = null;
  /** While false the "cable" is pulled: opens fail and the peer sees the link lost. */
  plugged = true;

  constructor(readonly uri: string) {
    super({ initialMs: 20, maxMs: 500, factor: 2 });
  }

  protected async connect(sink: LinkSink): Promise<Link> {
    if (!this.plugged) throw new Error(`${this.uri} is unplugged`);
    this.sink = sink;
    return {
      write: async (bytes) => {
        if (!this.plugged) throw new Error(`${this.uri} is unplugged`);
        const target = this.peer?.sink;
        // Copy, and deliver on a later tick like a real line does.
        const chunk = Buffer.from(bytes);
        if (target) setImmediate(() => target.data(chunk));
      },
      close: async () => {
        if (this.sink === sink) this.sink = null;
      },
    };
  }
}

export interface LoopbackPair {
  host: ReconnectingTransport;
  device: ReconnectingTransport;
  /** Simulate pulling the cable (false) and plugging it back (true). */
  setPlugged(plugged: boolean): void;
}

export function createLoopbackPair(name = 'sim:'): LoopbackPair {
  const host = new LoopbackEnd(name);
  const device = new LoopbackEnd(`${name}#device`);
  host.peer = device;
  device.peer = host;
  return {
    host,
    device,
    setPlugged(plugged) {
      host.plugged = plugged;
      device.plugged = plugged;
      if (!plugged) {
        host.sink?.lost(new Error('unplugged'));
        device.sink?.lost(new Error('unplugged'));
      }
    },
  };
}
