// 查找业务: type a service item's name, a keyword or its pinyin initials ("gszc"), pick the
// item, draw in its category.
import { useSignal } from '@preact/signals';
import { useCallback, useEffect } from 'preact/hooks';
import type { Category, ServiceItem } from '@hall/common/domain';
import { messages } from '../messages.ts';
import { LazyKeyboard } from '../keyboard/LazyKeyboard.tsx';
import { loadInitials, textMatches, type InitialsTable } from '../search/initials.ts';

const t = messages.ticketing;

interface Hit {
  key: string;
  title: string;
  categoryId: string;
  categoryName: string;
}

export function searchHits(query: string, categories: readonly Category[], items: readonly ServiceItem[], table: InitialsTable | null): Hit[] {
  if (!query.trim()) return [];
  const byId = new Map(categories.filter((c) => c.enabled).map((c) => [c.id, c]));
  const hits: Hit[] = [];
  for (const c of byId.values()) if (textMatches([c.name, c.group, c.department], query, table)) hits.push({ key: `c:${c.id}`, title: c.name, categoryId: c.id, categoryName: c.name });
  for (const item of items) {
    const category = item.categoryId ? byId.get(item.categoryId) : undefined;
    if (category && textMatches([item.name, ...item.keywords], query, table)) hits.push({ key: `i:${item.id}`, title: item.name, categoryId: category.id, categoryName: category.name });
  }
  return hits.slice(0, 40);
}

export function CategorySearch({ categories, items, onChoose, onBack }: { categories: readonly Category[]; items: readonly ServiceItem[]; onChoose: (id: string) => void; onBack: () => void }) {
  const query = useSignal('');
  const composing = useSignal('');
  const table = useSignal<InitialsTable | null>(null);
  const setComposing = useCallback((letters: string) => (composing.value = letters), [composing]);
  useEffect(() => void loadInitials().then((x) => (table.value = x)), []);
  // Letters still being composed search as initials ("gszc") while the keyboard offers phrases.
  const text = query.value + composing.value;
  const hits = searchHits(text, categories, items, table.value);
  return (
    <section class="search-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <h2 class="screen-title">{t.searchTitle}</h2>
      </div>
      <output class="search-field" data-testid="search-field">
        {text || <span class="placeholder">{t.searchPlaceholder}</span>}
      </output>
      <ul class="search-results">
        {text.trim() && hits.length === 0 && <li class="empty-text">{t.searchNone}</li>}
        {hits.map((hit) => (
          <li key={hit.key}>
            <button type="button" class="search-hit" onClick={() => onChoose(hit.categoryId)}>
              <span class="search-hit-title">{hit.title}</span>
              <span class="search-hit-category">{t.searchItemIn(hit.categoryName)}</span>
            </button>
          </li>
        ))}
      </ul>
      <LazyKeyboard value={query.value} onChange={(v) => (query.value = v)} onComposing={setComposing} />
    </section>
  );
}
