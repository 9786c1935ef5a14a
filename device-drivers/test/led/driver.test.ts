// The LED driver (modbus-serial over our serial transport) against the simulated displays on
// the other end of a real socat pseudo-terminal pair.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRequest } from '../../src/led/codec-rtu.ts';
import { LedBus, LedError } from '../../src/led/driver.ts';
import { LedBusSimulator } from '../../src/led/simulator.ts';
import { SerialTransport } from '../../src/transport/serial.ts';
import { createPtyPair, socatBackoff, type PtyPair } from '../helpers/socat.ts';
import { waitUntil } from '../helpers/wait.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ').toUpperCase();

let pty: PtyPair;
let host: SerialTransport;
let device: SerialTransport;
let sim: LedBusSimulator;
let bus: LedBus;
let onLine: Buffer[];

beforeEach(async () => {
  pty = await createPtyPair();
  host = new SerialTransport({ path: pty.a, baudRate: 9600, backoff: socatBackoff });
  device = new SerialTransport({ path: pty.b, baudRate: 9600, backoff: socatBackoff });
  sim = new LedBusSimulator(device).addDisplay(1).addDisplay(2).addDisplay(3, 6);
  onLine = [];
  device.on('data', (chunk) => onLine.push(chunk));
  await Promise.all([host.open(), device.open()]);
  bus = new LedBus({ transport: host, timeoutMs: 150, retries: 2 });
});

afterEach(async () => {
  bus.close();
  sim.stop();
  await host.close();
  await device.close();
  await pty.close();
});

describe('LED driver over a pseudo-terminal', () => {
  it('shows text with function 16 from register 0x80, exactly the bytes of the register map', async () => {
    await bus.showText(2, 'A012', 4);
    expect(sim.display(2).text).toBe('A012');
    expect(sim.display(1).text).toBe('    ');
    // modbus-serial built the frame; our own encoder (CRC checked against the specification) agrees.
    expect(hex(Buffer.concat(onLine))).toBe(hex(encodeRequest({ unit: 2, fc: 0x10, address: 0x80, values: [0x773f, 0x065b] })));
    await bus.showText(3, 'bz-7', 6);
    expect(sim.display(3).text).toBe('  BZ-7');
  });

  it('shows a signed number through register 0x00, and clears', async () => {
    await bus.showNumber(1, -42);
    expect(sim.display(1).text).toBe(' -42');
    await bus.clear(1, 4);
    expect(sim.display(1).text).toBe('    ');
    await bus.setDecimalPoint(1, 2);
    expect(sim.display(1).decimalPoint).toBe(2);
  });

  it('blinks: text and blank alternate, and the text stays when it is over', async () => {
    await bus.blink(1, 'B7', 4, { periodMs: 120, durationMs: 600 });
    const history = sim.display(1).history;
    expect(history[0]).toBe('  B7');
    expect(history.at(-1)).toBe('  B7');
    expect(history).toContain('    ');
    // Every change is from lit to dark or back.
    history.forEach((text, i) => i > 0 && expect(text).not.toBe(history[i - 1]));
  });

  it('commissions a display: new unit id, new baud rate', async () => {
    await bus.setUnitId(1, 7);
    expect(sim.unitIds).toEqual([2, 3, 7]);
    expect(await bus.probe(1)).toBe(false);
    await bus.setBaud(7, 19200);
    expect(sim.display(7).baud).toBe(19200);
    await expect(bus.setBaud(7, 14400)).rejects.toMatchObject({ code: 'REFUSED' });
    // An id already on the line is refused by the display, and nothing moves.
    await expect(bus.setUnitId(7, 2)).rejects.toMatchObject({ code: 'REFUSED', unitId: 7 });
    expect(sim.unitIds).toEqual([2, 3, 7]);
  });

  it('finds the displays on the line', async () => {
    const seen: number[] = [];
    expect(await bus.scan([1, 2, 3, 4, 5], { timeoutMs: 200, retries: 1 }, (id) => seen.push(id))).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('retries a silent display, then fails with NO_ANSWER; the next display answers at once', async () => {
    let unanswered = 0;
    sim.on('unanswered', (unit) => unit === 2 && unanswered++);
    sim.setSilent(2, true);
    const error = await bus.showText(2, 'A1', 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedError);
    expect(error).toMatchObject({ code: 'NO_ANSWER', unitId: 2 });
    expect(unanswered).toBe(3);
    await bus.showText(1, 'A2', 4);
    expect(sim.display(1).text).toBe('  A2');
    sim.setSilent(2, false);
    await bus.showText(2, 'A3', 4);
    expect(sim.display(2).text).toBe('  A3');
  });

  it('refuses text a display cannot show without sending anything', async () => {
    await expect(bus.showText(1, '暂停', 4)).rejects.toMatchObject({ code: 'BAD_TEXT' });
    expect(onLine).toHaveLength(0);
  });

  it('fails with NOT_OPEN while the line is unplugged', async () => {
    await pty.unplug();
    // A pseudo-terminal does not always signal the hang-up to a reader; the next write does.
    await bus.showText(1, '1', 4).catch(() => undefined);
    await waitUntil(() => host.state !== 'open', 5_000, 'the line to go');
    const error = await bus.showText(1, '1', 4).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_OPEN' });
  });
});
