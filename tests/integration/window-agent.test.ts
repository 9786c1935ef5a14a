// A window PC end to end: the real hall server, a real device agent with a simulated RS-485
// window bus connected to the server's /agent namespace, a clerk signed in at that window.
// A key pressed on the caller keypad calls the next ticket, the board hears the call, the
// keypad's display shows the number, and the evaluator's rating reaches the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { IssuedTicket } from '@hall/common/api';
import { startAgent, type RunningAgent } from '@hall/device-drivers/agent/agent';
import { parseAgentConfig } from '@hall/device-drivers/agent/config';
import { CLERK, startHall, type TestHall } from '@hall/server/testing';

let hall: TestHall;
let agent: RunningAgent;
beforeAll(async () => {
  hall = await startHall({ alwaysOpen: true });
  // The demo pre-pairs loopback agents: without a token this agent is the hall's agent-w01.
  agent = await startAgent(parseAgentConfig({ port: 0, hall: { url: hall.url, keypadAddress: 1 } }), { sim: true, logger: pino({ level: 'silent' }) });
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
});
