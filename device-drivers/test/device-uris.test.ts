import { describe, expect, it } from 'vitest';
import { deviceConfigSchema } from '../src/agent/config.ts';
import { deviceKindChoices, deviceKinds, deviceUriProblem, editedDevicesSchema, type DeviceKind } from '../src/agent/device-uris.ts';
import { parseDeviceUri } from '../src/transport/uri.ts';

describe('device URIs in setup mode', () => {
  it('knows every kind the configuration schema knows', () => {
    // Each kind must parse as a device of the configuration: nothing listed here is invented.
    for (const kind of deviceKinds) expect(deviceConfigSchema.safeParse({ id: 'x', kind, uri: 'sim:' }).success, kind).toBe(true);
    expect(deviceKinds).toEqual(expect.arrayContaining(['ticketPrinter', 'idCardReader', 'scanner', 'a4Printer', 'windowBus', 'ledBus']));
    expect(deviceKindChoices().find((c) => c.kind === 'a4Printer')).toEqual({ kind: 'a4Printer', schemes: ['cups', 'ipp', 'sim'], example: 'cups:A4' });
  });

  const accepted: Array<[DeviceKind, string]> = [
    ['ticketPrinter', 'serial:/dev/ttyUSB0?baud=115200'],
    ['ticketPrinter', 'serial:/dev/serial/by-id/usb-FTDI_FT232R-if00-port0'],
    ['ticketPrinter', 'serial:COM3'],
    ['ticketPrinter', 'tcp://10.0.0.5:9100'],
    ['ticketPrinter', 'tcp://printer.hall.local'],
    ['ticketPrinter', 'file:./data/prints'],
    ['ticketPrinter', 'sim:'],
    ['scanner', 'hid:0c2e:0B61'],
    ['idCardReader', 'sim:?card=residentA'],
    ['a4Printer', 'cups:A4_PDF'],
    ['a4Printer', 'ipp://localhost:631/printers/A4'],
    ['windowBus', 'serial:/dev/ttyUSB2?baud=9600'],
    ['ledBus', 'tcp://192.168.1.20:502'],
  ];
  it.each(accepted)('%s accepts %s, and so does the agent', (kind, uri) => {
    expect(deviceUriProblem(kind, uri)).toBeNull();
    expect(() => parseDeviceUri(uri)).not.toThrow();
  });

  const refused: Array<[DeviceKind, string, RegExp]> = [
    ['ticketPrinter', '', /地址为空，可用：serial:、tcp:\/\/、hid:、file:、sim:/],
    ['ticketPrinter', '/dev/ttyUSB0', /不是设备地址，串口请写作 serial:\/dev\/ttyUSB0/],
    ['ticketPrinter', 'usb:0c2e', /不是设备地址，应以 serial:/],
    ['ticketPrinter', ' sim:', /前后不能有空格/],
    ['ticketPrinter', 'serial:', /串口地址缺少端口/],
    ['ticketPrinter', 'serial:ttyUSB0', /应为 \/dev\/ 下的设备路径/],
    ['ticketPrinter', 'serial:/dev/ttyUSB0?baud=fast', /波特率“fast”应为 1200 到 921600 之间的整数/],
    ['ticketPrinter', 'serial:/dev/ttyUSB0?baud=50', /波特率“50”/],
    ['ticketPrinter', 'serial:/dev/ttyUSB0?parity=even', /不认识参数“parity”/],
    ['ticketPrinter', 'tcp://:9100', /应为“tcp:\/\/主机:端口”/],
    ['ticketPrinter', 'tcp://10.0.0.5:70000', /端口“70000”应在 1 到 65535 之间/],
    ['ticketPrinter', 'cups:A4', /不能使用 cups: 地址/],
    ['scanner', 'hid:c2e:b61', /各 4 位十六进制/],
    ['scanner', 'hid:0000:0000', /不能为 0000/],
    ['scanner', 'file:/tmp/scans', /不能使用 file: 地址，可用：serial:、hid:、tcp:\/\/、sim:/],
    ['a4Printer', 'serial:/dev/ttyUSB0', /不能使用 serial: 地址，可用：cups:、ipp:\/\/、sim:/],
    ['a4Printer', 'cups:my printer', /CUPS 打印机名只能包含/],
    ['a4Printer', 'ipp://', /IPP 地址应为/],
    ['idCardReader', 'sim:?card=nobody', /模拟证件“nobody”不存在，可用：residentA/],
    ['scanner', 'sim:?card=residentA', /模拟设备不认识参数“card”/],
    ['windowBus', 'hid:0c2e:0b61', /不能使用 hid: 地址/],
  ];
  it.each(refused)('%s refuses "%s" and says why', (kind, uri, why) => {
    expect(deviceUriProblem(kind, uri)).toMatch(why);
  });

  it('a list is refused with every problem, each naming its device', () => {
    const result = editedDevicesSchema.safeParse([
      { id: 'ticketPrinter', kind: 'ticketPrinter', uri: 'serial:/dev/ttyUSB0?baud=abc' },
      { id: 'a4', kind: 'a4Printer', uri: 'cups:A4' },
      { id: 'a4', kind: 'scanner', uri: 'sim:' },
      { id: 'bad id', kind: 'idCardReader', uri: 'sim:' },
      { id: 'toaster', kind: 'toaster', uri: 'sim:' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['0.uri', '小票打印机（ticketPrinter）：波特率“abc”应为 1200 到 921600 之间的整数，常用 9600 或 115200'],
      ['2.id', '扫码器（a4）：设备编号“a4”已被另一台设备使用'],
      ['3.id', '身份证阅读器（bad id）：设备编号只能包含字母、数字、_ 和 -（1 到 40 个字符）'],
      ['4.kind', expect.stringMatching(/^设备 toaster：设备类型“toaster”未知，可用：ticketPrinter、/)],
    ]);
    expect(editedDevicesSchema.safeParse([{ id: 'p', kind: 'ticketPrinter', uri: 'sim:' }]).success).toBe(true);
  });
});
