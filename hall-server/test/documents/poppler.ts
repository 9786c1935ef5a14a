// The real tools a person would use to check a PDF: poppler-utils (pdftotext, pdffonts,
// pdftoppm) and zbar-tools (zbarimg). CI installs both from Debian.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function tool(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export interface PdfOnDisk {
  dir: string;
  path: string;
  cleanup(): Promise<void>;
}

export async function writeTempPdf(bytes: Uint8Array, name = 'document.pdf'): Promise<PdfOnDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-documents-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { dir, path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const pdfText = (path: string, layout = false): Promise<string> => tool('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']);

/** One page's text. */
export const pageText = (path: string, page: number): Promise<string> => tool('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-']);

/** Text with all white space removed: wrapping may split a value across lines or cells. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export async function pdfFonts(path: string): Promise<FontRow[]> {
  const lines = (await tool('pdffonts', [path])).split('\n').slice(2).filter((l) => l.trim());
  return lines.map((line) => {
    // name type encoding emb sub uni object ID: the three flags sit before the object id.
    const cols = line.trim().split(/\s+/);
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes', unicode: cols[n - 3] === 'yes' };
  });
}

/** Renders pages to PNG files with pdftoppm and returns their paths in page order. */
export async function pdfToPngs(doc: PdfOnDisk, dpi: number, first = 1, last?: number): Promise<string[]> {
  await tool('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last ?? first), doc.path, join(doc.dir, 'page')]);
  return (await readdir(doc.dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort().map((f) => join(doc.dir, f));
}

/** Every QR code zbarimg finds in the image, decoded. */
export async function decodeQr(png: string): Promise<string[]> {
  const out = await tool('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png]).catch((e: { stdout?: string; code?: number }) => {
    // zbarimg exits 4 when it finds no symbol.
    if (e.code === 4) return '';
    throw e;
  });
  return out.split('\n').filter(Boolean);
}

export interface WordBox {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Word positions in points (pdftotext -bbox), for checking that drawings are to scale. */
export async function wordBoxes(path: string, page: number): Promise<WordBox[]> {
  return (await pageWords(path, page)).words;
}

/**
 * A page's words, placed as the page is displayed (poppler applies /Rotate), and its size as
 * the file states it (not turned), in points.
 */
export async function pageWords(path: string, page: number): Promise<{ width: number; height: number; words: WordBox[] }> {
  const html = await tool('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-']);
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const boxes: WordBox[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    boxes.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), word: m[5]! });
  }
  return { width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), words: boxes };
}
