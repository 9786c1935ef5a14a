// LED number displays above the windows, end to end: the real hall server, a real device
// agent joined to its /agent namespace with an `ledBus` on a real serial line (a socat
// pseudo-terminal pair), and three simulated LED-485 displays (Modbus RTU units 1–3 above
// windows 1–3) on the far end. Clerks call, recall, pause and finish at the desk; the displays
// follow, and a display that stops answering becomes a device fault in the hall server while
// the others keep working.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { IssuedTicket } from '@hall/common/api';
import { startAgent, type RunningAgent } from '@hall/device-drivers/agent/agent';
import { parseAgentConfig } from '@hall/device-drivers/agent/config';
import { LedBusSimulator } from '@hall/device-drivers/led/simulator';
import { SerialTransport } from '@hall/device-drivers/transport/serial';
import { CLERK, startHall, type TestClient, type TestHall } from '@hall/server/testing';

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let hall: TestHall;
let agent: RunningAgent;
let sim: LedBusSimulator;
let device: SerialTransport;
let socat: ChildProcess;
let dir: string;
const clerks: TestClient[] = [];

beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  dir = mkdtempSync(join(tmpdir(), 'hall-led-'));
  const [a, b] = [join(dir, 'agent'), join(dir, 'displays')];
  socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  await until(() => existsSync(a) && existsSync(b), 'socat pseudo-terminals', 5000);
  device = new SerialTransport({ path: b, baudRate: 9600 });
  sim = new LedBusSimulator(device).addDisplay(1).addDisplay(2).addDisplay(3);
  await device.open();
  const config = parseAgentConfig({
    port: 0,
    // The demo pre-pairs loopback agents: without a token this agent is the hall's agent-w01.
    hall: { url: hall.url },
    devices: [
      {
        id: 'leds',
        kind: 'ledBus',
        uri: `serial:${a}?baud=9600`,
        displays: [1, 2, 3].map((n) => ({ unitId: n, window: n, digits: 4 })),
        // Generous for a loaded CI machine: a silent display is still found within a second.
        timeoutMs: 400,
        retries: 1,
        faultRetryMs: 300,
      },
    ],
    led: { blink: { periodMs: 200, durationMs: 800 } },
  });
  agent = await startAgent(config, { logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await agent?.close();
  sim?.stop();
  await device?.close();
  socat?.kill('SIGTERM');
  await hall?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function clerkAt(n: number): Promise<TestClient> {
  const counter = await hall.connect('/counter', { token: await hall.login(CLERK(n)) });
  await counter.ok('window:signIn', { windowId: `w0${n}` });
  clerks.push(counter);
  return counter;
}

const shows = (unit: number, text: string) => () => sim.display(unit).text === text;
/** The display shows `text` and is done blinking, with nothing left to write. */
const steady = (unit: number, text: string) => () => {
  const state = agent.hub.find('ledBus')!.leds.state(unit);
  return sim.display(unit).text === text && state.shown === text && !state.blinking;
};

describe('LED number displays above the windows', () => {
  let kiosk: TestClient;
  let calledAtTwo = '';
  const issue = async (key: string) => (await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: key, categoryId: 'business-registration' })).ticket;

  it('shows a clerk’s call on the display above that window only, blinking, then steady', async () => {
    await until(() => agent.hallLink?.state === 'connected', 'the agent to join the hall');
    // The first snapshot has every window closed: each display is written blank.
    await until(() => [1, 2, 3].every((u) => sim.display(u).answered >= 1), 'the displays to be set from the snapshot');
    kiosk = await hall.connect('/kiosk');
    const first = await issue('led-call-1');
    const second = await issue('led-call-2');

    const one = await clerkAt(1);
    const two = await clerkAt(2);
    const three = await clerkAt(3);
    await three.ok('window:pause', { windowId: 'w03', reason: '午休' });
    await until(shows(3, '----'), 'dashes above the paused window 3');

    await two.ok('ticket:callNext', { windowId: 'w02' });
    calledAtTwo = first.number;
    await until(shows(2, first.number), `${first.number} above window 2`);
    await until(steady(2, first.number), 'the blink above window 2 to end lit');
    const twoBefore = sim.display(2);

    await one.ok('ticket:callNext', { windowId: 'w01' });
    await until(shows(1, second.number), `${second.number} above window 1`);
    // It blinks: dark phases, and it ends lit.
    await until(() => sim.display(1).history.slice(sim.display(1).history.indexOf(second.number)).includes('    '), 'a blink above window 1');
    await until(steady(1, second.number), 'the blink above window 1 to end lit');
    // The others keep theirs: not even written to.
    expect(sim.display(2).text).toBe(first.number);
    expect(sim.display(2).history).toEqual(twoBefore.history);
    expect(sim.display(3).text).toBe('----');

    // A recall blinks again; finishing leaves the window idle (blank).
    const darkBefore = sim.display(1).history.filter((t) => t === '    ').length;
    await one.ok('ticket:recall', { windowId: 'w01' });
    await until(() => sim.display(1).history.filter((t) => t === '    ').length > darkBefore, 'the recall to blink');
    await until(steady(1, second.number), 'the recall to end lit');
    await one.ok('ticket:finish', { windowId: 'w01' });
    await until(shows(1, '    '), 'window 1 idle');
    expect(sim.display(2).text).toBe(first.number);
  });

  it('reports a silent display as a device fault and keeps the others working', async () => {
    const [one, two] = clerks as [TestClient, TestClient];
    const since = one.events.at(-1)?.seq ?? 0;
    const third = await issue('led-call-3');
    sim.setSilent(2, true);
    await two.ok('ticket:finish', { windowId: 'w02' });
    const fault = await one.waitFor((e) => e.seq > since && e.type === 'device:statusChanged' && JSON.stringify(e.detail?.faults ?? []).includes('leds@2'), 8000);
    expect(fault.detail).toMatchObject({ deviceId: 'agent-w01', faults: [{ device: 'leds@2', code: 'led_no_answer', message: expect.stringContaining('2号窗口') }] });
    expect(sim.display(2).text).toBe(calledAtTwo);

    // Window 1 goes on calling while display 2 stays dark.
    await one.ok('ticket:callNext', { windowId: 'w01' });
    await until(shows(1, third.number), `${third.number} above window 1 while display 2 is silent`);

    sim.setSilent(2, false);
    await until(shows(2, '    '), 'display 2 to show its window idle once it answers');
    const cleared = await one.waitFor((e) => e.type === 'device:statusChanged' && e.seq > fault.seq && Array.isArray(e.detail?.faults) && (e.detail.faults as unknown[]).length === 0, 8000);
    expect(cleared.detail).toMatchObject({ deviceId: 'agent-w01', faults: [] });
  });
});
