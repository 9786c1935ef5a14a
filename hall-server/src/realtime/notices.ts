// Unsequenced notices (common/src/events.ts `Notices`) to one namespace: ids that tell a client
// to fetch something again, outside the hall's event sequence and its snapshots.
import type { Server } from 'socket.io';
import { namespaces, type Notices, type Role } from '@hall/common/events';

export type NoticeSender = <K extends keyof Notices>(name: K, ...payload: Parameters<Notices[K]>) => void;

export function noticesTo(io: Server, role: Role): NoticeSender {
  const space = io.of(namespaces[role]);
  return (name, ...payload) => {
    // Socket.IO encodes a broadcast before it looks for receivers: skip an empty namespace.
    if (space.sockets.size > 0) space.emit(name, ...payload);
  };
}
