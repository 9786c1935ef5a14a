import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { ratingLevels } from '@hall/common/api';
import type { KeypadAction, RatingLevel } from '@hall/common/agent';
import { Rs485Parser, encodeRs485, fromDeviceLimits, showNumberFrame, beepFrame, type Rs485Event } from '../src/window/codec.ts';
import { evaluatorModels, evaluatorRating, keypadAction, keypadKeyData } from '../src/window/keymap.ts';
import { BusError, WindowBus } from '../src/window/bus.ts';
import { WindowBusSimulator } from '../src/window/simulator.ts';
import { ForwardingWindowScreen } from '../src/window/screen.ts';
import { createLoopbackPair } from '../src/transport/loopback.ts';
import { SerialTransport } from '../src/transport/serial.ts';
import { createMockDevice } from './helpers/mock-device.ts';
import { createPtyPair, recordStates, socatBackoff, type PtyPair } from './helpers/socat.ts';
import { waitUntil } from './helpers/wait.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ').toUpperCase();
const frames = (events: Rs485Event[]) => events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  SerialPortMock.binding.reset();
});

describe('RS-485 codec', () => {
  it('encodes the show-number and beep frames byte for byte', () => {
    // Address 0xAA, ticket 012 with 5 waiting: CS = AA + 02 + 0A + 0A + 05 + 00 + 01 + 02 = 0xC8.
    expect(hex(encodeRs485(showNumberFrame(0xaa, 'A012', 5)))).toBe('FF 68 08 08 68 AA 02 0A 0A 05 00 01 02 C8 16');
    expect(hex(encodeRs485(showNumberFrame(0x01, 'B7')))).toBe('FF 68 08 08 68 01 02 0A 0A 0A 0A 0A 07 3C 16');
    expect(hex(encodeRs485(beepFrame(0xaa)))).toBe('FF 68 02 02 68 AA 03 AD 16');
  });

  it('parses key frames split across chunks and between garbage', () => {
    const next = encodeRs485({ address: 3, command: 0x01, data: Uint8Array.of(0x0c) });
    const rate = encodeRs485({ address: 4, command: 0x11, data: Uint8Array.of(0x02) });
    const stream = Uint8Array.from([0x00, 0xff, 0x13, ...next, 0x68, 0xff, 0xff, ...rate]);
    for (const size of [1, 3, 100]) {
      const parser = new Rs485Parser(fromDeviceLimits);
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...frames(parser.push(stream.subarray(i, i + size))));
      expect(out.map((f) => [f.address, f.command, f.data[0]])).toEqual([
        [3, 0x01, 0x0c],
        [4, 0x11, 0x02],
      ]);
      expect(parser.bufferedBytes).toBeLessThan(5);
    }
  });

  it('rejects a bad checksum, mismatched or out-of-range lengths, and a wrong trailer', () => {
    const good = encodeRs485({ address: 1, command: 0x01, data: Uint8Array.of(0x0c) });
    const badSum = good.slice();
    badSum[7] = badSum[7]! ^ 1;
    const badLength = Uint8Array.from([0xff, 0x68, 0x03, 0x04, 0x68, 1, 1, 0x0c, 0x0e, 0x16]);
    const tooShort = encodeRs485({ address: 1, command: 0x03, data: new Uint8Array() });
    const badTrailer = good.slice();
    badTrailer[9] = 0x17;
    const parser = new Rs485Parser(fromDeviceLimits);
    const events = parser.push(Uint8Array.from([...badSum, ...badLength, ...tooShort, ...badTrailer, ...good]));
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.reason)).toEqual(['checksum', 'length', 'length', 'trailer']);
    expect(frames(events)).toHaveLength(1);
  });
});

describe('key tables', () => {
  it('maps keypad keys to hall actions, confirm-key combinations included', () => {
    const table: Array<[number[], KeypadAction]> = [
      [[0x0c], 'callNext'],
      [[0x0d], 'recall'],
      [[0x0b], 'askRating'],
      [[0x12], 'pause'],
      [[0x13], 'transfer'],
      [[0x06, 0x0f], 'noShow'],
      [[0x00, 0x0f], 'hold'],
      [[0x03, 0x0f], 'callBack'],
    ];
    for (const [data, action] of table) {
      expect(keypadAction(Uint8Array.from(data))).toBe(action);
      expect(Array.from(keypadKeyData(action))).toEqual(data);
    }
    expect(keypadAction(Uint8Array.of(0x09, 0x0f))).toBeNull();
    expect(keypadAction(Uint8Array.of(0x42))).toBeNull();
  });

  it('maps evaluator keys per model, covering all five levels on the five-key model', () => {
    expect(Object.values(evaluatorModels['five-key']).sort()).toEqual([...ratingLevels].sort());
    expect(evaluatorRating('five-key', 1)).toBe('very_satisfied');
    expect(evaluatorRating('four-key-reversed', 1)).toBe('very_dissatisfied');
    expect(evaluatorRating('three-key', 4)).toBeNull();
  });
});

async function busOverLoopback(options: { ackTimeoutMs?: number } = {}) {
  const pair = createLoopbackPair('sim:bus');
  const sim = new WindowBusSimulator(pair.device, { resendMs: 100 }).addKeypad(1).addKeypad(2).addEvaluator(11, 'five-key').addEvaluator(12, 'four-key-reversed');
  const bus = new WindowBus({ transport: pair.host, evaluators: { 11: 'five-key', 12: 'four-key-reversed' }, ackTimeoutMs: options.ackTimeoutMs ?? 1_000 });
  await Promise.all([pair.host.open(), pair.device.open()]);
  cleanups.push(() => sim.stop(), () => pair.host.close(), () => pair.device.close());
  return { pair, sim, bus };
}

