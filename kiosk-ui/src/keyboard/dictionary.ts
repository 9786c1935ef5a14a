// The phrase dictionary is the heaviest thing the kiosk has (hundreds of KB): it is its own
// chunk, fetched the first time a keyboard opens, then kept.
import { createPinyinEngine, type PinyinEngine } from './pinyin-engine.ts';

let loading: Promise<PinyinEngine> | null = null;

export function loadPinyinEngine(): Promise<PinyinEngine> {
  loading ??= import('./pinyin-dict.data.ts').then((m) => createPinyinEngine(m.default));
  return loading;
}
