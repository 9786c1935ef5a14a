// Compile-time proof that metres and pixels do not mix: each @ts-expect-error below must be
// an error, or `npm run typecheck` fails. Never imported; tsc checks it with the package.
import { distance } from './geometry.ts';
import { m, pt, ptPx, px, type Metres, type Pixels } from './units.ts';
import { snapToGrid } from './snap.ts';

export function unitsDoNotMix(): void {
  // @ts-expect-error a pixel length is not a metre length
  const wrong: Metres = px(3);
  // @ts-expect-error a plain number is not a length until branded
  const bare: Pixels = 3;
  // @ts-expect-error distance between a plan point and a screen point
  distance(pt(0, 0), ptPx(1, 1));
  // @ts-expect-error snapping a screen point to a metre grid
  snapToGrid(ptPx(1, 1), m(0.1));
  const fine: Metres = distance(pt(0, 0), pt(3, 4));
  void [wrong, bare, fine];
}
