// The kiosk's functions as home tiles. A function that is not built yet stays hidden, never
// shown broken; setup mode (a later issue) will choose among the built ones per kiosk.
import { messages } from '../messages.ts';

export type TileId = keyof typeof messages.tiles;

export interface Tile {
  id: TileId;
  label: string;
  hint: string;
  built: boolean;
}

const built: ReadonlySet<TileId> = new Set<TileId>(['ticketing']);
const order: TileId[] = ['ticketing', 'appointments', 'forms', 'floorplan', 'certificates', 'guides'];

export function homeTiles(): Tile[] {
  return order.filter((id) => built.has(id)).map((id) => ({ id, ...messages.tiles[id], built: true }));
}
