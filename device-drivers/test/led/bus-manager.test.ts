// The bus manager: several displays on one line, the latest content per display wins, one
// request on the line at a time, and a silent display reported without holding up the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { LedBusManager } from '../../src/led/bus-manager.ts';
import { LedBus, type LedError } from '../../src/led/driver.ts';
import { LedBusSimulator } from '../../src/led/simulator.ts';
import { createLoopbackPair } from '../../src/transport/loopback.ts';
import { SerialTransport } from '../../src/transport/serial.ts';
import { createPtyPair, socatBackoff } from '../helpers/socat.ts';
import { waitUntil } from '../helpers/wait.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(options: { faultRetryMs?: number } = {}) {
  const pair = createLoopbackPair('sim:leds');
  const sim = new LedBusSimulator(pair.device).addDisplay(1).addDisplay(2).addDisplay(3);
  await Promise.all([pair.host.open(), pair.device.open()]);
  // Count requests on the line and check that none starts before the previous one was answered.
  let inFlight = 0;
  let overlapped = false;
  let requests = 0;
  pair.device.on('data', () => {
    requests++;
    if (inFlight > 0) overlapped = true;
    inFlight++;
  });
  const answered = () => (inFlight = 0);
  sim.on('shown', answered);
  pair.host.on('data', answered);
  sim.on('unanswered', answered);
  const bus = new LedBus({ transport: pair.host, timeoutMs: 150, retries: 1 });
  const manager = new LedBusManager({
    bus,
    displays: [1, 2, 3].map((unitId) => ({ unitId, digits: 4 })),
    retries: 1,
    faultRetryMs: options.faultRetryMs ?? 150,
  });
  cleanups.push(
    () => manager.close(),
    () => bus.close(),
    () => sim.stop(),
    () => pair.host.close(),
    () => pair.device.close(),
  );
  return { pair, sim, manager, stats: () => ({ requests, overlapped }) };
}

