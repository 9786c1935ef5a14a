// Puts a simulator on the far side of serialport's SerialPortMock: what the driver writes
// arrives as `data` on the device transport, and what the simulator writes is emitted on the
// mock port. `unplug` fails the pending read the way a vanished USB device does.
import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import { mockSerialPort, type SerialPortFactory, type SerialPortLike } from '../../src/transport/serial.ts';
import type { ModemLines, Transport, TransportEvents, TransportState } from '../../src/transport/transport.ts';

class MockDeviceEnd extends EventEmitter<TransportEvents> implements Transport {
  readonly readable = true;
  binding: MockPortBinding | null = null;
  constructor(readonly uri: string) {
    super();
  }
  get state(): TransportState {
    return this.binding?.isOpen ? 'open' : 'reconnecting';
  }
  async open(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    if (this.binding?.isOpen) this.binding.emitData(Buffer.from(bytes));
  }
  async close(): Promise<void> {}
  async setModemLines(_lines: ModemLines): Promise<boolean> {
    return false;
  }
}

export interface MockDevice {
  path: string;
  portFactory: SerialPortFactory;
  /** The simulator's end. */
  device: Transport;
  /** Everything the host has written so far. */
  recording(): Buffer;
  unplug(): void;
}

/** The parts of @serialport/binding-mock's port binding we touch. */
interface MockPortBinding {
  isOpen: boolean;
  recording: Buffer;
  emitData(data: Buffer): void;
  write(buffer: Buffer): Promise<void>;
}

let counter = 0;

export function createMockDevice(options: { createPort?: boolean } = {}): MockDevice & { createPort(): void } {
  const path = `/dev/hall-mock-${process.pid}-${counter++}`;
  const device = new MockDeviceEnd(`mock:${path}`);
  const createPort = () => SerialPortMock.binding.createPort(path, { record: true });
  if (options.createPort !== false) createPort();
  const portFactory: SerialPortFactory = (o) => {
    const port = mockSerialPort(o) as SerialPortLike & { port?: MockPortBinding; once(e: 'open', l: () => void): unknown };
    port.once('open', () => {
      const binding = port.port!;
      device.binding = binding;
      const write = binding.write.bind(binding);
      binding.write = async (buffer: Buffer) => {
        await write(buffer);
        device.emit('data', Buffer.from(buffer));
      };
      device.emit('state', 'open');
    });
    return port;
  };
  return {
    path,
    portFactory,
    device,
    createPort,
    recording: () => device.binding?.recording ?? Buffer.alloc(0),
    unplug() {
      const binding = device.binding as unknown as { pendingRead: ((err?: Error) => void) | null } | null;
      binding?.pendingRead?.(new Error('device unplugged'));
    },
  };
}
