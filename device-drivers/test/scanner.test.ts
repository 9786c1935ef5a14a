import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { HidPosAssembler, MAX_SCAN_BYTES, ScanLineAssembler, decodeScan, encodeScan, hidPosReports } from '../src/scanner/codec.ts';
import { HidPosScanner, SerialScanner } from '../src/scanner/driver.ts';
import { ScannerSimulator } from '../src/scanner/simulator.ts';
import { HidTransport, type HidDeviceLike } from '../src/transport/hid.ts';
import { createLoopbackPair } from '../src/transport/loopback.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import { createMockDevice } from './helpers/mock-device.ts';
import { createPtyPair, type PtyPair } from './helpers/socat.ts';
import { waitUntil } from './helpers/wait.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  SerialPortMock.binding.reset();
});

const payload = 'https://zwfw.example.gov.cn/证照/核验?id=测试甲';

describe('scanner codec', () => {
  it('decodes UTF-8 and GB18030 as configured, and tells them apart in auto mode', () => {
    const gb = encodeScan('营业执照', 'gb18030');
    expect(Buffer.from(gb).toString('hex')).toBe('d3aad2b5d6b4d5d5');
    expect(decodeScan(gb, 'gb18030')).toBe('营业执照');
    expect(decodeScan(gb, 'auto')).toBe('营业执照');
    expect(decodeScan(encodeScan(payload, 'utf8'), 'auto')).toBe(payload);
    expect(decodeScan(encodeScan(payload, 'utf8'), 'utf8')).toBe(payload);
  });

  it('splits lines at CR and CR LF, across chunks', () => {
    const lines = new ScanLineAssembler();
    const out = [...lines.push(new TextEncoder().encode('AB')), ...lines.push(new TextEncoder().encode('C\r\nD')), ...lines.push(Uint8Array.of(0x0d))];
    expect(out.map((l) => new TextDecoder().decode(l))).toEqual(['ABC', 'D']);
    expect(lines.bufferedBytes).toBe(0);
  });

  it('never buffers more than one maximum scan', () => {
    const lines = new ScanLineAssembler();
    lines.push(new Uint8Array(MAX_SCAN_BYTES * 3).fill(0x41));
    expect(lines.bufferedBytes).toBeLessThanOrEqual(MAX_SCAN_BYTES);
  });

  it('reassembles a long code from HID POS reports, with or without the report id byte', () => {
    const bytes = encodeScan(payload.repeat(3), 'utf8');
    for (const withId of [true, false]) {
      const reports = hidPosReports(bytes, withId);
      expect(reports.length).toBeGreaterThan(1);
      expect(reports[0]!.length).toBe(withId ? 65 : 64);
      const assembler = new HidPosAssembler(withId);
      const results = reports.map((r) => assembler.push(r));
      expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
      expect(new TextDecoder().decode(results.at(-1)!)).toBe(payload.repeat(3));
    }
  });

  it('ignores reports with another report id', () => {
    const report = hidPosReports(encodeScan('X', 'utf8'))[0]!;
    report[0] = 0x01;
    expect(new HidPosAssembler(true).push(report)).toBeNull();
  });
});

async function loopback() {
  const pair = createLoopbackPair('sim:scanner');
  await Promise.all([pair.host.open(), pair.device.open()]);
  cleanups.push(() => pair.host.close(), () => pair.device.close());
  return pair;
}

function scans(scanner: EventEmitter) {
  const texts: string[] = [];
  scanner.on('scan', (s: { text: string }) => texts.push(s.text));
  return texts;
}

describe('scanner drivers', () => {
  it('serial scanner: one scan event per line, GB18030 decoded', async () => {
    const pair = await loopback();
    const texts = scans(new SerialScanner({ transport: pair.host, encoding: 'gb18030' }));
    const sim = new ScannerSimulator(pair.device, { encoding: 'gb18030', suffix: '\r\n' });
    await sim.scan('91110000600037341L');
    await sim.scan('食品经营许可证');
    await waitUntil(() => texts.length === 2);
    expect(texts).toEqual(['91110000600037341L', '食品经营许可证']);
  });

  it('serial scanner without suffix: a scan ends after the idle time', async () => {
    const pair = await loopback();
    const texts = scans(new SerialScanner({ transport: pair.host, idleMs: 30 }));
    await new ScannerSimulator(pair.device, { suffix: '' }).scan(payload);
    await waitUntil(() => texts.length === 1);
    expect(texts).toEqual([payload]);
  });

  it('HID POS scanner: reassembles reports into one scan', async () => {
    const pair = await loopback();
    const texts = scans(new HidPosScanner({ transport: pair.host }));
    await new ScannerSimulator(pair.device, { mode: 'hid' }).scan(payload.repeat(2));
    await waitUntil(() => texts.length === 1);
    expect(texts).toEqual([payload.repeat(2)]);
  });

  it('HID transport: reads reports from node-hid and reopens after a device error', async () => {
    const devices: Array<EventEmitter & HidDeviceLike> = [];
    const opener = async () => {
      const d = Object.assign(new EventEmitter(), { write: async () => 0, close: async () => undefined });
      devices.push(d);
      return d;
    };
    const transport = new HidTransport({ vendorId: 0x0c2e, productId: 0x0b61, opener, backoff: { initialMs: 5, maxMs: 20, factor: 2 } });
    cleanups.push(() => transport.close());
    expect(transport.uri).toBe('hid:0c2e:0b61');
    const texts = scans(new HidPosScanner({ transport }));
    await transport.open();
    for (const r of hidPosReports(encodeScan('第一次', 'utf8'))) devices[0]!.emit('data', Buffer.from(r));
    devices[0]!.emit('error', new Error('could not read from HID device'));
    await waitUntil(() => devices.length === 2 && transport.state === 'open');
    for (const r of hidPosReports(encodeScan('第二次', 'utf8'))) devices[1]!.emit('data', Buffer.from(r));
    expect(texts).toEqual(['第一次', '第二次']);
  });

  it('serial scanner over SerialPortMock', async () => {
    const mock = createMockDevice();
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory, baudRate: 9600 });
    cleanups.push(() => transport.close());
    const texts = scans(new SerialScanner({ transport }));
    await transport.open();
    await new ScannerSimulator(mock.device).scan(payload);
    await waitUntil(() => texts.length === 1);
    expect(texts).toEqual([payload]);
  });

  describe('over a real pseudo-terminal', () => {
    let pty: PtyPair;
    afterEach(async () => pty?.close());

    it('reads scans through socat', async () => {
      pty = await createPtyPair();
      const host = new SerialTransport({ path: pty.a });
      const device = new SerialTransport({ path: pty.b });
      cleanups.push(() => host.close(), () => device.close());
      const texts = scans(new SerialScanner({ transport: host }));
      await Promise.all([host.open(), device.open()]);
      const sim = new ScannerSimulator(device, { encoding: 'gb18030' });
      await sim.scan('测试二维码一');
      await sim.scan('测试二维码二');
      await waitUntil(() => texts.length === 2, 5_000);
      expect(texts).toEqual(['测试二维码一', '测试二维码二']);
    });
  });
});
