import { messages } from '../messages.ts';
import type { QueueRow } from './desk-view.ts';

const m = messages.queue;

export function QueueList({ rows }: { rows: QueueRow[] }) {
  return (
    <div class="panel">
      <h2>{m.title}</h2>
      <table class="queue-table">
        <thead>
          <tr>
            <th>{m.category}</th>
            <th class="num">{m.waiting}</th>
            <th class="num">{m.longest}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} class={row.waiting > 0 ? 'has-waiting' : ''}>
              <td>
                <span class="prefix">{row.prefix}</span> {row.name}
              </td>
              <td class="num">{row.waiting}</td>
              <td class="num">{row.longestMinutes === null ? m.none : m.minutes(row.longestMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
