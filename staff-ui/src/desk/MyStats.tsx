import type { ClerkDayStats } from '@hall/common/api';
import { messages } from '../messages.ts';
import { ratingSummary } from './desk-view.ts';

const m = messages.myStats;

export function MyStats({ stats }: { stats: ClerkDayStats | null }) {
  const ratings = stats ? ratingSummary(stats.ratings) : null;
  const cells: Array<[string, string]> = [
    [m.served, stats ? String(stats.served) : '—'],
    [m.noShows, stats ? String(stats.noShows) : '—'],
    [m.transferred, stats ? String(stats.transferred) : '—'],
    [m.average, stats ? m.averageValue(stats.averageServiceMinutes) : '—'],
    [m.ratings, ratings ? m.ratingsValue(ratings.good, ratings.total) : '—'],
  ];
  return (
    <div class="panel my-stats">
      <h2>{m.title}</h2>
      <dl class="stats-grid">
        {cells.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
