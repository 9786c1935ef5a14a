// Commissioning as an installer does it: `hall-devices sim led` plays two displays on one end
// of a socat pair (in its own process), `hall-devices led …` runs on the other end.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { testPatternFrames, assignUnitId, showTestPattern, unitIdRange } from '../../src/led/commission.ts';
import { LedBus } from '../../src/led/driver.ts';
import { LedBusSimulator } from '../../src/led/simulator.ts';
import { createLoopbackPair } from '../../src/transport/loopback.ts';
import { createPtyPair } from '../helpers/socat.ts';
import { waitUntil } from '../helpers/wait.ts';

const bin = fileURLToPath(new URL('../../bin/hall-devices.js', import.meta.url));

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function led(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'led', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('hall-devices led (commissioning) against hall-devices sim led', () => {
  it('scans the line, moves a display to a new unit id, shows text, and reports a silent display', async () => {
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bin, 'sim', 'led', '--units', '1,4', '--path', pty.b], { stdio: 'pipe' });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    cleanups.push(async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    });
    await waitUntil(() => output.includes('type "help"'), 15_000, 'the simulator to start');

    const scan = await led(['scan', '--path', pty.a, '--to', '6', '--timeout', '200']);
    expect(scan.stdout).toContain('found 2: 1, 4');
    expect(scan.code).toBe(0);

    const taken = await led(['set-id', '--path', pty.a, '--id', '1', '--new-id', '4']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already used');

    const moved = await led(['set-id', '--path', `serial:${pty.a}?baud=9600`, '--id', '1', '--new-id', '7']);
    expect(moved.code).toBe(0);
    await waitUntil(() => output.includes('display 1 is now unit 7'), 5_000, 'the simulator to move display 1');

    const shown = await led(['show', '--path', pty.a, '--id', '7', '--text', 'A012']);
    expect(shown.code).toBe(0);
    await waitUntil(() => output.includes('display 7: [A012]'), 5_000, 'A012 on display 7');

    child.stdin.write('silent 4 on\n');
    await waitUntil(() => output.includes('display 4 is silent'), 5_000, 'display 4 to go silent');
    const silent = await led(['show', '--path', pty.a, '--id', '4', '--text', '1', '--timeout', '80']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain('LED显示屏无响应');
  });
});

describe('commissioning helpers', () => {
  it('runs the test pattern: every segment, each digit, then the unit id', async () => {
    const pair = createLoopbackPair('sim:leds');
    const sim = new LedBusSimulator(pair.device).addDisplay(12, 4);
    await Promise.all([pair.host.open(), pair.device.open()]);
    const bus = new LedBus({ transport: pair.host, timeoutMs: 200 });
    cleanups.push(() => pair.host.close(), () => pair.device.close(), () => sim.stop(), () => bus.close());
    await showTestPattern(bus, 12, 4, 0);
    const history = sim.display(12).history;
    expect(history[0]).toBe('8888');
    expect(history).toEqual(expect.arrayContaining(['0000', '5555', '9999', 'ABCD', '----', '    ']));
    expect(history.at(-1)).toBe('ID12');
    expect(testPatternFrames(123, 4).at(-1)).toBe('123');
    expect(testPatternFrames(7, 6).at(-1)).toBe('ID7');

    await assignUnitId(bus, 12, 30);
    expect(sim.unitIds).toEqual([30]);
    expect(unitIdRange(3, 5)).toEqual([3, 4, 5]);
    expect(() => unitIdRange(0, 5)).toThrow(RangeError);
  });
});
