// The board asks for exactly the clips its pure clip table names: every one must be committed,
// and the folder must stay small enough to load on a board at start-up.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { allClipNames } from '../../../display-board/src/voice/clips.ts';

const folder = join(import.meta.dirname, '../../../display-board/public/voice');

it('every clip the board can ask for is in display-board/public/voice', () => {
  const files = new Set(readdirSync(folder));
  const missing = allClipNames().filter((clip) => !files.has(`${clip}.opus`));
  expect(missing).toEqual([]);
});

it('the clips stay small (placeholders are ~100 KB in all)', () => {
  const total = readdirSync(folder)
    .filter((f) => f.endsWith('.opus'))
    .reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
  expect(total).toBeLessThan(400_000);
});
