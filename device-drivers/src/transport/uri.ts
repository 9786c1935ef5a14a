// Device URIs, the one way devices are named in config files, CLI flags and the setup
// screen (../shared/docs/ARCHITECTURE.md §5).

export type DeviceUri =
  | { scheme: 'serial'; path: string; baudRate: number | null }
  | { scheme: 'hid'; vendorId: number; productId: number }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'ipp'; url: string }
  | { scheme: 'file'; dir: string }
  | { scheme: 'sim'; options: Record<string, string> };

export class DeviceUriError extends Error {
  override name = 'DeviceUriError';
}

const hexId = /^[0-9a-f]{1,4}$/i;

function query(text: string | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text ?? ''));
}

/** Parse a device URI; throws DeviceUriError with a message that says what is wrong. */
export function parseDeviceUri(uri: string): DeviceUri {
  const trimmed = uri.trim();
  const colon = trimmed.indexOf(':');
  if (colon < 1) throw new DeviceUriError(`"${uri}" is not a device URI (serial:, hid:, tcp://, ipp://, cups:, file:, sim:)`);
  const scheme = trimmed.slice(0, colon).toLowerCase();
  const rest = trimmed.slice(colon + 1);
  switch (scheme) {
    case 'serial': {
      const [path, q] = rest.split('?', 2) as [string, string | undefined];
      if (!path) throw new DeviceUriError(`"${uri}" names no serial port`);
      const baud = query(q).baud;
      if (baud !== undefined && !/^\d+$/.test(baud)) throw new DeviceUriError(`"${uri}": baud must be a number`);
      return { scheme: 'serial', path, baudRate: baud === undefined ? null : Number(baud) };
    }
    case 'hid': {
      const [vid, pid, extra] = rest.split(':');
      if (!vid || !pid || extra !== undefined || !hexId.test(vid) || !hexId.test(pid)) {
        throw new DeviceUriError(`"${uri}": expected hid:vvvv:pppp with hexadecimal vendor and product ids`);
      }
      return { scheme: 'hid', vendorId: parseInt(vid, 16), productId: parseInt(pid, 16) };
    }
    case 'tcp': {
      let url: URL;
      try {
        url = new URL(trimmed);
      } catch {
        throw new DeviceUriError(`"${uri}": expected tcp://host:port`);
      }
      if (!url.hostname) throw new DeviceUriError(`"${uri}": expected tcp://host:port`);
      return { scheme: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 9100 };
    }
    case 'ipp':
    case 'ipps': {
      try {
        new URL(trimmed);
      } catch {
        throw new DeviceUriError(`"${uri}": expected ipp://host:631/printers/NAME`);
      }
      return { scheme: 'ipp', url: trimmed };
    }
    case 'cups': {
      const name = rest.replace(/^\/\//, '');
      if (!/^[\w.-]+$/.test(name)) throw new DeviceUriError(`"${uri}": expected cups:PRINTER_NAME`);
      return { scheme: 'ipp', url: `ipp://localhost:631/printers/${name}` };
    }
    case 'file': {
      const dir = rest.replace(/^\/\/(?=\/)/, '');
      if (!dir) throw new DeviceUriError(`"${uri}" names no directory`);
      return { scheme: 'file', dir };
    }
    case 'sim':
      return { scheme: 'sim', options: query(rest.replace(/^\?/, '')) };
    default:
      throw new DeviceUriError(`"${uri}": unknown scheme "${scheme}"`);
  }
}
