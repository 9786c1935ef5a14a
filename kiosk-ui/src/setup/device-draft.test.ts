import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@hall/common/agent';
import { baudOf, candidatesFor, isChanged, newDeviceId, pickPort, rowState, withBaud } from './device-draft.ts';

const printer = { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:' };

describe('device draft', () => {
  it('gives a new device the first free id of its kind', () => {
    expect(newDeviceId('scanner', [printer])).toBe('scanner');
    expect(newDeviceId('ticketPrinter', [printer])).toBe('ticketPrinter-2');
    expect(newDeviceId('ticketPrinter', [printer, { ...printer, id: 'ticketPrinter-2' }])).toBe('ticketPrinter-3');
  });

  it('offers only the ports a kind can use', () => {
    const ports = [
      { uri: 'serial:/dev/ttyUSB0', label: '串口 /dev/ttyUSB0', source: 'serial' as const },
      { uri: 'hid:0c2e:0b61', label: 'USB HID 0c2e:0b61', source: 'hid' as const },
    ];
    expect(candidatesFor({ kind: 'windowBus', schemes: ['serial', 'tcp', 'sim'], example: '' }, ports).map((p) => p.uri)).toEqual(['serial:/dev/ttyUSB0']);
    expect(candidatesFor({ kind: 'scanner', schemes: ['serial', 'hid', 'sim'], example: '' }, ports)).toHaveLength(2);
    expect(candidatesFor({ kind: 'a4Printer', schemes: ['cups', 'ipp', 'sim'], example: '' }, ports)).toEqual([]);
    expect(candidatesFor(undefined, ports)).toEqual([]);
  });

  it('reads and sets the baud rate of a serial address; a picked port keeps it', () => {
    expect(baudOf('serial:/dev/ttyUSB0?baud=9600')).toBe(9600);
    expect(baudOf('serial:/dev/ttyUSB0')).toBeNull();
    expect(baudOf('tcp://10.0.0.5:9100')).toBeNull();
    expect(withBaud('serial:/dev/ttyUSB0?baud=9600', 115200)).toBe('serial:/dev/ttyUSB0?baud=115200');
    expect(withBaud('serial:COM3', 9600)).toBe('serial:COM3?baud=9600');
    expect(pickPort('serial:/dev/ttyUSB0?baud=9600', 'serial:/dev/ttyUSB1')).toBe('serial:/dev/ttyUSB1?baud=9600');
    expect(pickPort('sim:', 'serial:/dev/ttyUSB1')).toBe('serial:/dev/ttyUSB1');
    expect(pickPort('serial:/dev/ttyUSB0?baud=9600', 'hid:0c2e:0b61')).toBe('hid:0c2e:0b61');
  });

  it('knows when the draft differs from what is saved', () => {
    expect(isChanged([printer], [{ ...printer }])).toBe(false);
    expect(isChanged([printer], [{ ...printer, uri: 'serial:/dev/ttyUSB0' }])).toBe(true);
    expect(isChanged([printer], [])).toBe(true);
  });

  it('shows a device’s running state only while it runs at the address in the list', () => {
    const running: DeviceStatus[] = [{ id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'sim:', state: 'error', message: '打印机缺纸' }];
    expect(rowState(printer, running)).toEqual({ state: 'error', message: '打印机缺纸' });
    expect(rowState({ ...printer, uri: 'serial:/dev/ttyUSB0' }, running)).toEqual({ state: 'pending', message: '' });
    expect(rowState({ id: 'scanner', kind: 'scanner', uri: 'sim:' }, running).state).toBe('pending');
    expect(rowState(printer, [{ ...running[0]!, state: 'ready', message: '正常' }])).toEqual({ state: 'ready', message: '' });
  });
});
