// A stand-in for document-worker.ts that speaks its protocol, for the supervision tests in
// document-thread.test.ts: a render job's title says what to do.
//   'hang'  never answers           'throw' dies of an uncaught error
//   'exit'  ends the thread         'oom'   allocates past the heap limit
//   anything else: answers with pageCount = the number of jobs this thread has seen.
import { parentPort, threadId } from 'node:worker_threads';

let seen = 0;
parentPort.on('message', ({ id, job }) => {
  seen++;
  const title = job.spec?.meta?.title;
  if (title === 'hang') return;
  if (title === 'throw') setTimeout(() => { throw new Error('stub worker failed'); });
  else if (title === 'exit') process.exit(3);
  else if (title === 'oom') {
    const hoard = [];
    for (;;) hoard.push(new Array(1e5).fill(hoard.length));
  } else {
    const bytes = new TextEncoder().encode(`%PDF-stub ${title} thread ${threadId}`);
    parentPort.postMessage({ id, ok: true, value: { bytes, pageCount: seen, missingCharacters: [] } }, [bytes.buffer]);
  }
});
