// A preview of what a (simulated) printer actually put on paper, drawn from the decoded byte
// stream rather than from the slip: what the simulator shows is what the bytes say.
import type { PrintedPage } from './paper.ts';
import type { PrinterProfile } from './profiles.ts';
import type { TicketBlock } from './ticket-layout.ts';
import { renderBlocksSvg } from './ticket-svg.ts';

export function renderPageSvg(page: PrintedPage, profile: PrinterProfile): string {
  const blocks: TicketBlock[] = page.items.map((item) => {
    switch (item.kind) {
      case 'line':
        return { kind: 'text', text: item.text, align: item.align, bold: item.bold, scale: item.scale };
      case 'qr':
        return { kind: 'qr', data: item.data };
      case 'image':
        return { kind: 'text', text: `[图像 ${item.width}×${item.height}]`, align: 'center', bold: false, scale: 1 };
    }
  });
  return renderBlocksSvg(blocks, profile);
}
