import type { Tile, TileId } from './tiles.ts';

export function HomeScreen({ tiles, onOpen }: { tiles: Tile[]; onOpen: (id: TileId) => void }) {
  return (
    <nav class="home-tiles">
      {tiles.map((tile) => (
        <button key={tile.id} type="button" class={`home-tile tile-${tile.id}`} onClick={() => onOpen(tile.id)}>
          <span class="home-tile-label">{tile.label}</span>
          <span class="home-tile-hint">{tile.hint}</span>
        </button>
      ))}
    </nav>
  );
}
