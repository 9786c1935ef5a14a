// The device end of a TCP connection as a Transport, so a simulator can sit behind a
// `tcp://` URI the way a network ticket printer does.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ModemLines, Transport, TransportEvents, TransportState } from '../../src/transport/transport.ts';

export class SocketDeviceEnd extends EventEmitter<TransportEvents> implements Transport {
  readonly readable = true;
  #state: TransportState = 'open';

  constructor(
    readonly socket: Socket,
    readonly uri = 'tcp-device',
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
    socket.on('close', () => {
      this.#state = 'closed';
      this.emit('state', 'closed');
    });
    socket.on('error', () => undefined);
  }

  get state(): TransportState {
    return this.#state;
  }

  async open(): Promise<void> {}

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#state === 'open') this.socket.write(bytes);
  }

  async close(): Promise<void> {
    this.socket.destroy();
  }

  async setModemLines(_lines: ModemLines): Promise<boolean> {
    return false;
  }
}
