// LED displays in the agent: the `ledBus` section of agent.json, the displays of a window
// driven through the device hub, and a silent display in the device list and the fault list.
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { DeviceStatus } from '@hall/common/agent';
import { startAgent, type RunningAgent } from '../../src/agent/agent.ts';
import { AgentConfigError, parseAgentConfig } from '../../src/agent/config.ts';
import { defaultLedRules } from '../../src/led/content.ts';
import { waitUntil } from '../helpers/wait.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ledBus = (extra: Record<string, unknown> = {}) => ({
  id: 'leds',
  kind: 'ledBus',
  uri: 'sim:',
  displays: [
    { unitId: 1, window: 1 },
    { unitId: 2, window: 2, digits: 6 },
    { unitId: 3, window: 2 },
  ],
  ...extra,
});

describe('agent configuration: LED displays', () => {
  it('fills in defaults for the line and the display rules', () => {
    const config = parseAgentConfig({ devices: [ledBus()] });
    expect(config.devices[0]).toMatchObject({ kind: 'ledBus', timeoutMs: 300, retries: 2, faultRetryMs: 5000, displays: [{ unitId: 1, window: 1, digits: 4 }, { digits: 6 }, { digits: 4 }] });
    expect(config.led).toEqual(defaultLedRules);
    const custom = parseAgentConfig({ led: { idle: { text: '{window}', blink: false }, blink: { periodMs: 300, durationMs: 3000 } } }).led;
    expect(custom.idle).toEqual({ text: '{window}', blink: false });
    expect(custom.call).toEqual(defaultLedRules.call);
    expect(custom.blink).toEqual({ periodMs: 300, durationMs: 3000 });
  });

  it('says what is wrong: a unit id used twice, text a display cannot show, a unit id out of range', () => {
    expect(() => parseAgentConfig({ devices: [ledBus({ displays: [{ unitId: 4, window: 1 }, { unitId: 4, window: 2 }] })] })).toThrow(/unit id 4 is used twice/);
    expect(() => parseAgentConfig({ led: { pause: { text: '暂停', blink: false } } })).toThrow(/led\.pause\.text: an LED number display shows digits/);
    expect(() => parseAgentConfig({ devices: [ledBus({ displays: [{ unitId: 0, window: 1 }] })] })).toThrow(AgentConfigError);
    expect(() => parseAgentConfig({ devices: [ledBus({ displays: [{ unitId: 1, window: 1, digits: 8 }] })] })).toThrow(/digits/);
  });
});

describe('agent with an LED line', () => {
  async function start(): Promise<RunningAgent> {
    const agent = await startAgent(parseAgentConfig({ port: 0, devices: [ledBus({ timeoutMs: 60, retries: 1, faultRetryMs: 100 })] }), { logger: pino({ level: 'silent' }), hallLink: null });
    cleanups.push(() => agent.close());
    return agent;
  }

  it('shows a window’s content on every display above it', async () => {
    const agent = await start();
    const sim = agent.hub.simulators.ledBus!;
    expect(agent.hub.list()).toEqual([{ id: 'leds', kind: 'ledBus', uri: 'sim:', state: 'ready', message: '正常' }]);
    expect(agent.hub.showOnWindowLeds(2, { text: 'A012', blink: null })).toBe(2);
    expect(agent.hub.showOnWindowLeds(9, { text: 'A013', blink: null })).toBe(0);
    await waitUntil(() => sim.display(2).text === '  A012' && sim.display(3).text === 'A012');
    expect(sim.display(1).answered).toBe(0);

    // The demo's controls: what each simulated display shows, and a display switched off.
    const base = `http://127.0.0.1:${agent.port}`;
    const shown = (await (await fetch(`${base}/sim/led/displays`)).json()) as Array<{ unitId: number; text: string }>;
    expect(shown.map((d) => [d.unitId, d.text])).toEqual([
      [1, '    '],
      [2, '  A012'],
      [3, 'A012'],
    ]);
    expect((await fetch(`${base}/sim/led/silent?unit=3&on=true`, { method: 'POST' })).status).toBe(200);
    expect(sim.display(3).silent).toBe(true);
    expect((await fetch(`${base}/sim/led/silent?unit=9`, { method: 'POST' })).status).toBe(400);
  });

  it('lists a silent display as an error of the line and as a fault, then clears it', async () => {
    const agent = await start();
    const sim = agent.hub.simulators.ledBus!;
    const statuses: DeviceStatus[] = [];
    agent.hub.on('status', (s) => statuses.push(s));
    sim.setSilent(3, true);
    agent.hub.showOnWindowLeds(2, { text: 'B7', blink: null });
    await waitUntil(() => statuses.some((s) => s.state === 'error'), 3_000, 'the error status');
    expect(agent.hub.status('leds')).toMatchObject({ state: 'error', message: expect.stringContaining('2号窗口LED屏（地址 3）') });
    expect(agent.hub.faults()).toEqual([{ device: 'leds@3', code: 'led_no_answer', message: expect.stringContaining('LED显示屏无响应') }]);
    expect(sim.display(2).text).toBe('    B7');

    // A whole line gone dark is one fault, not one per display (the hall server takes 20 at most).
    const many = await startAgent(
      parseAgentConfig({ port: 0, devices: [ledBus({ timeoutMs: 40, retries: 0, displays: Array.from({ length: 25 }, (_, i) => ({ unitId: i + 1, window: i + 1 })) })] }),
      { logger: pino({ level: 'silent' }), hallLink: null },
    );
    cleanups.push(() => many.close());
    for (let u = 1; u <= 25; u++) {
      many.hub.simulators.ledBus!.setSilent(u, true);
      many.hub.showOnWindowLeds(u, { text: '1', blink: null });
    }
    await waitUntil(() => many.hub.find('ledBus')!.leds.faults().length === 25, 5_000, '25 silent displays');
    expect(many.hub.faults()).toEqual([{ device: 'leds', code: 'led_no_answer', message: expect.stringMatching(/^25块LED屏无响应（1、2、3、4、5、6、7、8…号窗口）/) }]);

    sim.setSilent(3, false);
    await waitUntil(() => agent.hub.faults().length === 0, 3_000, 'the fault to clear');
    expect(agent.hub.status('leds')).toMatchObject({ state: 'ready' });
    expect(sim.display(3).text).toBe('  B7');
  });
});
