// Pinyin to phrase candidates, over the build-time dictionary (build/pinyin-plugin.ts). Pure:
// the dictionary text comes in, so tests use a handful of words.
//
// A word matches typed letters when its syllables, in order, each take a non-empty prefix of
// what remains: "gongsi", "gs", "gongs" and "gsi" all find 公司. Candidates for the whole
// input come first; then those for shorter leading parts cut at syllable boundaries, so a
// long input that is no dictionary word still offers its first words (choosing one consumes
// just those letters, like every pinyin IME).

export interface Candidate {
  word: string;
  /** Letters of the input this candidate stands for. */
  consumed: number;
}

interface Entry {
  word: string;
  syllables: string[];
  /** Rank by frequency: lower is more frequent. */
  rank: number;
}

export interface PinyinEngine {
  candidates(input: string, limit?: number): Candidate[];
}

export function createPinyinEngine(dictionary: string): PinyinEngine {
  const byFirst = new Map<string, Entry[]>();
  const syllableSet = new Set<string>();
  let rank = 0;
  for (const line of dictionary.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const syllables = line.slice(tab + 1).split(' ');
    for (const s of syllables) syllableSet.add(s);
    const entry = { word: line.slice(0, tab), syllables, rank: rank++ };
    const first = syllables[0]![0]!;
    const list = byFirst.get(first);
    if (list) list.push(entry);
    else byFirst.set(first, [entry]);
  }
  const longestSyllable = Math.max(...[...syllableSet].map((s) => s.length));

  /** Leading lengths at syllable boundaries of a greedy longest-syllable split. */
  function boundaries(input: string): number[] {
    const cuts: number[] = [];
    let at = 0;
    while (at < input.length) {
      let len = Math.min(longestSyllable, input.length - at);
      while (len > 1 && !syllableSet.has(input.slice(at, at + len))) len--;
      at += len;
      cuts.push(at);
    }
    return cuts;
  }

  function matches(input: string, entry: Entry): { full: boolean } | null {
    const syl = entry.syllables;
    if (syl.length > input.length) return null;
    // Depth-first over how many letters each syllable takes; words are short, so is this.
    // found: some split matches; full: one of them spells every syllable out.
    const best = { found: false, full: false };
    const walk = (i: number, j: number, full: boolean): void => {
      if (best.full) return;
      if (j === syl.length) {
        if (i === input.length) {
          best.found = true;
          best.full ||= full;
        }
        return;
      }
      const s = syl[j]!;
      const left = syl.length - j - 1;
      for (let take = Math.min(s.length, input.length - i - left); take >= 1; take--) {
        if (input.startsWith(s.slice(0, take), i)) walk(i + take, j + 1, full && take === s.length);
      }
    };
    walk(0, 0, true);
    return best.found ? { full: best.full } : null;
  }

  function exact(input: string): Array<{ entry: Entry; full: boolean }> {
    const found: Array<{ entry: Entry; full: boolean }> = [];
    for (const entry of byFirst.get(input[0]!) ?? []) {
      const m = matches(input, entry);
      if (m) found.push({ entry, full: m.full });
    }
    // Fully spelled words first, then abbreviations; each by frequency. A single syllable
    // typed in full prefers single characters over longer words (as IMEs do).
    return found.sort((a, b) => Number(b.full) - Number(a.full) || a.entry.rank - b.entry.rank);
  }

  return {
    candidates(raw, limit = 40) {
      const input = raw.toLowerCase().replace(/[^a-z]/g, '');
      if (!input) return [];
      const out: Candidate[] = [];
      const seen = new Set<string>();
      const lengths = [input.length, ...boundaries(input).reverse().filter((n) => n < input.length)];
      for (const length of lengths) {
        for (const { entry } of exact(input.slice(0, length))) {
          if (seen.has(entry.word)) continue;
          seen.add(entry.word);
          out.push({ word: entry.word, consumed: length });
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
  };
}
