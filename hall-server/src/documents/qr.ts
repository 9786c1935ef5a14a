// QR codes as vector rectangles: sharp at any printer resolution and a few hundred bytes.
// `qrcode` only computes the module matrix here; nothing is rasterised.
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Row-major, true for a dark module. */
  dark(row: number, col: number): boolean;
}

/** Error correction M (15 %) survives a smudged printout and keeps the symbol small. */
export function qrMatrix(payload: string): QrMatrix {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** The quiet zone the QR specification asks for, in modules, on every side. */
export const quietZoneModules = 4;

export interface ModuleRun {
  row: number;
  col: number;
  length: number;
}

/** Dark modules merged into horizontal runs: far fewer rectangles than modules. */
export function darkRuns(matrix: QrMatrix): ModuleRun[] {
  const runs: ModuleRun[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let start = -1;
    for (let col = 0; col <= matrix.size; col++) {
      const isDark = col < matrix.size && matrix.dark(row, col);
      if (isDark && start < 0) start = col;
      if (!isDark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return runs;
}
