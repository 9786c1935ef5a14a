// The document thread's body: runs one job at a time as document-thread.ts sends them and
// answers each with its result or its error. The PDF bytes it makes are moved to the main
// thread, not copied. Built into its own bundle (dist/document-worker.mjs) by scripts/bundle.mjs.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { HallError } from '@hall/common/errors';
import { runJob, type DocumentJob, type JobReply, type JobRequest, type RemoteError } from './jobs.ts';

if (!parentPort) throw new Error('document-worker runs as a worker thread (see document-thread.ts)');
const port = parentPort;

// A PDF can wait a few milliseconds; a call at a window should not. On Linux a thread has its
// own nice value, and setpriority(0) sets this thread's alone: the scheduler then prefers the
// main thread (and every other process) when the cores are short. Elsewhere it would lower
// the whole server, so it is left as it is.
if (process.platform === 'linux') setPriority(10);

port.on('message', (request: JobRequest) => {
  void answer(request.id, request.job);
});

async function answer(id: number, job: DocumentJob): Promise<void> {
  let reply: JobReply;
  try {
    reply = { id, ok: true, value: await runJob(job) };
  } catch (error) {
    reply = { id, ok: false, error: remoteError(error) };
  }
  port.postMessage(reply, reply.ok ? movable(reply.value) : []);
}

function remoteError(error: unknown): RemoteError {
  if (error instanceof HallError) return { message: error.message, code: error.code, field: error.field, details: error.details };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

/** The result's own buffer, when the bytes are all of it (a shared pool slice is copied instead). */
function movable(value: unknown): ArrayBuffer[] {
  const bytes = value instanceof Uint8Array ? value : value && typeof value === 'object' && 'bytes' in value && value.bytes instanceof Uint8Array ? value.bytes : undefined;
  if (!bytes || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}
