// Keeps the floor-plan editor (its screens, Konva, the checks) out of the JavaScript loaded
// before home: the chunk is fetched the first time the tile opens it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messages } from '../messages.ts';
import type { FloorplanProps } from './FloorplanEditor.tsx';

let cached: ComponentType<FloorplanProps> | null = null;

export function LazyFloorplan(props: FloorplanProps) {
  const [Component, setComponent] = useState<ComponentType<FloorplanProps> | null>(() => cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    void import('./FloorplanEditor.tsx').then((mod) => {
      cached = mod.default;
      if (live) setComponent(() => mod.default);
    });
    return () => void (live = false);
  }, []);
  return Component ? <Component {...props} /> : <p class="empty-text">{messages.floorplan.loading}</p>;
}
