import { messages } from '../messages.ts';
import { formatClock } from './format-clock.ts';

interface Props {
  hallName: string | null;
  now: number;
  timeZone: string | null;
  /** The hidden setup corner sits over the hall name. */
  onCornerTap: () => void;
}

export function Header({ hallName, now, timeZone, onCornerTap }: Props) {
  const clock = timeZone ? formatClock(now, timeZone) : null;
  return (
    <header class="kiosk-header">
      {/* No visible affordance: five quick taps here open setup mode (then a PIN). */}
      <div class="setup-corner" data-testid="setup-corner" onPointerDown={onCornerTap} />
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
