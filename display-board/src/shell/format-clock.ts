// Time and date as the hall's wall clock shows them, whatever zone the machine is set to.
import { localParts, formatTimeOfDay } from '@hall/common/time';

const weekdayNames = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function formatClock(instant: number, timeZone: string): { time: string; date: string } {
  const p = localParts(instant, timeZone);
  const [year, month, day] = p.date.split('-').map(Number) as [number, number, number];
  return { time: formatTimeOfDay(p.minutes), date: `${year}年${month}月${day}日 ${weekdayNames[p.weekday]}` };
}
