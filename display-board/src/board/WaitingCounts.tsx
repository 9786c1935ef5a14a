import { messages } from '../messages.ts';
import type { WaitingRow } from './board-view.ts';

const m = messages.board;

export function WaitingCounts({ rows, page, pages }: { rows: WaitingRow[]; page: number; pages: number }) {
  return (
    <section class="waiting-counts">
      <h2 class="waiting-title">
        {m.waitingTitle}
        {pages > 1 && <span class="waiting-page">{m.page(page + 1, pages)}</span>}
      </h2>
      <ul class="waiting-list">
        {rows.map((row) => (
          <li key={row.categoryId} class="waiting-item">
            <span class="waiting-prefix">{row.prefix}</span>
            <span class="waiting-name">{row.name}</span>
            <span class="waiting-count">{m.waitingCount(row.waiting)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
