// The Chinese fonts every document embeds. Noto Sans CJK SC ("Noto Sans Hans" in the
// @embedpdf/fonts-sc package, SIL OFL 1.1) as CID-keyed CFF OpenType. pdfkit subsets it per
// document through fontkit (only the glyphs used, a few tens of kilobytes) and writes a
// ToUnicode map, so pdftotext and screen readers get the Chinese text back.
//
// Parsing an 8 MB font takes longer than rendering a form, so each file is parsed once per
// process and the parsed font is shared by every document (fontkit fonts are read-only once
// parsed; each document makes its own subset of it).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { FontWeight } from './model.ts';

export type ParsedFont = fontkit.Font;
export type DocumentFonts = Record<FontWeight, ParsedFont>;

const fontFiles: Record<FontWeight, string> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

/** Where the font files are; the package exports only its JavaScript, so go by its folder. */
export function fontPath(weight: FontWeight): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', fontFiles[weight]);
}

let loaded: Promise<DocumentFonts> | undefined;

/** Parses the fonts once per process; later calls share the result. */
export function loadFonts(): Promise<DocumentFonts> {
  loaded ??= (async () => {
    const [regular, bold] = await Promise.all([parse('regular'), parse('bold')]);
    return { regular, bold };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

async function parse(weight: FontWeight): Promise<ParsedFont> {
  const bytes = await readFile(fontPath(weight));
  const font = fontkit.create(bytes);
  if (!('layout' in font)) throw new Error(`${fontFiles[weight]} is a font collection, not a font`);
  return font;
}
