// What differs between the ticket printers a hall buys. Everything the encoder and the
// ticket layout need to know about a model lives here, so adding a model is adding a row.

export interface PrinterProfile {
  id: string;
  paperWidthMm: 58 | 80;
  /** Printable dots per line at 203 dpi. */
  dotsPerLine: number;
  /** Columns of normal-size ASCII (12×24 font); a Chinese character takes two. */
  columns: number;
  /** GS ( k QR codes. Without it the QR is sent as a raster image (much longer on the wire). */
  nativeQr: boolean;
  qrModuleDots: number;
  /** Many Chinese printers have no glyphs for GB18030's 4-byte codes; those print as '?'. */
  fourByteGb18030: boolean;
  cut: 'full' | 'partial';
  /** Lines fed before the cut so the last printed line clears the cutter. */
  feedBeforeCut: number;
  /** Size multiplier (1–8) for the ticket number. */
  numberScale: number;
}

export const printerProfiles = {
  'generic-58': {
    id: 'generic-58',
    paperWidthMm: 58,
    dotsPerLine: 384,
    columns: 32,
    nativeQr: true,
    qrModuleDots: 5,
    fourByteGb18030: false,
    cut: 'partial',
    feedBeforeCut: 4,
    numberScale: 3,
  },
  'generic-80': {
    id: 'generic-80',
    paperWidthMm: 80,
    dotsPerLine: 576,
    columns: 48,
    nativeQr: true,
    qrModuleDots: 6,
    fourByteGb18030: false,
    cut: 'partial',
    feedBeforeCut: 4,
    numberScale: 4,
  },
  /** Older 80 mm heads without GS ( k: QR goes out as a raster image. */
  'raster-80': {
    id: 'raster-80',
    paperWidthMm: 80,
    dotsPerLine: 576,
    columns: 48,
    nativeQr: false,
    qrModuleDots: 6,
    fourByteGb18030: false,
    cut: 'full',
    feedBeforeCut: 4,
    numberScale: 4,
  },
} as const satisfies Record<string, PrinterProfile>;

export type PrinterProfileId = keyof typeof printerProfiles;

export function printerProfile(id: string): PrinterProfile {
  const profile = (printerProfiles as Record<string, PrinterProfile>)[id];
  if (!profile) throw new Error(`unknown printer profile "${id}" (known: ${Object.keys(printerProfiles).join(', ')})`);
  return profile;
}
