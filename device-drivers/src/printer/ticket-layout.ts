// What a ticket slip looks like, decided once: an ordered list of blocks that both the
// ESC/POS renderer and the SVG preview draw. The citizen's paper and the kiosk's preview
// cannot drift apart because neither decides the wording.
import type { TicketSlip } from '@hall/common/ticket-slip';
import { displayWidth, type Align } from './codec-escpos.ts';
import type { PrinterProfile } from './profiles.ts';

export type TicketBlock =
  | { kind: 'text'; text: string; align: Align; bold: boolean; scale: number }
  | { kind: 'qr'; data: string }
  | { kind: 'rule' }
  | { kind: 'gap'; lines: number };

/** 2026-11-23T09:05:07+08:00 → 2026-11-23 09:05, the hall's wall-clock time as sent. */
export function formatIssuedAt(issuedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(issuedAt);
  return match ? `${match[1]} ${match[2]}` : issuedAt;
}

export function waitText(minutes: number | null): string {
  if (minutes === null) return '预计等候时间：暂无法估算';
  if (minutes < 1) return '预计等候：即将叫号';
  return `预计等候：约${Math.round(minutes)}分钟`;
}

/** Breaks text into lines of at most `columns` display columns (CJK counts two). */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let width = 0;
    for (const ch of paragraph) {
      const w = displayWidth(ch);
      if (width + w > columns && line !== '') {
        lines.push(line);
        line = '';
        width = 0;
      }
      line += ch;
      width += w;
    }
    lines.push(line);
  }
  return lines;
}

export function layoutTicket(slip: TicketSlip, profile: PrinterProfile): TicketBlock[] {
  const text = (t: string, options: Partial<{ align: Align; bold: boolean; scale: number }> = {}): TicketBlock[] => {
    const scale = options.scale ?? 1;
    return wrapText(t, Math.floor(profile.columns / scale)).map((line) => ({
      kind: 'text',
      text: line,
      align: options.align ?? 'center',
      bold: options.bold ?? false,
      scale,
    }));
  };
  // The hall's name is printed large when it fits on one line, normal size otherwise.
  const hallScale = displayWidth(slip.hallName) * 2 <= profile.columns ? 2 : 1;
  const blocks: TicketBlock[] = [
    ...text(slip.hallName, { bold: true, scale: hallScale }),
    ...text(slip.categoryName),
    { kind: 'gap', lines: 1 },
    ...text(slip.number, { bold: true, scale: profile.numberScale }),
    { kind: 'gap', lines: 1 },
    ...text(`您前面还有 ${slip.peopleAhead} 人等候`),
    ...text(waitText(slip.estimatedWaitMinutes)),
    ...(slip.windowHint ? text(slip.windowHint, { bold: true }) : []),
    ...text(`取号时间：${formatIssuedAt(slip.issuedAt)}`),
    { kind: 'qr', data: slip.qrUrl },
    ...text('扫码查看排队进度'),
  ];
  if (slip.notices.length > 0) {
    blocks.push({ kind: 'rule' });
    for (const notice of slip.notices) blocks.push(...text(notice, { align: 'left' }));
  }
  return blocks;
}
