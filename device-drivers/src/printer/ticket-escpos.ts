// A ticket slip as ESC/POS bytes for one printer profile.
import type { TicketSlip } from '@hall/common/ticket-slip';
import { EscPosBuilder } from './codec-escpos.ts';
import type { PrinterProfile } from './profiles.ts';
import { layoutTicket, type TicketBlock } from './ticket-layout.ts';

export function renderTicketEscPos(slip: TicketSlip, profile: PrinterProfile): Uint8Array {
  return renderBlocksEscPos(layoutTicket(slip, profile), profile);
}

export function renderBlocksEscPos(blocks: TicketBlock[], profile: PrinterProfile): Uint8Array {
  const out = new EscPosBuilder({ fourByteGb18030: profile.fourByteGb18030 }).initialize();
  // Only send style commands when the style changes: each costs bytes on a slow line.
  let align: string | null = null;
  let bold: boolean | null = null;
  let scale: number | null = null;
  const style = (a: 'left' | 'center' | 'right', b: boolean, s: number) => {
    if (a !== align) out.align((align = a));
    if (b !== bold) out.bold((bold = b));
    if (s !== scale) out.size((scale = s));
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        style(block.align, block.bold, block.scale);
        out.line(block.text);
        break;
      case 'gap':
        out.feed(block.lines);
        break;
      case 'rule':
        style('left', false, 1);
        out.line('-'.repeat(profile.columns));
        break;
      case 'qr':
        style('center', bold ?? false, scale ?? 1);
        if (profile.nativeQr) out.qr(block.data, { moduleDots: profile.qrModuleDots, level: 'M' });
        else out.qrRaster(block.data, { moduleDots: profile.qrModuleDots, level: 'M' });
        out.line();
        break;
    }
  }
  style('left', false, 1);
  return out.feed(profile.feedBeforeCut).cut(profile.cut).bytes();
}
