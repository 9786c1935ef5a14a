// A date by steppers instead of typing: year, month and day each with − and +, and 今天.
// Nothing is chosen until the first tap; the day is kept within the month.

import { messages } from '../messages.ts';

const d = messages.forms.date;

function parts(ymd: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function shiftDate(ymd: string, unit: 'year' | 'month' | 'day', by: number): string {
  let [y, m, day] = parts(ymd) ?? [2000, 1, 1];
  if (unit === 'year') y += by;
  if (unit === 'month') {
    m += by;
    if (m < 1) [y, m] = [y - 1, 12];
    if (m > 12) [y, m] = [y + 1, 1];
  }
  if (unit === 'day') {
    day += by;
    if (day < 1) day = daysIn(y, m);
    if (day > daysIn(y, m)) day = 1;
  }
  day = Math.min(day, daysIn(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function DatePicker({ value, today, onChange, testId }: { value: string; today: string; onChange: (v: string) => void; testId: string }) {
  const shown = parts(value) ? value : today;
  const [y, m, day] = parts(shown)!;
  const unitRow = (unit: 'year' | 'month' | 'day', n: number, label: string) => (
    <div class="forms-date-unit" data-unit={unit}>
      <button type="button" class="forms-step" aria-label={`${label}${d.minus}`} data-step="-" onClick={() => onChange(shiftDate(shown, unit, -1))}>
        −
      </button>
      <span class="forms-date-value">
        {n}
        {label}
      </span>
      <button type="button" class="forms-step" aria-label={`${label}${d.plus}`} data-step="+" onClick={() => onChange(shiftDate(shown, unit, 1))}>
        +
      </button>
    </div>
  );
  return (
    <div class={`forms-date ${parts(value) ? '' : 'unset'}`} data-testid={testId} data-value={value}>
      {unitRow('year', y, d.year)}
      {unitRow('month', m, d.month)}
      {unitRow('day', day, d.day)}
      <button type="button" class="secondary-button" onClick={() => onChange(today)}>
        {d.today}
      </button>
    </div>
  );
}
