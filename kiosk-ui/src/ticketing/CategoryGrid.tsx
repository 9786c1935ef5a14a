import { messages } from '../messages.ts';
import type { CategoryGroup } from './category-view.ts';
import { CategoryTile } from './CategoryTile.tsx';

const t = messages.ticketing;

export function CategoryGrid({ groups, onChoose, onSearch, onHome }: { groups: CategoryGroup[]; onChoose: (id: string) => void; onSearch: () => void; onHome: () => void }) {
  return (
    <section class="category-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onHome}>
          {messages.common.home}
        </button>
        <h2 class="screen-title">{t.chooseTitle}</h2>
        <button type="button" class="search-button" onClick={onSearch}>
          {t.searchButton}
        </button>
      </div>
      <div class="category-scroll">
        {groups.length === 0 && <p class="empty-text">{t.noCategories}</p>}
        {groups.map((group) => (
          <section key={group.name} class="category-group">
            <h3 class="group-name">{group.name}</h3>
            <div class="category-grid">
              {group.cards.map((card) => (
                <CategoryTile key={card.id} card={card} onChoose={onChoose} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </section>
  );
}
