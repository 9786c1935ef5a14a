// A ticket slip as an SVG picture at the printer's own scale (one unit = one dot at 203 dpi),
// for the kiosk's "your ticket" screen, the demo's file output and tests.
import QRCode from 'qrcode';
import type { TicketSlip } from '@hall/common/ticket-slip';
import type { PrinterProfile } from './profiles.ts';
import { layoutTicket, type TicketBlock } from './ticket-layout.ts';

/** The printer's built-in Chinese font is 24 dots high; lines advance by 30. */
const FONT_DOTS = 24;
const LINE_DOTS = 30;
const MARGIN = 16;

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function renderTicketSvg(slip: TicketSlip, profile: PrinterProfile): string {
  return renderBlocksSvg(layoutTicket(slip, profile), profile);
}

export function renderBlocksSvg(blocks: TicketBlock[], profile: PrinterProfile): string {
  const width = profile.dotsPerLine;
  const parts: string[] = [];
  let y = MARGIN;
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        const size = FONT_DOTS * block.scale;
        const x = block.align === 'left' ? 0 : block.align === 'right' ? width : width / 2;
        const anchor = block.align === 'left' ? 'start' : block.align === 'right' ? 'end' : 'middle';
        y += LINE_DOTS * block.scale;
        parts.push(
          `<text x="${x}" y="${y - (LINE_DOTS - FONT_DOTS) * block.scale}" font-size="${size}" text-anchor="${anchor}"${block.bold ? ' font-weight="bold"' : ''}>${escapeXml(block.text)}</text>`,
        );
        break;
      }
      case 'gap':
        y += LINE_DOTS * block.lines;
        break;
      case 'rule':
        y += LINE_DOTS / 2;
        parts.push(`<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="#000" stroke-dasharray="8 6" stroke-width="2"/>`);
        y += LINE_DOTS / 2;
        break;
      case 'qr': {
        const qr = QRCode.create(block.data, { errorCorrectionLevel: 'M' });
        const n = qr.modules.size;
        const dot = profile.qrModuleDots;
        const side = (n + 8) * dot;
        const left = Math.round((width - side) / 2) + 4 * dot;
        const top = y + 4 * dot;
        let path = '';
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) path += `M${left + c * dot} ${top + r * dot}h${dot}v${dot}h-${dot}z`;
        }
        parts.push(`<path d="${path}" fill="#000"/>`);
        y += side;
        break;
      }
    }
  }
  const height = y + MARGIN * 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
