// Figures read from the event log: what one clerk did today.
import type { ClerkDayStats } from '@hall/common/api';
import { ratingLevels } from '@hall/common/api';
import type { Db } from './db.ts';

export class FiguresStore {
  constructor(private readonly db: Db) {}

  clerkDay(staffId: string, hallDay: string): ClerkDayStats {
    const counts = this.db
      .prepare(
        `SELECT type, COUNT(*) AS n FROM events INDEXED BY events_actor_day
         WHERE actor_id = ? AND hall_day = ? AND type IN ('ticket:finished', 'ticket:noShow', 'ticket:transferred')
         GROUP BY type`,
      )
      .all(staffId, hallDay) as Array<{ type: string; n: number }>;
    const count = (type: string) => counts.find((c) => c.type === type)?.n ?? 0;
    const average = this.db
      .prepare(
        `SELECT AVG(t.service_minutes) AS m FROM events e INDEXED BY events_actor_day JOIN tickets t ON t.id = e.ticket_id
         WHERE e.actor_id = ? AND e.hall_day = ? AND e.type = 'ticket:finished' AND t.service_minutes IS NOT NULL`,
      )
      .get(staffId, hallDay) as { m: number | null };
    const ratingRows = this.db
      .prepare(
        `SELECT r.level, COUNT(*) AS n FROM ratings r
         JOIN events e INDEXED BY events_actor_day ON e.ticket_id = r.ticket_id
         WHERE e.actor_id = ? AND e.hall_day = ? AND e.type = 'ticket:finished'
         GROUP BY r.level`,
      )
      .all(staffId, hallDay) as Array<{ level: string; n: number }>;
    const ratings = Object.fromEntries(ratingLevels.map((l) => [l, ratingRows.find((r) => r.level === l)?.n ?? 0])) as ClerkDayStats['ratings'];
    return {
      hallDay,
      served: count('ticket:finished'),
      noShows: count('ticket:noShow'),
      transferred: count('ticket:transferred'),
      averageServiceMinutes: average.m === null ? null : Math.round(average.m * 10) / 10,
      ratings,
    };
  }
}
