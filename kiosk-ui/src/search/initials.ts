// Search by name, keyword or pinyin initials ("gszc" → 公司注册). The character → initials
// table is built at build time (build/pinyin-plugin.ts) and loaded when a search opens.

export type InitialsTable = Map<string, string>;

/** "公g司s行xh" → 公 → g, 司 → s, 行 → xh. */
export function parseInitials(packed: string): InitialsTable {
  const table: InitialsTable = new Map();
  let current = '';
  for (const c of packed) {
    if (c >= 'a' && c <= 'z') table.set(current, (table.get(current) ?? '') + c);
    else current = c;
  }
  return table;
}

/** Does `query` (latin letters) spell the initials of consecutive characters of `text`? */
export function matchesInitials(text: string, query: string, table: InitialsTable): boolean {
  const chars = [...text];
  for (let start = 0; start + query.length <= chars.length; start++) {
    let k = 0;
    while (k < query.length) {
      const c = chars[start + k]!;
      const options = table.get(c) ?? c.toLowerCase();
      if (!options.includes(query[k]!)) break;
      k++;
    }
    if (k === query.length) return true;
  }
  return false;
}

/** Plain text search, or initials when the query is latin letters. */
export function textMatches(texts: readonly string[], rawQuery: string, table: InitialsTable | null): boolean {
  const query = rawQuery.trim().toLowerCase();
  if (!query) return true;
  if (texts.some((t) => t.toLowerCase().includes(query))) return true;
  if (table && /^[a-z]+$/.test(query)) return texts.some((t) => matchesInitials(t, query, table));
  return false;
}

let loading: Promise<InitialsTable> | null = null;
/** The table, loaded once, in its own chunk. */
export function loadInitials(): Promise<InitialsTable> {
  loading ??= import('./pinyin-initials.data.ts').then((m) => parseInitials(m.default));
  return loading;
}
