// LED number display figures for `npm run bench`. What a citizen waits for between the clerk's
// call and the number lighting up above the window is the agent's own work plus the line: the
// line is computed from the bytes (9600 baud, 8N1, the displays' default), the agent's part is
// measured against the simulator. The burst figure shows what "latest content wins" saves
// when calls come faster than a 9600-baud line can write them.
import { LedBusManager } from '../src/led/bus-manager.ts';
import { textRegisters } from '../src/led/codec.ts';
import { encodeRequest, encodeResponse } from '../src/led/codec-rtu.ts';
import { LedBus } from '../src/led/driver.ts';
import { LedBusSimulator } from '../src/led/simulator.ts';
import { createLoopbackPair } from '../src/transport/loopback.ts';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  reference?: number;
  note?: string;
  target?: { op: '<=' | '>='; value: number };
}

const BAUD = 9600;
/** 8N1: ten bits per byte. */
const wireMs = (bytes: number) => (bytes * 10 * 1000) / BAUD;
/** Modbus RTU frames are separated by 3.5 characters of silence. */
const gapMs = wireMs(3.5);
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

function transactionBytes(digits: number): number {
  const request = { unit: 1, fc: 0x10, address: 0x80, values: textRegisters('A012', digits) } as const;
  return encodeRequest(request).length + encodeResponse(request).length;
}

async function line(displays: number, replyDelayMs = 0) {
  const pair = createLoopbackPair('sim:bench');
  const sim = new LedBusSimulator(pair.device, { replyDelayMs });
  for (let u = 1; u <= displays; u++) sim.addDisplay(u, 4);
  await Promise.all([pair.host.open(), pair.device.open()]);
  const bus = new LedBus({ transport: pair.host, timeoutMs: 500 });
  const manager = new LedBusManager({ bus, displays: Array.from({ length: displays }, (_, i) => ({ unitId: i + 1, digits: 4 })) });
  let writes = 0;
  pair.device.on('data', () => writes++);
  return {
    sim,
    manager,
    writes: () => writes,
    async close() {
      manager.close();
      bus.close();
      sim.stop();
      await pair.host.close();
      await pair.device.close();
    },
  };
}

/** Median time from `show()` to the display's confirmation, on an in-process line. */
async function callToConfirmedMs(runs: number): Promise<number> {
  const l = await line(1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = `A${String(i % 1000).padStart(3, '0')}`;
    const start = process.hrtime.bigint();
    const shown = new Promise<void>((resolve) => l.manager.once('shown', () => resolve()));
    l.manager.show(1, { text, blink: null });
    await shown;
    if (i >= 20) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await l.close();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** 100 calls in 100 ms spread over 10 windows, on a line that answers at 9600-baud pace. */
async function burst(): Promise<{ writes: number; settledMs: number }> {
  const transaction = wireMs(transactionBytes(4)) + 2 * gapMs;
  const l = await line(10, transaction);
  const start = Date.now();
  for (let i = 0; i < 100; i++) {
    l.manager.show((i % 10) + 1, { text: `A${String(i).padStart(3, '0')}`, blink: null });
    await new Promise((r) => setTimeout(r, 1));
  }
  await l.manager.settled();
  const settledMs = Date.now() - start;
  const ok = Array.from({ length: 10 }, (_, u) => l.sim.display(u + 1).text).every((t, u) => t === `A${String(90 + u).padStart(3, '0')}`);
  const writes = l.writes();
  await l.close();
  if (!ok) throw new Error('a display does not show its last call');
  return { writes, settledMs };
}

export async function run(): Promise<BenchRow[]> {
  const bytes4 = transactionBytes(4);
  const bytes6 = transactionBytes(6);
  const perUpdate = wireMs(bytes4) + 2 * gapMs;
  const software = await callToConfirmedMs(300);
  const { writes, settledMs } = await burst();
  return [
    { name: 'bytes on the line per display update (request + answer), 4 digits', value: bytes4, unit: 'B', reference: bytes6, note: 'reference: a 6-digit display' },
    { name: 'line time per display update at 9600 baud', value: round(perUpdate), unit: 'ms', note: 'bytes at 8N1 plus two 3.5-character gaps; computed' },
    { name: 'line time to rewrite 32 displays at 9600 baud', value: round(32 * perUpdate), unit: 'ms', note: 'after the line comes back; computed' },
    { name: 'call to confirmed write, agent side (median)', value: round(software, 3), unit: 'ms', target: { op: '<=', value: 5 }, note: 'show() to the display’s answer on an in-process line: modbus-serial, framing, bus manager' },
    { name: 'call to number lit at 9600 baud', value: round(software + perUpdate), unit: 'ms', target: { op: '<=', value: 100 }, note: 'agent side measured plus line time computed' },
    { name: 'writes for 100 calls in 100 ms over 10 displays', value: writes, unit: 'writes', reference: 100, target: { op: '<=', value: 40 }, note: 'line paced at 9600 baud; reference: one write per call (a queue)' },
    { name: 'time until all 10 show their last call', value: settledMs, unit: 'ms', reference: round(100 * perUpdate), note: 'reference: writing every call in turn' },
  ];
}
