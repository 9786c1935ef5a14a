// Build-time pinyin data, filled into two placeholder modules (each its own lazily loaded
// chunk):
//   pinyin-dict.data.ts      the phrase dictionary for the on-screen keyboard: every word of
//                            @pinyin-pro/data's modern list (about 59,000, ISC licence), most
//                            frequent first, as "word<TAB>syllables" lines (toneless, ü → v)
//   pinyin-initials.data.ts  each common character with its pinyin initials (all readings of a
//                            polyphone, from pinyin-pro, MIT), for "gszc" → 公司注册 searches
// Service item names arrive from the hall server at run time, so the kiosk derives their
// initials per character from the second table instead of at build time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);

type ModernDict = Record<string, [string, number]>;

const toneless: Record<string, string> = {};
for (const [plain, marked] of Object.entries({ a: 'āáǎà', e: 'ēéěè', i: 'īíǐì', o: 'ōóǒò', u: 'ūúǔù', v: 'ǖǘǚǜü' })) {
  for (const c of marked) toneless[c] = plain;
}

/** "yì dīng diǎn er" → "yi ding dian er"; ü (and its toned forms) becomes v, as typed. */
export function stripTones(syllables: string): string {
  return syllables.replace(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/g, (c) => toneless[c] ?? c);
}

function loadModern(): ModernDict {
  return JSON.parse(readFileSync(require.resolve('@pinyin-pro/data/modern.json'), 'utf8')) as ModernDict;
}

export function buildDictionary(modern: ModernDict): string {
  return Object.entries(modern)
    .filter(([word, [py]]) => /^\p{Script=Han}+$/u.test(word) && py.split(' ').length === [...word].length)
    .sort((a, b) => b[1][1] - a[1][1])
    .map(([word, [py]]) => `${word}\t${stripTones(py)}`)
    .join('\n');
}

export function buildInitials(modern: ModernDict): string {
  const chars = new Set<string>();
  for (const word of Object.keys(modern)) for (const c of word) if (/\p{Script=Han}/u.test(c)) chars.add(c);
  let out = '';
  for (const c of [...chars].sort()) {
    const initials = new Set((pinyin(c, { pattern: 'first', toneType: 'none', multiple: true }) as string).split(' ').filter((x) => /^[a-z]$/.test(x)));
    if (initials.size) out += c + [...initials].join('');
  }
  return out;
}

const DICT = /\/keyboard\/pinyin-dict\.data\.ts$/;
const INITIALS = /\/search\/pinyin-initials\.data\.ts$/;

export function pinyinData(): Plugin {
  let modern: ModernDict | null = null;
  const data = () => (modern ??= loadModern());
  return {
    name: 'hall-pinyin-data',
    enforce: 'pre',
    load(id) {
      if (DICT.test(id)) return `export default ${JSON.stringify(buildDictionary(data()))};`;
      if (INITIALS.test(id)) return `export default ${JSON.stringify(buildInitials(data()))};`;
      return null;
    },
  };
}
