import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../src/agent/config.ts';
import { backupPathOf, configuredDevices, readRawAgentConfig, saveAgentConfigFile, withDevices, writeFileAtomically } from '../src/agent/config-file.ts';
import { hidCandidates, listPortCandidates, serialCandidate } from '../src/agent/ports.ts';

let dir: string;
let path: string;
const original = {
  port: 7601,
  allowedOrigins: ['http://hall.local:8080'],
  devices: [
    { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', profile: 'generic-58', previewDir: './previews' },
    { id: 'windowBus', kind: 'windowBus', uri: 'serial:/dev/ttyUSB2?baud=9600', keypads: [1, 3], evaluators: { '2': 'five-key' } },
  ],
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hall-agent-config-'));
  path = join(dir, 'agent.json');
  writeFileSync(path, JSON.stringify(original, null, 2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('agent configuration file', () => {
  it('lists the devices as written', async () => {
    expect(configuredDevices(await readRawAgentConfig(path))).toEqual([
      { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:' },
      { id: 'windowBus', kind: 'windowBus', uri: 'serial:/dev/ttyUSB2?baud=9600' },
    ]);
  });

  it('a changed address keeps the device’s other settings; a new device starts bare; a removed one is gone; the rest of the file stays', async () => {
    const raw = await readRawAgentConfig(path);
    const next = withDevices(raw, [
      { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'serial:/dev/ttyUSB0?baud=115200' },
      { id: 'scanner', kind: 'scanner', uri: 'hid:0c2e:0b61' },
    ]);
    expect(next).toEqual({
      port: 7601,
      allowedOrigins: ['http://hall.local:8080'],
      devices: [
        { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'serial:/dev/ttyUSB0?baud=115200', profile: 'generic-58', previewDir: './previews' },
        { id: 'scanner', kind: 'scanner', uri: 'hid:0c2e:0b61' },
      ],
    });
    // The same id under another kind is another device: nothing of the old one carries over.
    expect(withDevices(raw, [{ id: 'windowBus', kind: 'ledBus', uri: 'sim:' }]).devices).toEqual([{ id: 'windowBus', kind: 'ledBus', uri: 'sim:' }]);
  });

  it('saves the new file and keeps the previous one as .bak, with the file’s permissions, leaving no temporary files', async () => {
    chmodSync(path, 0o600);
    const before = readFileSync(path, 'utf8');
    const next = withDevices(await readRawAgentConfig(path), [{ id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'tcp://10.0.0.5:9100' }]);
    await saveAgentConfigFile(path, next);
    expect(readFileSync(backupPathOf(path), 'utf8')).toBe(before);
    expect((await loadAgentConfig(path)).devices).toMatchObject([{ id: 'ticketPrinter', uri: 'tcp://10.0.0.5:9100', profile: 'generic-58' }]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['agent.json', 'agent.json.bak']);

    // A second save moves the backup on: .bak is always the file just replaced.
    const second = readFileSync(path, 'utf8');
    await saveAgentConfigFile(path, withDevices(next, []));
    expect(readFileSync(backupPathOf(path), 'utf8')).toBe(second);
    expect(JSON.parse(readFileSync(path, 'utf8')).devices).toEqual([]);
  });

  it('a write that cannot finish leaves the old file whole and no temporary file behind', async () => {
    const before = readFileSync(path, 'utf8');
    await expect(writeFileAtomically(join(dir, 'missing-dir', 'agent.json'), '{}')).rejects.toThrow(/ENOENT/);
    // A non-empty directory in the way: the temporary file is written, the rename over it fails.
    mkdirSync(join(dir, 'blocked', 'inside'), { recursive: true });
    await expect(writeFileAtomically(join(dir, 'blocked'), '{}')).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['agent.json', 'blocked']);
  });

  it('says what is wrong with a file that is not a JSON object', async () => {
    writeFileSync(path, '[1, 2');
    await expect(readRawAgentConfig(path)).rejects.toThrow(/is not valid JSON/);
    writeFileSync(path, '[]');
    await expect(readRawAgentConfig(path)).rejects.toThrow(/does not hold a JSON object/);
  });
});

describe('candidate ports', () => {
  it('names a serial port by its stable by-id path when udev gives one', () => {
    expect(serialCandidate({ path: '/dev/ttyUSB0', manufacturer: 'FTDI', pnpId: 'usb-FTDI_FT232R_A1-if00-port0', vendorId: '0403', productId: '6001' })).toEqual({
      uri: 'serial:/dev/serial/by-id/usb-FTDI_FT232R_A1-if00-port0',
      label: '串口 /dev/ttyUSB0（FTDI，USB 0403:6001）',
      source: 'serial',
    });
    expect(serialCandidate({ path: '/dev/ttyS0' })).toEqual({ uri: 'serial:/dev/ttyS0', label: '串口 /dev/ttyS0', source: 'serial' });
  });

  it('lists a HID device once, marked when it is a POS scanner', () => {
    expect(
      hidCandidates([
        { vendorId: 0x0c2e, productId: 0x0b61, manufacturer: 'Honeywell', product: 'Scanner', usagePage: 0x01 },
        { vendorId: 0x0c2e, productId: 0x0b61, manufacturer: 'Honeywell', product: 'Scanner', usagePage: 0x8c },
        { vendorId: 0x1a2b, productId: 0x0001 },
      ]),
    ).toEqual([
      { uri: 'hid:0c2e:0b61', label: 'USB HID 0c2e:0b61（Honeywell Scanner，扫码器 POS 模式）', source: 'hid' },
      { uri: 'hid:1a2b:0001', label: 'USB HID 1a2b:0001', source: 'hid' },
    ]);
  });

  it('without udev, finds USB serial adapters in /dev; a source that fails becomes a note', async () => {
    const dev = join(dir, 'dev');
    mkdirSync(dev);
    for (const name of ['ttyUSB1', 'ttyACM0', 'ttyS0', 'null']) writeFileSync(join(dev, name), '');
    const list = await listPortCandidates({
      serial: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      hid: () => Promise.reject(new Error('cannot open /dev/hidraw0')),
      devDir: dev,
    });
    expect(list.candidates.map((c) => c.uri)).toEqual([`serial:${join(dev, 'ttyACM0')}`, `serial:${join(dev, 'ttyUSB1')}`]);
    expect(list.notes).toEqual([`无法通过系统列出串口（spawn udevadm ENOENT），以下为 ${dev} 中找到的 USB 串口`, '无法列出 USB HID 设备（cannot open /dev/hidraw0）']);

    const empty = await listPortCandidates({ serial: async () => [], hid: async () => [], devDir: dev });
    expect(empty).toEqual({ candidates: [], notes: ['未找到串口或 USB HID 设备；请检查连线，或手动输入地址'] });
    const listed = await listPortCandidates({ serial: async () => [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0' }], hid: async () => [], devDir: dev });
    expect(listed.candidates.map((c) => c.uri)).toEqual(['serial:/dev/ttyUSB0', 'serial:/dev/ttyS0']);
  });
});
