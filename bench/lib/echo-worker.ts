// The transport floor, in its own process: a bare Socket.IO server (the hall server's engine
// options) that answers `ticket:callNext` at once with a reply of about a real one's size, and
// does nothing else: no validation, no queue, no commit, no broadcast. The client process
// drives it exactly as it drives a hall's windows, so the round trip it measures is what
// sockets, two processes and this machine's scheduler cost before the server does any work.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveWorker } from './ipc.ts';

/** About the size of a call-next reply: the window's state and the called ticket. */
const reply = {
  ok: true,
  data: {
    window: { windowId: 'w-01', status: 'serving', staffId: 'clerk-01', ticketId: 't-0000000001', pausedReason: null, since: 1_796_000_000_000, streak: 0 },
    ticket: {
      id: 't-0000000001',
      number: 'A001',
      categoryId: 'c-01',
      categoryName: '商事登记',
      state: 'called',
      windowId: 'w-01',
      windowNumber: 1,
      issuedAt: 1_796_000_000_000,
      calledAt: 1_796_000_000_000,
      recalls: 0,
      priority: false,
      appointment: false,
      transfers: [],
      publicToken: 'x'.repeat(22),
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
    },
    seq: 1,
  },
};

let io: Server | undefined;

function start(): Promise<{ url: string }> {
  const http = createServer();
  io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
  io.on('connection', (socket) => {
    socket.on('ticket:callNext', (_payload: unknown, ack: unknown) => {
      if (typeof ack === 'function') ack(reply);
    });
    // The client process counts a socket as connected once it has its snapshot.
    socket.emit('hall:snapshot', {});
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` })));
}

serveWorker({
  start: () => start(),
  exit: () => new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve())),
});
