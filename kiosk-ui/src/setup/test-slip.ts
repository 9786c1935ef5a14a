// The slip of a setup-mode test print: clearly a test, never a number a citizen could queue with.
import type { TicketSlip } from '@hall/common/ticket-slip';

export function testSlip(hallName: string, origin: string, now: Date): TicketSlip {
  return {
    hallName: hallName || '自助服务终端',
    categoryName: '打印测试',
    number: 'T000',
    peopleAhead: 0,
    estimatedWaitMinutes: null,
    issuedAt: now.toISOString(),
    qrUrl: `${origin}/kiosk/`,
    notices: ['这是一张测试票，不能用于排队'],
  };
}
