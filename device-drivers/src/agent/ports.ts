// Ports this machine has, offered in setup mode so the admin picks a printer's line instead of
// typing /dev/serial/by-id/usb-…: serial ports from serialport's list, USB HID devices from
// node-hid. Each source may be missing (serialport's list needs udevadm, which containers
// lack; node-hid may have no access): what could not be listed becomes a note, not a failure.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PortCandidate, PortList } from '@hall/common/agent';

/** The fields of serialport's PortInfo that we show. */
export interface SerialPortInfo {
  path: string;
  manufacturer?: string | undefined;
  pnpId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

/** The fields of node-hid's Device that we show. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  product?: string | undefined;
  manufacturer?: string | undefined;
  usagePage?: number | undefined;
}

export interface PortSources {
  serial: () => Promise<SerialPortInfo[]>;
  hid: () => Promise<HidDeviceInfo[]>;
  /** Where to look for serial devices when the serial list fails. */
  devDir: string;
}

export const realPortSources: PortSources = {
  serial: async () => (await import('serialport')).SerialPort.list(),
  hid: async () => (await import('node-hid')).devicesAsync(),
  devDir: '/dev',
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** USB adapters first: a PC's built-in ttyS0…ttyS31 are rarely what is wanted. */
const usbFirst = (a: PortCandidate, b: PortCandidate) => Number(/ttyS\d/.test(a.uri)) - Number(/ttyS\d/.test(b.uri)) || a.uri.localeCompare(b.uri);

/** A serial port, by its stable /dev/serial/by-id path when udev gives one (ttyUSB numbers change on replug). */
export function serialCandidate(port: SerialPortInfo): PortCandidate {
  const stable = port.pnpId ? `/dev/serial/by-id/${port.pnpId}` : null;
  const details = [port.manufacturer, port.vendorId && port.productId ? `USB ${port.vendorId}:${port.productId}` : null].filter(Boolean).join('，');
  return {
    uri: `serial:${stable ?? port.path}`,
    label: `串口 ${port.path}${details ? `（${details}）` : ''}`,
    source: 'serial',
  };
}

/** One candidate per vendor:product (a device's several interfaces show up separately). */
export function hidCandidates(devices: readonly HidDeviceInfo[]): PortCandidate[] {
  const byId = new Map<string, PortCandidate>();
  for (const d of devices) {
    const uri = `hid:${hex4(d.vendorId)}:${hex4(d.productId)}`;
    // Usage page 0x8C is a bar-code scanner in HID POS mode.
    const pos = d.usagePage === 0x8c;
    const extras = [[d.manufacturer, d.product].filter(Boolean).join(' '), pos ? '扫码器 POS 模式' : ''].filter(Boolean).join('，');
    const label = `USB HID ${uri.slice(4)}${extras ? `（${extras}）` : ''}`;
    if (!byId.has(uri) || pos) byId.set(uri, { uri, label, source: 'hid' });
  }
  return [...byId.values()];
}

/** Without udev: the USB serial adapters present in /dev, by stable path when there is one. */
async function serialFromDev(devDir: string): Promise<SerialPortInfo[]> {
  const byId = await readdir(join(devDir, 'serial', 'by-id')).catch(() => [] as string[]);
  if (byId.length) return byId.map((name) => ({ path: join(devDir, 'serial', 'by-id', name) }));
  const names = await readdir(devDir);
  return names.filter((n) => /^tty(USB|ACM)\d+$/.test(n)).map((n) => ({ path: join(devDir, n) }));
}

export async function listPortCandidates(sources: PortSources = realPortSources): Promise<PortList> {
  const notes: string[] = [];
  const serial = await sources.serial().catch((error: unknown) => {
    notes.push(`无法通过系统列出串口（${reason(error)}），以下为 ${sources.devDir} 中找到的 USB 串口`);
    return serialFromDev(sources.devDir).catch(() => []);
  });
  const hid = await sources.hid().catch((error: unknown) => {
    notes.push(`无法列出 USB HID 设备（${reason(error)}）`);
    return [] as HidDeviceInfo[];
  });
  const candidates = [...serial.map(serialCandidate).sort(usbFirst), ...hidCandidates(hid)];
  if (!candidates.length) notes.push('未找到串口或 USB HID 设备；请检查连线，或手动输入地址');
  return { candidates, notes };
}
