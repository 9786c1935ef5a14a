// The commit thread: commits the batches the main thread's CommitQueue sends it, on its own
// connection to the hall's database, with the same durability (WAL, synchronous=FULL), and
// answers each batch once it is on disk. JavaScript, not TypeScript, so that it starts the
// same way from the sources (through tsx) and from the production bundle.
//
// Messages in:  { id, ops: [{ sql, params }] } | { close: true }
// Messages out: { id, ok: true, ms } | { id, ok: false, error: { message, code } }
//   (ms: how long the transaction took on this thread, fsync included)
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
// First: the pragmas after it wait for a lock another connection holds instead of failing.
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
// Checkpoints are the checkpoint thread's (checkpoint-worker.mjs), which keeps the WAL copied
// back while commits go on. This connection checkpoints only as a backstop, inside the commit
// that finds walCheckpointPages (db.ts: 10,000 pages, about 40 MB, the WAL's allocation) not
// yet copied: if that thread falls behind a burst or is gone.
db.pragma(`wal_autocheckpoint = ${workerData.checkpointPages}`);

const statements = new Map();
function run(op) {
  let statement = statements.get(op.sql);
  if (!statement) statements.set(op.sql, (statement = db.prepare(op.sql)));
  if (Array.isArray(op.params)) statement.run(...op.params);
  else statement.run(op.params);
}
const commit = db.transaction((ops) => {
  for (const op of ops) run(op);
});

parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const start = performance.now();
    commit(message.ops);
    parentPort.postMessage({ id: message.id, ok: true, ms: performance.now() - start });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
