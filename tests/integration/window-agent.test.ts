// A window PC end to end: the real hall server, a real device agent with a simulated RS-485
// window bus connected to the server's /agent namespace, a clerk signed in at that window.
// A key pressed on the caller keypad calls the next ticket, the board hears the call, the
// keypad's display shows the number, and the evaluator's rating reaches the server. An A4
// printer's standing fault (out of paper while idle) reaches staff's device health list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { IssuedTicket } from '@hall/common/api';
import { startAgent, type RunningAgent } from '@hall/device-drivers/agent/agent';
import { parseAgentConfig, simulatedDevices } from '@hall/device-drivers/agent/config';
import { CLERK, startHall, type TestHall } from '@hall/server/testing';

let hall: TestHall;
let agent: RunningAgent;
beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  // The demo pre-pairs loopback agents: without a token this agent is the hall's agent-w01.
  // The simulated devices, the A4 printer's status checked often so its fault shows quickly.
  const devices = simulatedDevices().map((d) => (d.kind === 'a4Printer' ? { ...d, statusIntervalMs: 200 } : d));
  agent = await startAgent(parseAgentConfig({ port: 0, hall: { url: hall.url, keypadAddress: 1 }, devices }), { sim: true, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await agent?.close();
  await hall?.cleanup();
});

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('window agent against the hall server', () => {
  it('calls from the keypad, shows the number on it, and records the evaluator’s rating', async () => {
    const window = hall.server.hall.configData.windows.find((w) => w.id === 'w01')!;
    const kiosk = await hall.connect('/kiosk');
    const issued = await kiosk.ok<IssuedTicket>('ticket:issue', { idempotencyKey: 'window-agent-1', categoryId: window.categories.find((c) => c.weight > 0)!.categoryId });
    const board = await hall.connect('/board');
    const counter = await hall.connect('/counter', { token: await hall.login(CLERK(9)) });
    await counter.ok('window:signIn', { windowId: 'w01' });
    await until(() => agent.hallLink?.state === 'connected', 'the agent to join the hall');

    const sims = agent.hub.simulators.windowBus!;
    sims.press(1, 'callNext');
    const call = await board.waitFor((e) => e.type === 'ticket:called' && e.ticket?.id === issued.ticket.id);
    expect(call.actor).toEqual({ kind: 'device', id: 'agent-w01' });
    expect(call.windowNumber).toBe(1);
    const digits = issued.ticket.number.replace(/\D/g, '').slice(-3);
    await until(() => sims.keypad(1).number === digits, `the keypad to show ${digits}`);

    // The keypad has no finish key: the clerk finishes at the desk, then the citizen rates.
    await counter.ok('ticket:finish', { windowId: 'w01' });
    sims.rate(2, 'satisfied');
    const rating = await counter.waitFor((e) => e.type === 'rating:received');
    expect(rating.detail).toMatchObject({ windowId: 'w01', level: 'satisfied' });
  });

  it('an A4 printer out of paper while idle is a fault in staff’s device health list until paper is back', async () => {
    await until(() => agent.hallLink?.state === 'connected', 'the agent to join the hall');
    const admin = await hall.login();
    const faultsOfAgent = async () => {
      const { body } = await hall.request<Array<{ deviceId: string; faults: Array<{ device: string; code: string; message: string }> }>>('GET', '/api/admin/device-health', undefined, admin);
      return body.find((d) => d.deviceId === 'agent-w01')?.faults ?? [];
    };
    const pollUntil = async (check: (faults: Awaited<ReturnType<typeof faultsOfAgent>>) => boolean, what: string) => {
      const deadline = Date.now() + 8000;
      for (;;) {
        const faults = await faultsOfAgent();
        if (check(faults)) return faults;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(faults)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    agent.hub.simulators.a4Printer!.setFault('media-empty');
    const faults = await pollUntil((f) => f.some((x) => x.device === 'a4Printer'), 'the A4 fault at the hall server');
    expect(faults).toEqual([{ device: 'a4Printer', code: 'paper_end', message: '打印机缺纸，请联系工作人员', since: expect.any(Number) }]);

    agent.hub.simulators.a4Printer!.setFault(null);
    await pollUntil((f) => f.length === 0, 'the A4 fault to clear at the hall server');
  });
});
