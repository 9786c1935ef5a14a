import { messages } from '../messages.ts';
import { formatClock } from '../shell/format-clock.ts';

export function BoardHeader({ hallName, zone, now, timeZone, hours }: { hallName: string; zone: string; now: number; timeZone: string; hours: string }) {
  const clock = formatClock(now, timeZone);
  return (
    <header class="board-header">
      <div class="board-title">
        <h1 class="hall-name">
          {hallName}
          {zone && <span class="board-zone">{zone}</span>}
        </h1>
        <p class="board-hours">{hours ? messages.board.hours(hours) : messages.board.closedToday}</p>
      </div>
      <div class="clock">
        <span class="clock-time">{clock.time}</span>
        <span class="clock-date">{clock.date}</span>
      </div>
    </header>
  );
}
