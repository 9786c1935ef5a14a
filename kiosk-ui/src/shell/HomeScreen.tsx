import { messages } from '../messages.ts';
import type { Tile, TileId } from './tiles.ts';

export function HomeScreen({ tiles, notices, onOpen }: { tiles: Tile[]; notices: string[]; onOpen: (id: TileId) => void }) {
  return (
    <div class="home">
      <nav class={`home-tiles count-${tiles.length}`}>
        {tiles.length === 0 && <p class="empty-text">{messages.shell.noTiles}</p>}
        {tiles.map((tile) => (
          <button key={tile.id} type="button" class={`home-tile tile-${tile.id}`} data-tile={tile.id} onClick={() => onOpen(tile.id)}>
            <span class="home-tile-label">{tile.label}</span>
            <span class="home-tile-hint">{tile.hint}</span>
          </button>
        ))}
      </nav>
      {notices.length > 0 && (
        <ul class="home-notices">
          {notices.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
