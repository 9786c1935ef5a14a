// The device list as setup mode edits it before 保存并重启: pure helpers for ids, the ports a
// kind can use, and the serial baud rate inside a URI. The agent checks every address; these
// only help the admin pick one.
import type { ConfiguredDevice, DeviceKindChoice, DeviceStatus, PortCandidate } from '@hall/common/agent';

/** Baud rates offered as chips for a serial address (the agent accepts others typed in). */
export const commonBauds = [9600, 19200, 38400, 57600, 115200] as const;

/** `ticketPrinter`, then `ticketPrinter-2`, `ticketPrinter-3`…: the first id not taken. */
export function newDeviceId(kind: string, devices: readonly ConfiguredDevice[]): string {
  const taken = new Set(devices.map((d) => d.id));
  if (!taken.has(kind)) return kind;
  for (let n = 2; ; n++) if (!taken.has(`${kind}-${n}`)) return `${kind}-${n}`;
}

export const schemeOf = (uri: string): string | null => /^([a-z]+):/i.exec(uri)?.[1]?.toLowerCase() ?? null;

/** The ports found on the machine that this kind of device can be addressed by. */
export function candidatesFor(choice: DeviceKindChoice | undefined, candidates: readonly PortCandidate[]): PortCandidate[] {
  if (!choice) return [];
  return candidates.filter((c) => choice.schemes.includes(c.source));
}

/** The `?baud=` of a serial address, or null. */
export function baudOf(uri: string): number | null {
  if (schemeOf(uri) !== 'serial') return null;
  const baud = new URLSearchParams(uri.split('?')[1] ?? '').get('baud');
  return baud && /^\d+$/.test(baud) ? Number(baud) : null;
}

/** The same serial line at another baud rate. */
export function withBaud(uri: string, baud: number): string {
  return `${uri.split('?')[0]}?baud=${baud}`;
}

/** A port picked from the list keeps the baud rate already chosen for the device. */
export function pickPort(current: string, candidate: string): string {
  const baud = baudOf(current);
  return baud !== null && schemeOf(candidate) === 'serial' ? withBaud(candidate, baud) : candidate;
}

/** Whether the draft differs from what the agent has saved. */
export function isChanged(saved: readonly ConfiguredDevice[], draft: readonly ConfiguredDevice[]): boolean {
  return saved.length !== draft.length || saved.some((d, i) => d.id !== draft[i]!.id || d.kind !== draft[i]!.kind || d.uri !== draft[i]!.uri);
}

/**
 * What the row of a configured device shows: the running device's state when it runs at this
 * address, `pending` when the saved or edited address is not what runs (yet).
 */
export function rowState(device: ConfiguredDevice, running: readonly DeviceStatus[]): { state: DeviceStatus['state'] | 'pending'; message: string } {
  const now = running.find((d) => d.id === device.id);
  if (!now || now.uri !== device.uri || now.kind !== device.kind) return { state: 'pending', message: '' };
  return { state: now.state, message: now.state === 'ready' ? '' : (now.message ?? '') };
}
