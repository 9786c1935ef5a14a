// Which device faults the hall server should show staff, from the agent's device states and
// the last print attempt. Pure; the app sends the list with `device:status` whenever it
// changes and again after every reconnect (an empty list clears earlier faults).
import type { DeviceStatus } from '@hall/common/agent';
import type { DeviceStatusReport } from '@hall/common/api';
import { messages } from '../messages.ts';

export type Fault = DeviceStatusReport['faults'][number];

export function deviceFaults(devices: readonly DeviceStatus[], agentOnline: boolean, lastPrint: Fault | null): Fault[] {
  if (!agentOnline) return [{ device: 'agent', code: 'AGENT_OFFLINE', message: messages.net.agentOfflineShort }];
  const faults: Fault[] = [];
  for (const d of devices) {
    const p = d.printer;
    const code = d.state === 'offline' ? 'DEVICE_OFFLINE' : d.state === 'error' ? (d.fault ?? 'DEVICE_ERROR') : p?.paperEnd ? 'PAPER_END' : p?.coverOpen ? 'COVER_OPEN' : null;
    if (code && d.kind !== 'windowBus') faults.push({ device: d.id, code, message: d.message ?? code });
  }
  if (lastPrint && !faults.some((f) => f.device === lastPrint.device && f.code === lastPrint.code)) faults.push(lastPrint);
  return faults.slice(0, 20);
}
