// From a device URI to a byte transport. `sim:` and `ipp:` are not byte pipes for a driver
// to open here: the agent builds simulators and A4 printers itself.
import { FileTransport } from './file.ts';
import { HidTransport, type HidOpener } from './hid.ts';
import type { BackoffOptions } from './reconnecting.ts';
import { SerialTransport, type SerialPortFactory } from './serial.ts';
import { TcpTransport } from './tcp.ts';
import type { Transport } from './transport.ts';
import { DeviceUriError, type DeviceUri } from './uri.ts';

export interface OpenTransportOptions {
  /** Used when the URI gives no `?baud=`. */
  defaultBaudRate?: number;
  portFactory?: SerialPortFactory;
  hidOpener?: HidOpener;
  backoff?: BackoffOptions;
}

export function createTransport(uri: DeviceUri, options: OpenTransportOptions = {}): Transport {
  switch (uri.scheme) {
    case 'serial':
      return new SerialTransport({
        path: uri.path,
        baudRate: uri.baudRate ?? options.defaultBaudRate ?? 115200,
        ...(options.portFactory ? { portFactory: options.portFactory } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
      });
    case 'hid':
      return new HidTransport({
        vendorId: uri.vendorId,
        productId: uri.productId,
        ...(options.hidOpener ? { opener: options.hidOpener } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
      });
    case 'tcp':
      return new TcpTransport({ host: uri.host, port: uri.port, ...(options.backoff ? { backoff: options.backoff } : {}) });
    case 'file':
      return new FileTransport({ dir: uri.dir });
    case 'ipp':
    case 'sim':
      throw new DeviceUriError(`${uri.scheme}: is not a byte transport`);
  }
}
