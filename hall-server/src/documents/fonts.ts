// The Chinese fonts every document embeds: Noto Sans SC (SIL OFL 1.1) as TrueType (glyf)
// outlines, from the @expo-google-fonts/noto-sans-sc package. pdfkit subsets it per document
// through fontkit (only the glyphs used, a few tens of kilobytes) as a CIDFontType2 with a
// ToUnicode map, so pdftotext and screen readers get the Chinese text back.
//
// Why TrueType and not the CFF .otf of @embedpdf/fonts-sc: fontkit subsets both correctly
// (checked with pdffonts, pdftotext and pdftoppm), but its CFF subsetter re-encodes every
// global and local subroutine slot of the 30,000-glyph CID font, which made a two-page form
// take 250–800 ms warm and 3 s cold; the glyf subset copies only the glyphs used and is 3–4
// times faster, with files a third of the size. Coverage is the same (GB 18030 level 1,
// CJK Ext-A; no Ext-B), see RenderedDocument.missingCharacters.
//
// Parsing an 8 MB font takes longer than rendering a form, so each file is parsed once per
// process and the parsed font is shared by every document (fontkit fonts are read-only once
// parsed; each document makes its own subset of it).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Fontkit from 'fontkit';
import type { FontWeight } from './model.ts';

export type ParsedFont = Fontkit.Font;
export type DocumentFonts = Record<FontWeight, ParsedFont>;

const fontFiles: Record<FontWeight, string> = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
};

/** Where a font file is: beside the package's package.json (its JavaScript is for Expo). */
export function fontPath(weight: FontWeight): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return join(root, fontFiles[weight]);
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
  // fontkit is loaded with the first document: a hall that prints nothing never pays for it.
  const [bytes, fontkit] = await Promise.all([readFile(fontPath(weight)), import('fontkit')]);
  const font = fontkit.create(bytes);
  if (!('layout' in font)) throw new Error(`${fontFiles[weight]} is a font collection, not a font`);
  return font;
}
