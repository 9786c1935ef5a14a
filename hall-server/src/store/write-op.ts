// A write as data: the SQL and its parameters. The queue's hot path (tickets, events, window
// states, idempotency keys, audit entries) produces writes this way, so that a batch can be
// committed by the commit thread (commit-worker.mjs) with its own connection, leaving the
// main thread free while SQLite writes and fsyncs. The same op runs on the main connection
// where a batch must commit there (see CommitQueue).
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export type WriteParams = unknown[] | Record<string, unknown>;

export interface WriteOp {
  sql: string;
  params: WriteParams;
}

export function writeOp(sql: string, params: WriteParams): WriteOp {
  return { sql, params };
}

/** Runs ops on one connection, preparing each distinct statement once. */
export class OpRunner {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  run(op: WriteOp): void {
    let statement = this.statements.get(op.sql);
    if (!statement) this.statements.set(op.sql, (statement = this.db.prepare<unknown[]>(op.sql)));
    if (Array.isArray(op.params)) statement.run(...(op.params as unknown[]));
    else statement.run(op.params);
  }
}
