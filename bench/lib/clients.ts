// The parent's handle on the client process (lib/client-worker.ts).
import { fileURLToPath } from 'node:url';
import { forkWorker, type Worker } from './ipc.ts';
import type { CallsRequest, CallsResult, ClosedLoopRequest, ConnectRequest, LoadResult, SignInRequest, SteadyRequest } from './client-worker.ts';

/** BENCH_CLIENT_NODE_FLAGS (e.g. --trace-gc) goes to the client process's node, for diagnosis. */
const clientNodeFlags = (): string[] => process.env.BENCH_CLIENT_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];

export class ClientProcess {
  readonly worker: Worker;
  constructor(execArgv: string[] = clientNodeFlags()) {
    this.worker = forkWorker(fileURLToPath(new URL('./client-worker.ts', import.meta.url)), { execArgv });
  }
  get pid(): number {
    return this.worker.pid;
  }
  connect(r: ConnectRequest) {
    return this.worker.call<{ connected: number; ms: number }>('connect', r, 180_000);
  }
  issueClosedLoop(r: ClosedLoopRequest) {
    return this.worker.call<LoadResult>('issueClosedLoop', r, 300_000);
  }
  issueSteady(r: SteadyRequest) {
    return this.worker.call<LoadResult>('issueSteady', r, 300_000);
  }
  signIn(r: SignInRequest) {
    return this.worker.call<{ ok: number; errors: Record<string, number> }>('signIn', r, 120_000);
  }
  calls(r: CallsRequest) {
    return this.worker.call<CallsResult>('calls', r, 300_000);
  }
  disconnect(group?: string) {
    return this.worker.call<{ closed: number; disconnects: number }>('disconnect', group ? { group } : {});
  }
  health() {
    return this.worker.call<Record<string, number>>('health');
  }
  stop() {
    return this.worker.stop();
  }
}
