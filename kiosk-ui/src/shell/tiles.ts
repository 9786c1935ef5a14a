// The kiosk's functions as home tiles. A function that is not built yet stays hidden, never
// shown broken; setup mode chooses among the built ones per kiosk.
import { messages } from '../messages.ts';
import { tileIds, type TileId } from '../settings/settings.ts';

export type { TileId };

export interface Tile {
  id: TileId;
  label: string;
  hint: string;
}

export const builtTiles: ReadonlySet<TileId> = new Set<TileId>(['ticketing', 'forms', 'floorplan', 'certificates', 'guides']);

/** The tiles this kiosk shows: chosen in setup mode, built, in the hall's usual order. */
export function homeTiles(chosen: readonly TileId[]): Tile[] {
  return tileIds.filter((id) => builtTiles.has(id) && chosen.includes(id)).map((id) => ({ id, ...messages.tiles[id] }));
}