function collect(bus: WindowBus) {
  const presses: Array<{ address: number; action: KeypadAction }> = [];
  const ratings: Array<{ address: number; rating: RatingLevel }> = [];
  bus.on('keypad', (p) => presses.push(p));
  bus.on('rating', (r) => ratings.push(r));
  return { presses, ratings };
}

describe('window bus driver (in-process simulator)', () => {
  it('shows numbers on two keypads in turn, each acknowledged by its echo', async () => {
    const { sim, bus } = await busOverLoopback();
    await Promise.all([bus.showNumber(1, 'A012', 4), bus.showNumber(2, 'B105'), bus.beep(1)]);
    expect(sim.keypad(1)).toEqual({ number: '012', waiting: '4', beeps: 1 });
    expect(sim.keypad(2)).toMatchObject({ number: '105', waiting: '' });
  });

  it('turns key presses and ratings into hall events, once each, and acknowledges them', async () => {
    const { sim, bus } = await busOverLoopback();
    const seen = collect(bus);
    let acks = 0;
    sim.on('acked', () => acks++);
    sim.press(1, 'callNext');
    await waitUntil(() => acks === 1);
    sim.press(2, 'noShow');
    await waitUntil(() => acks === 2);
    sim.rate(11, 'basically_satisfied');
    await waitUntil(() => acks === 3);
    sim.rate(12, 'very_satisfied');
    await waitUntil(() => acks === 4);
    expect(seen.presses).toEqual([
      { address: 1, action: 'callNext' },
      { address: 2, action: 'noShow' },
    ]);
    expect(seen.ratings).toEqual([
      { address: 11, rating: 'basically_satisfied' },
      { address: 12, rating: 'very_satisfied' },
    ]);
  });

  it('retries a frame that was not echoed, and fails with NO_ACK for a dead address', async () => {
    const { sim, bus } = await busOverLoopback({ ackTimeoutMs: 200 });
    sim.deafFrames = 1;
    await bus.showNumber(1, '7');
    expect(sim.keypad(1).number).toBe('7');
    const error = await bus.showNumber(99, '1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusError);
    expect((error as BusError).code).toBe('NO_ACK');
  });

  it('fails with NOT_OPEN while the bus is unplugged', async () => {
    const { pair, bus } = await busOverLoopback();
    pair.setPlugged(false);
    const error = await bus.beep(1).catch((e: unknown) => e);
    expect((error as BusError).code).toBe('NOT_OPEN');
  });
});

describe('window bus over SerialPortMock and a real pseudo-terminal', () => {
  let pty: PtyPair;
  afterEach(async () => pty?.close());

  it('works over SerialPortMock', async () => {
    const mock = createMockDevice();
    const sim = new WindowBusSimulator(mock.device).addKeypad(5);
    const transport = new SerialTransport({ path: mock.path, portFactory: mock.portFactory, baudRate: 9600 });
    cleanups.push(() => sim.stop(), () => transport.close());
    await transport.open();
    const bus = new WindowBus({ transport });
    const seen = collect(bus);
    await bus.showNumber(5, 'C321');
    expect(sim.keypad(5).number).toBe('321');
    sim.press(5, 'recall');
    await waitUntil(() => seen.presses.length === 1);
    expect(seen.presses[0]).toEqual({ address: 5, action: 'recall' });
    expect(hex(mock.recording().subarray(0, 5))).toBe('FF 68 08 08 68');
  });

  it('works over socat and after unplug and replug', async () => {
    pty = await createPtyPair();
    const backoff = socatBackoff;
    const host = new SerialTransport({ path: pty.a, baudRate: 9600, backoff });
    const hostSaw = recordStates(host);
    const device = new SerialTransport({ path: pty.b, baudRate: 9600, backoff });
    const deviceSaw = recordStates(device);
    const sim = new WindowBusSimulator(device).addKeypad(1).addEvaluator(2);
    cleanups.push(() => sim.stop(), () => host.close(), () => device.close());
    await Promise.all([host.open(), device.open()]);
    const bus = new WindowBus({ transport: host, evaluators: { 2: 'five-key' } });
    const seen = collect(bus);
    await bus.showNumber(1, 'A001');
    sim.rate(2, 'very_dissatisfied');
    await waitUntil(() => seen.ratings.length === 1, 5_000);
    expect(seen.ratings[0]).toEqual({ address: 2, rating: 'very_dissatisfied' });

    await pty.unplug();
    // A pseudo-terminal does not always signal the hang-up to a reader; the next write does.
    const whileUnplugged = await bus.showNumber(1, 'A001').catch((e: unknown) => e);
    expect(whileUnplugged).toBeInstanceOf(BusError);
    await waitUntil(() => hostSaw('reconnecting'), 5_000);
    await pty.replug();
    await waitUntil(() => deviceSaw('reconnecting') && host.state === 'open' && device.state === 'open', 5_000);
    await bus.showNumber(1, 'A002');
    expect(sim.keypad(1).number).toBe('002');
  });
});

describe('window screen', () => {
  it('forwards content to whoever renders the window-screen page', async () => {
    const shown: unknown[] = [];
    const screen = new ForwardingWindowScreen((c) => void shown.push(c));
    await screen.show({ windowName: '3号窗口', number: 'A012', text: '请A012号到3号窗口办理' });
    expect(shown).toEqual([{ windowName: '3号窗口', number: 'A012', text: '请A012号到3号窗口办理' }]);
  });
});
