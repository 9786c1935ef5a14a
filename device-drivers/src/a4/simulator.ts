// An A4 printer for `sim:`: accepts PDFs, keeps the last few in memory (and on disk when
// given a directory), and can be told to fail, so kiosks can be demonstrated without CUPS.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { A4PrintError, type A4Printer, type PrintPdfOptions } from './ipp-printer.ts';

const KEEP = 20;

export class SimulatedA4Printer implements A4Printer {
  readonly uri = 'sim:';
  readonly jobs: Array<{ jobId: number; title: string; copies: number; pdf: Uint8Array }> = [];
  #nextJob = 1;
  /** When set, every job fails with this reason (paper jam, no toner…). */
  failure: string | null = null;

  constructor(private readonly dir?: string) {}

  async isReady(): Promise<boolean> {
    return this.failure === null;
  }

  async printPdf(pdf: Uint8Array, options: PrintPdfOptions): Promise<{ jobId: number }> {
    if (this.failure) throw new A4PrintError('JOB_FAILED', this.failure);
    if (!isPdf(pdf)) throw new A4PrintError('REJECTED', 'document is not a PDF');
    const jobId = this.#nextJob++;
    this.jobs.push({ jobId, title: options.title, copies: options.copies ?? 1, pdf });
    if (this.jobs.length > KEEP) this.jobs.shift();
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      await writeFile(join(this.dir, `job-${jobId}.pdf`), pdf);
    }
    return { jobId };
  }
}

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46; // %PDF
}
