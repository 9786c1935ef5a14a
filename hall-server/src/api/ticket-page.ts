// The page a citizen's phone opens from the QR on a ticket slip: the ticket's state, the
// people ahead and the estimated wait. Server-rendered, tiny, no personal data; it
// refreshes itself every 20 seconds (a live phone page arrives with its own issue).
import { HallError } from '@hall/common/errors';
import type { TicketState } from '@hall/common/domain';
import type { HallService } from '../service/hall-service.ts';
import { escapeHtml as esc, webFontFamily, webFontLinks } from './html.ts';

const stateNames: Record<TicketState, string> = {
  waiting: '等候中',
  called: '正在叫号，请到窗口办理',
  serving: '正在办理',
  held: '已挂起，补齐材料后请回到窗口',
  finished: '已办结',
  no_show: '已过号，请到服务台咨询',
  cancelled: '已取消',
  expired: '已过期',
};

export function ticketPage(hall: HallService, token: string): string {
  let body: string;
  try {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) throw new HallError('TICKET_NOT_FOUND');
    const s = hall.ticketStatus({ token });
    const lines = [`<p class="number">${esc(s.ticket.number)}</p>`, `<p>${esc(s.categoryName)}</p>`, `<p class="state">${stateNames[s.ticket.state]}</p>`];
    if (s.windowNumber !== null && (s.ticket.state === 'called' || s.ticket.state === 'serving')) lines.push(`<p class="window">${s.windowNumber}号窗口</p>`);
    if (s.peopleAhead !== null) lines.push(`<p>前面还有 <b>${s.peopleAhead}</b> 人</p>`);
    if (s.estimatedWaitMinutes !== null) lines.push(`<p>预计等候约 <b>${Math.max(1, Math.round(s.estimatedWaitMinutes))}</b> 分钟</p>`);
    body = lines.join('');
  } catch (error) {
    body = `<p class="state">${esc(error instanceof HallError ? error.message : '暂时无法查询，请稍后再试')}</p>`;
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="20"><title>排队进度 · ${esc(hall.settings.name)}</title>
${webFontLinks}
<style>body{font-family:${webFontFamily};text-align:center;padding:2rem 1rem;line-height:1.6;font-size:1.2rem}.number{font-size:4rem;font-weight:700;margin:.5rem}.state{font-size:1.4rem;color:#b3261e}.window{font-size:2rem;font-weight:700}</style>
</head><body><h1>${esc(hall.settings.name)}</h1>${body}</body></html>`;
}
