// The checkpoint thread: copies committed WAL frames back into the database file on a
// connection of its own, so that no commit has to (SQLite otherwise runs the checkpoint inside
// the commit that crosses the threshold, and that command waits for the whole copy and its
// fsync). PASSIVE: it never blocks a writer or a reader; what it cannot copy yet (frames a
// reader still needs) waits for the next round. After a round that left the WAL fully copied,
// the next write starts the WAL from its beginning again, so it stays within its allocation.
// JavaScript, like commit-worker.mjs, so it starts the same from the sources and the bundle.
//
// Messages in:  { close: true }
// Messages out: { ms, log, checkpointed } after each round that copied something (checkpointed:
//   the frames this round copied)
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
// Its own commits never happen; its own automatic checkpoints must not either.
db.pragma('wal_autocheckpoint = 0');

let timer = null;
let closed = false;
/** Frames of the current WAL already in the database file. */
let backfilled = 0;
let lastRound = performance.now();

function round() {
  timer = null;
  if (closed) return;
  let copied = 0;
  const start = performance.now();
  const sinceLast = start - lastRound;
  lastRound = start;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // SQLite counts from the WAL's start: the frames in it (log) and how many of those are in
    // the database file now (checkpointed). Fewer copied than last time: the WAL has started over.
    // (One that started over and outgrew the old count is taken for the old one: this round's
    // copy is undercounted, which only makes the next round come later.)
    if (result.checkpointed < backfilled) backfilled = 0;
    copied = result.checkpointed - backfilled;
    backfilled = result.checkpointed;
    if (copied > 0) parentPort.postMessage({ ms: performance.now() - start, log: result.log, checkpointed: copied });
  } catch {
    // SQLITE_BUSY and the like: the next round tries again.
  }
  // While writes pour in, keep up; otherwise copy what came in now and then.
  const perSecond = (copied * 1000) / Math.max(sinceLast, 1);
  timer = setTimeout(round, perSecond >= workerData.busyFramesPerSecond ? workerData.busyMs : workerData.idleMs);
}
timer = setTimeout(round, workerData.idleMs);

parentPort.on('message', (message) => {
  if (!message.close) return;
  closed = true;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort.close();
});
