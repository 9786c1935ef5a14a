// Request/response over the IPC channel of child_process.fork: the parent calls a named
// handler in the child and awaits its result. Used for the client process (Socket.IO
// clients) and the raw SQLite reference, so that neither shares a process with the server.
import { fork, type ChildProcess } from 'node:child_process';
import { track, waitExit } from './procs.ts';

interface CallMessage {
  id: number;
  type: string;
  payload: unknown;
}
interface ReplyMessage {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface Worker {
  readonly pid: number;
  readonly child: ChildProcess;
  call<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a TypeScript module (through tsx) that calls `serveWorker`. */
export function forkWorker(modulePath: string, options: { execArgv?: string[] } = {}): Worker {
  const child = track(
    fork(modulePath, [], {
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const failAll = (reason: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      pending.delete(id);
    }
  };
  child.on('message', (raw) => {
    const m = raw as ReplyMessage;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error ?? 'worker failed'));
  });
  child.on('exit', (code, signal) => failAll(`worker ${modulePath} exited (${signal ?? code})`));
  return {
    pid: child.pid!,
    child,
    call<T>(type: string, payload: unknown = {}, timeoutMs = 120_000): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`worker call ${type} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ id, type, payload } satisfies CallMessage);
      });
    },
    async stop() {
      if (child.connected) {
        try {
          child.send({ id: 0, type: 'exit', payload: {} } satisfies CallMessage);
        } catch {
          // channel closed
        }
      }
      await waitExit(child, 3000);
    },
  };
}

export type Handlers = Record<string, (payload: never) => unknown>;

/** In the child: answers the parent's calls; exits when told to or when the parent goes. */
export function serveWorker(handlers: Handlers): void {
  if (!process.send) throw new Error('serveWorker must run in a forked child');
  const send = process.send.bind(process);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (raw) => {
    const m = raw as CallMessage;
    if (m.type === 'exit') {
      const done = handlers.exit ? Promise.resolve((handlers.exit as (p: unknown) => unknown)(m.payload)) : Promise.resolve();
      void done.finally(() => process.exit(0));
      return;
    }
    const handler = handlers[m.type] as ((p: unknown) => unknown) | undefined;
    if (!handler) {
      send({ id: m.id, ok: false, error: `unknown call ${m.type}` } satisfies ReplyMessage);
      return;
    }
    Promise.resolve()
      .then(() => handler(m.payload))
      .then(
        (result) => send({ id: m.id, ok: true, result } satisfies ReplyMessage),
        (error: unknown) => send({ id: m.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ReplyMessage),
      );
  });
}
