import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { FileTransport } from '../src/transport/file.ts';
import { IppOperation, IppTag, decodeIppResponse, encodeIppRequest, ippAttribute } from '../src/a4/ipp-message.ts';
import { ReconnectingTransport, backoffDelay, type Link } from '../src/transport/reconnecting.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import { TcpTransport } from '../src/transport/tcp.ts';
import { TransportError, type TransportState } from '../src/transport/transport.ts';
import { createTransport } from '../src/transport/open.ts';
import { DeviceUriError, parseDeviceUri } from '../src/transport/uri.ts';
import { createMockDevice } from './helpers/mock-device.ts';
import { waitUntil } from './helpers/wait.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  SerialPortMock.binding.reset();
});

describe('device URIs', () => {
  it('parses every scheme of the architecture document', () => {
    expect(parseDeviceUri('serial:/dev/ttyUSB0?baud=115200')).toEqual({ scheme: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
    expect(parseDeviceUri('serial:COM3')).toEqual({ scheme: 'serial', path: 'COM3', baudRate: null });
    expect(parseDeviceUri('hid:0c2e:0b61')).toEqual({ scheme: 'hid', vendorId: 0x0c2e, productId: 0x0b61 });
    expect(parseDeviceUri('tcp://10.0.0.5:9100')).toEqual({ scheme: 'tcp', host: '10.0.0.5', port: 9100 });
    expect(parseDeviceUri('tcp://printer.local')).toEqual({ scheme: 'tcp', host: 'printer.local', port: 9100 });
    expect(parseDeviceUri('ipp://localhost:631/printers/A4')).toEqual({ scheme: 'ipp', url: 'ipp://localhost:631/printers/A4' });
    expect(parseDeviceUri('cups:A4PDF')).toEqual({ scheme: 'ipp', url: 'ipp://localhost:631/printers/A4PDF' });
    expect(parseDeviceUri('file:./data/prints')).toEqual({ scheme: 'file', dir: './data/prints' });
    expect(parseDeviceUri('sim:')).toEqual({ scheme: 'sim', options: {} });
    expect(parseDeviceUri('sim:?card=residentA')).toEqual({ scheme: 'sim', options: { card: 'residentA' } });
  });

  it('explains what is wrong with a bad URI', () => {
    expect(() => parseDeviceUri('/dev/ttyUSB0')).toThrow(DeviceUriError);
    expect(() => parseDeviceUri('hid:zz:01')).toThrow(/hexadecimal/);
    expect(() => parseDeviceUri('serial:/dev/ttyS0?baud=fast')).toThrow(/baud/);
    expect(() => parseDeviceUri('usb:1')).toThrow(/unknown scheme/);
    expect(() => createTransport(parseDeviceUri('sim:'))).toThrow(/not a byte transport/);
  });
});

describe('reconnecting transport', () => {
  it('backs off exponentially up to a ceiling', () => {
    const options = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('waits for a serial device that is not there yet, then opens it', async () => {
    const mock = createMockDevice({ createPort: false });
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory, backoff: { initialMs: 10, maxMs: 40, factor: 2 } });
    cleanups.push(() => transport.close());
    const states: TransportState[] = [];
    transport.on('state', (s) => states.push(s));
    const opened = transport.open();
    await waitUntil(() => states.filter((s) => s === 'reconnecting').length >= 1);
    expect(transport.state).toBe('reconnecting');
    await expect(transport.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportError);
    mock.createPort();
    await opened;
    expect(transport.state).toBe('open');
    await transport.write(Uint8Array.of(1, 2, 3));
    expect(mock.recording().toString('hex')).toBe('010203');
  });

  it('gives up on a write that never drains, and reconnects', async () => {
    let opened = 0;
    class StuckTransport extends ReconnectingTransport {
      readonly uri = 'test:stuck';
      protected override writeTimeoutMs(): number {
        return 30;
      }
      protected async connect(): Promise<Link> {
        opened++;
        return { write: () => new Promise<void>(() => undefined), close: async () => undefined };
      }
    }
    const transport = new StuckTransport({ initialMs: 5, maxMs: 5, factor: 1 });
    cleanups.push(() => transport.close());
    const states: TransportState[] = [];
    transport.on('state', (s) => states.push(s));
    await transport.open();
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    await waitUntil(() => opened === 2 && transport.state === 'open');
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('rejects a pending open when closed first', async () => {
    const mock = createMockDevice({ createPort: false });
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory, backoff: { initialMs: 10, maxMs: 10, factor: 1 } });
    const opened = transport.open();
    await transport.close();
    await expect(opened).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('TCP: reconnects when the printer drops the connection', async () => {
    const sockets: Socket[] = [];
    const received: Buffer[] = [];
    const server: Server = createServer((s) => {
      sockets.push(s);
      s.on('data', (d) => received.push(d));
      s.write('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const transport = new TcpTransport({ host: '127.0.0.1', port, backoff: { initialMs: 10, maxMs: 50, factor: 2 } });
    cleanups.push(() => transport.close());
    const data: string[] = [];
    transport.on('data', (d) => data.push(d.toString()));
    await transport.open();
    await transport.write(new TextEncoder().encode('job1'));
    await waitUntil(() => Buffer.concat(received).toString() === 'job1');
    sockets[0]!.destroy();
    await waitUntil(() => sockets.length === 2 && transport.state === 'open');
    await transport.write(new TextEncoder().encode('job2'));
    await waitUntil(() => Buffer.concat(received).toString() === 'job1job2');
    expect(data).toEqual(['hello', 'hello']);
  });

  it('file: writes each job to its own file and says it cannot be read from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-file-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const transport = createTransport(parseDeviceUri(`file:${dir}/out`));
    expect(transport).toBeInstanceOf(FileTransport);
    expect(transport.readable).toBe(false);
    await transport.open();
    await transport.write(Uint8Array.of(0x1b, 0x40));
    await transport.write(Uint8Array.of(0x0a));
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toHaveLength(2);
    expect(readFileSync(join(dir, 'out', files[0]!)).toString('hex')).toBe('1b40');
  });
});

describe('IPP messages', () => {
  it('encodes a Print-Job request with its attributes and document', () => {
    const bytes = encodeIppRequest({
      operation: IppOperation.printJob,
      requestId: 7,
      groups: [{ tag: IppTag.operation, attributes: [{ name: 'attributes-charset', values: [{ tag: IppTag.charset, value: 'utf-8' }] }] }],
      data: Uint8Array.of(0x25, 0x50),
    });
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).toBe(
      '0200' + '0002' + '00000007' + '01' + '47' + '0012' + Buffer.from('attributes-charset').toString('hex') + '0005' + Buffer.from('utf-8').toString('hex') + '03' + '2550',
    );
  });

  it('decodes a response with integers, enums, multiple values and text', () => {
    const response = encodeIppRequest({
      operation: 0x0000, // the status-code position: successful-ok
      requestId: 9,
      groups: [
        {
          tag: IppTag.job,
          attributes: [
            { name: 'job-id', values: [{ tag: IppTag.integer, value: 42 }] },
            { name: 'job-state', values: [{ tag: IppTag.enum, value: 9 }] },
            { name: 'job-state-reasons', values: [{ tag: IppTag.keyword, value: 'job-completed-successfully' }, { tag: IppTag.keyword, value: 'x' }] },
          ],
        },
      ],
    });
    const decoded = decodeIppResponse(response);
    expect(decoded.statusCode).toBe(0);
    expect(decoded.requestId).toBe(9);
    expect(ippAttribute(decoded, 'job-id')).toBe(42);
    expect(ippAttribute(decoded, 'job-state')).toBe(9);
    expect(decoded.groups[0]!.attributes[2]!.values.map((v) => v.value)).toEqual(['job-completed-successfully', 'x']);
  });

  it('throws on a truncated response instead of reading past the end', () => {
    expect(() => decodeIppResponse(Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 1, 0x02, 0x21, 0x00, 0x09))).toThrow(/truncated/);
  });
});
