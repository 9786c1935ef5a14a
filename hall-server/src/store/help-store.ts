// Help requests raised at kiosks (请工作人员帮助), kept until staff resolve them.
import type { HelpRequest } from '@hall/common/api';
import type { Db } from './db.ts';

export class HelpStore {
  constructor(private readonly db: Db) {}

  open(): HelpRequest[] {
    return (this.db.prepare('SELECT json FROM help_requests WHERE resolved_at IS NULL ORDER BY at').all() as Array<{ json: string }>).map(
      (r) => JSON.parse(r.json) as HelpRequest,
    );
  }

  put(request: HelpRequest): void {
    this.db
      .prepare(
        `INSERT INTO help_requests (id, device_id, at, resolved_at, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET resolved_at = excluded.resolved_at, json = excluded.json`,
      )
      .run(request.id, request.deviceId, request.at, request.resolvedAt, JSON.stringify(request));
  }
}
