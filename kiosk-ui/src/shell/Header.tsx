import { messages } from '../messages.ts';
import { formatClock } from './format-clock.ts';

export function Header({ hallName, now, timeZone }: { hallName: string | null; now: number; timeZone: string | null }) {
  const clock = timeZone ? formatClock(now, timeZone) : null;
  return (
    <header class="kiosk-header">
      <h1 class="hall-name">{hallName ?? messages.appTitle}</h1>
      {clock && (
        <div class="clock">
          <span class="clock-time">{clock.time}</span>
          <span class="clock-date">{clock.date}</span>
        </div>
      )}
    </header>
  );
}
