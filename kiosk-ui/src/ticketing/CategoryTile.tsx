import { messages } from '../messages.ts';
import type { CategoryCard } from './category-view.ts';

/** One category; a closed one stays visible (greyed), says why and when it opens, and a tap
 * shows the hall's alternatives. */
export function CategoryTile({ card, onChoose }: { card: CategoryCard; onChoose: (id: string) => void }) {
  return (
    <button type="button" class={`category-tile ${card.open ? 'open' : 'closed'}`} data-category={card.id} onClick={() => onChoose(card.id)}>
      <span class="category-prefix">{card.prefix}</span>
      <span class="category-name">
        {card.name}
        {card.identityRequired && <span class="category-badge">{messages.ticketing.identityBadge}</span>}
      </span>
      {card.open ? (
        <span class="category-figures">
          <span class="category-waiting">{card.waitingText}</span>
          <span class="category-wait">{card.waitText}</span>
        </span>
      ) : (
        <span class="category-closed">
          <span class="category-closed-why">{card.closedText}</span>
          {card.opensText && <span class="category-opens">{card.opensText}</span>}
        </span>
      )}
    </button>
  );
}
