import { expect, it } from 'vitest';
import type { DeviceStatus } from '@hall/common/agent';
import { deviceFaults } from './faults.ts';

const printer = (over: Partial<DeviceStatus> = {}, paperEnd = false): DeviceStatus => ({
  id: 'ticketPrinter',
  kind: 'ticketPrinter',
  uri: 'sim:',
  state: 'ready',
  printer: { offline: false, coverOpen: false, paperEnd, paperNearEnd: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false },
  ...over,
});

it('no faults when all is ready', () => expect(deviceFaults([printer()], true, null)).toEqual([]));
it('paper end from the printer status', () => expect(deviceFaults([printer({ message: '缺纸' }, true)], true, null)).toEqual([{ device: 'ticketPrinter', code: 'PAPER_END', message: '缺纸' }]));
it('a failed print counts until the next good one', () => {
  const last = { device: 'ticketPrinter', code: 'PAPER_END', message: '打印机缺纸' };
  expect(deviceFaults([printer()], true, last)).toEqual([last]);
});
it('the agent itself away', () => expect(deviceFaults([], false, null)).toEqual([{ device: 'agent', code: 'AGENT_OFFLINE', message: '本机设备服务未连接' }]));
it("a device in error says why when the agent knows (an idle A4 printer out of paper), else DEVICE_ERROR", () => {
  const a4 = (over: Partial<DeviceStatus>): DeviceStatus => ({ id: 'a4Printer', kind: 'a4Printer', uri: 'sim:', state: 'error', message: '打印机缺纸，请联系工作人员', ...over });
  expect(deviceFaults([a4({ fault: 'PAPER_END' })], true, null)).toEqual([{ device: 'a4Printer', code: 'PAPER_END', message: '打印机缺纸，请联系工作人员' }]);
  expect(deviceFaults([a4({ message: '设备异常' })], true, null)).toEqual([{ device: 'a4Printer', code: 'DEVICE_ERROR', message: '设备异常' }]);
});
