// The ticket slip: what the hall server decides a printed ticket says. The device agent
// renders this one model to ESC/POS bytes for the thermal printer and to a preview image for
// the kiosk screen, so both always show the same thing.
import { z } from 'zod';

export const ticketSlipSchema = z.object({
  hallName: z.string().min(1),
  categoryName: z.string().min(1),
  /** The number a citizen hears called, e.g. `A012`. */
  number: z.string().min(1),
  peopleAhead: z.number().int().nonnegative(),
  /** Null when the hall has too little history today to estimate. */
  estimatedWaitMinutes: z.number().nonnegative().nullable(),
  /** ISO 8601 with the hall's local offset, so the slip prints the hall's wall-clock time. */
  issuedAt: z.iso.datetime({ offset: true }),
  /** The ticket's public progress page, printed as a QR code. */
  qrUrl: z.url(),
  /** e.g. 请到3号窗口; absent when any window of the category may call the ticket. */
  windowHint: z.string().optional(),
  notices: z.array(z.string()),
});

export type TicketSlip = z.infer<typeof ticketSlipSchema>;
