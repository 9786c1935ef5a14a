// A pair of real pseudo-terminals joined by socat, like two ends of a serial cable. `unplug`
// kills socat (both ends vanish, as when a USB adapter is pulled) and `replug` starts it again
// on the same paths.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The host (driver) end. */
  a: string;
  /** The device (simulator) end. */
  b: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function createPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-pty-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  let child: ChildProcess | null = null;

  const start = async () => {
    const proc = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    child = proc;
    await waitFor(() => existsSync(a) && existsSync(b), 5_000, 'socat pseudo-terminals');
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(a) && !existsSync(b), 5_000, 'socat to remove its links');
  };

  await start();
  return {
    a,
    b,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Backoff for transports on socat pseudo-terminals. Not faster: while socat is exiting its
 * dead PTY can still be opened, and a transport that reopens it then waits on a dead line.
 */
export const socatBackoff = { initialMs: 150, maxMs: 300, factor: 2 };

/** Whether a transport has passed through a state at any time since this was called. */
export function recordStates(transport: { on(event: 'state', listener: (state: string) => void): unknown }): (state: string) => boolean {
  const seen = new Set<string>();
  transport.on('state', (state) => seen.add(state));
  return (state) => seen.has(state);
}