describe('LED bus manager', () => {
  it('writes only the latest number of a burst, and serves the other displays in turn', async () => {
    const { sim, manager, stats } = await setUp();
    for (let i = 1; i <= 20; i++) manager.show(1, { text: `A${String(i).padStart(3, '0')}`, blink: null });
    manager.show(2, { text: 'B001', blink: null });
    manager.show(3, { text: 'C001', blink: null });
    await manager.settled();
    expect(sim.display(1).text).toBe('A020');
    // Shown in the same turn: only the last one goes on the line.
    expect(sim.display(1).history).toEqual(['A020']);
    expect(sim.display(2).text).toBe('B001');
    expect(sim.display(3).text).toBe('C001');
    expect(stats().requests).toBe(3);
    expect(stats().overlapped).toBe(false);
    expect(manager.state(1)).toMatchObject({ shown: 'A020', fault: null });

    // While a write is on the line, later numbers wait; only the last of them follows it.
    manager.show(1, { text: 'A021', blink: null });
    await new Promise((r) => setImmediate(r));
    for (let i = 22; i <= 30; i++) manager.show(1, { text: `A0${i}`, blink: null });
    await manager.settled();
    expect(sim.display(1).history).toEqual(['A020', 'A021', 'A030']);
    expect(stats().overlapped).toBe(false);
  });

  it('blinks through the manager and ends lit; a new call replaces a running blink', async () => {
    const { sim, manager } = await setUp();
    manager.show(1, { text: 'A7', blink: { periodMs: 100, durationMs: 400 } });
    await waitUntil(() => sim.display(1).history.includes('    '), 3_000, 'a dark phase');
    await waitUntil(() => manager.state(1).shown === '  A7' && !manager.state(1).blinking, 3_000, 'the blink to end lit');
    await manager.settled();
    expect(sim.display(1).history.length).toBeGreaterThanOrEqual(3);
    const history = sim.display(1).history;
    expect(history.at(-1)).toBe('  A7');
    history.forEach((text, i) => i > 0 && expect([text, history[i - 1]].sort()).toEqual(['    ', '  A7']));

    manager.show(2, { text: 'B1', blink: { periodMs: 100, durationMs: 10_000 } });
    await waitUntil(() => sim.display(2).history.includes('    '), 3_000, 'display 2 to go dark');
    manager.show(2, { text: 'B2', blink: null });
    await waitUntil(() => sim.display(2).text === '  B2', 3_000, 'B2');
    // The old blink's timer is gone: nothing changes on display 2 after B2.
    await new Promise((r) => setTimeout(r, 250));
    await manager.settled();
    expect(sim.display(2).history.slice(sim.display(2).history.indexOf('  B2'))).toEqual(['  B2']);
  });

  it('reports a silent display once, keeps the others working, and notices when it answers again', async () => {
    const { sim, manager } = await setUp();
    const faults: Array<[number, LedError]> = [];
    const recovered: number[] = [];
    manager.on('fault', (unit, error) => faults.push([unit, error]));
    manager.on('recovered', (unit) => recovered.push(unit));
    sim.setSilent(2, true);

    manager.show(2, { text: 'B001', blink: null });
    manager.show(1, { text: 'A001', blink: null });
    await waitUntil(() => faults.length === 1, 3_000, 'the fault');
    expect(faults[0]![0]).toBe(2);
    expect(faults[0]![1].code).toBe('NO_ANSWER');
    expect(manager.faults().map((f) => f.unitId)).toEqual([2]);

    // The rest go on while display 2 stays silent and is tried again now and then.
    for (const n of ['A002', 'A003']) {
      manager.show(1, { text: n, blink: null });
      manager.show(3, { text: n.replace('A', 'C'), blink: null });
      await manager.settled();
    }
    expect(sim.display(1).text).toBe('A003');
    expect(sim.display(3).text).toBe('C003');
    manager.show(2, { text: 'B002', blink: null });
    await new Promise((r) => setTimeout(r, 400));
    expect(faults).toHaveLength(1);

    sim.setSilent(2, false);
    await waitUntil(() => recovered.length === 1, 3_000, 'display 2 to recover');
    expect(sim.display(2).text).toBe('B002');
    expect(manager.faults()).toEqual([]);
  });

  it('writes every display again when the line comes back', async () => {
    const { pair, sim, manager } = await setUp();
    manager.show(1, { text: 'A1', blink: null });
    manager.show(3, { text: 'C3', blink: null });
    await manager.settled();
    pair.setPlugged(false);
    manager.show(1, { text: 'A2', blink: null });
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.display(1).text).toBe('  A1');
    pair.setPlugged(true);
    await waitUntil(() => sim.display(1).text === '  A2' && sim.display(3).answered === 2, 3_000, 'the rewrite');
    expect(manager.faults()).toEqual([]);
  });
});

describe('LED bus manager over a pseudo-terminal', () => {
  it('drives three displays on one real serial line', async () => {
    const pty = await createPtyPair();
    const host = new SerialTransport({ path: pty.a, baudRate: 9600, backoff: socatBackoff });
    const device = new SerialTransport({ path: pty.b, baudRate: 9600, backoff: socatBackoff });
    const sim = new LedBusSimulator(device).addDisplay(4).addDisplay(5).addDisplay(6, 6);
    await Promise.all([host.open(), device.open()]);
    const bus = new LedBus({ transport: host, timeoutMs: 200 });
    const manager = new LedBusManager({ bus, displays: [{ unitId: 4, digits: 4 }, { unitId: 5, digits: 4 }, { unitId: 6, digits: 6 }] });
    cleanups.push(() => pty.close(), () => device.close(), () => host.close(), () => sim.stop(), () => bus.close(), () => manager.close());
    manager.show(4, { text: 'A012', blink: null });
    manager.show(5, { text: '------', blink: null });
    manager.show(6, { text: 'BA105', blink: null });
    await manager.settled();
    expect([4, 5, 6].map((u) => sim.display(u).text)).toEqual(['A012', '----', ' BA105']);
  });
});
