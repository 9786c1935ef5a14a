// Set-up shared by the scenarios: a hall database for a shape, a server process on it, a
// client process, and tidy teardown of all three whatever happens.
import { join } from 'node:path';
import { addSessions, benchSeed, boardId, clerkId, copyDb, createHallDb, kioskId, windowId, type BenchHallShape } from './hall-db.ts';
import { tempDir } from './paths.ts';
import { startServer, type ServerHandle } from './server.ts';
import { ClientProcess } from './clients.ts';
import type { Context } from './scenario.ts';
import type { RowInput } from './table.ts';

export interface Hall {
  shape: BenchHallShape;
  categories: string[];
  windows: string[];
  server: ServerHandle;
  clients: ClientProcess;
  /** Bearer token of the clerk of window i. */
  clerkTokens: string[];
  /** Bearer token of the hall's admin. */
  adminToken: string;
  dbFile: string;
  /** The hall's directory (config, data). */
  dir: string;
  /** Stops server and clients; removes the directory unless `keepFiles` (then call `remove`). */
  close(options?: { keepFiles?: boolean }): Promise<void>;
  remove(): void;
}

export interface HallOptions {
  label: string;
  shape: BenchHallShape;
  /** Start from a copy of this database (e.g. the cached history) instead of a fresh seed. */
  fromDb?: string;
  /** Clerks that get a session (window indexes 0..n-1); default all windows. */
  clerks?: number;
  /** Diagnostic: put the hall's files here instead of .tmp/bench (e.g. /dev/shm, where fsync costs nothing). */
  baseDir?: string;
}

export async function openHall(ctx: Context, options: HallOptions): Promise<Hall> {
  const dir = tempDir(options.label, options.baseDir);
  const dbFile = join(dir.path, 'data', 'hall.db');
  let server: ServerHandle | undefined;
  let clients: ClientProcess | undefined;
  try {
    const seed = benchSeed(options.shape);
    if (options.fromDb) copyDb(options.fromDb, dbFile);
    else await createHallDb(dbFile, seed);
    const clerkCount = options.clerks ?? options.shape.windows;
    const tokens = addSessions(dbFile, ['admin', ...Array.from({ length: clerkCount }, (_, i) => clerkId(i))]);
    server = await startServer({ dir: dir.path, cpuProfDir: ctx.cpuProfDir });
    clients = new ClientProcess();
    const s = server;
    const c = clients;
    return {
      shape: options.shape,
      categories: seed.categories.map((x) => x.id),
      windows: seed.windows.map((w) => w.id),
      server: s,
      clients: c,
      clerkTokens: Array.from({ length: clerkCount }, (_, i) => tokens.get(clerkId(i))!),
      adminToken: tokens.get('admin')!,
      dbFile,
      dir: dir.path,
      close: async (opts = {}) => {
        await c.stop().catch(() => undefined);
        await s.stop().catch(() => undefined);
        if (!opts.keepFiles) dir.remove();
      },
      remove: () => dir.remove(),
    };
  } catch (error) {
    await clients?.stop().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    dir.remove();
    throw error;
  }
}

/** Sockets that dropped during the run (the server missed their pings), as an error row. */
export async function droppedRow(hall: Hall, scenario: string): Promise<RowInput | undefined> {
  const health = await hall.clients.health();
  const dropped = Object.entries(health)
    .filter(([k]) => k.endsWith(':disconnects') && !k.startsWith('reason:'))
    .reduce((a, [, v]) => a + v, 0);
  if (!dropped) return undefined;
  return { scenario, name: 'sockets dropped during the run (missed pings)', value: dropped, unit: 'sockets', verdict: 'error', note: JSON.stringify(health) };
}

export const kioskAuths = (n: number, devices: number) => Array.from({ length: n }, (_, i) => ({ deviceId: kioskId(i % devices) }));
export const boardAuths = (n: number, devices: number) => Array.from({ length: n }, (_, i) => ({ deviceId: boardId(i % devices) }));
export const counterAuths = (tokens: string[]) => tokens.map((token) => ({ token }));
export { windowId };
