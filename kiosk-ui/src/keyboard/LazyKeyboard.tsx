// Keeps the keyboard and its dictionary out of the JavaScript loaded before home: both are
// fetched the first time a keyboard is shown.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messages } from '../messages.ts';
import type { KeyboardProps } from './Keyboard.tsx';

let cached: ComponentType<KeyboardProps> | null = null;

export function LazyKeyboard(props: KeyboardProps) {
  const [Component, setComponent] = useState<ComponentType<KeyboardProps> | null>(() => cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    void import('./Keyboard.tsx').then((m) => {
      cached = m.default;
      if (live) setComponent(() => m.default);
    });
    return () => void (live = false);
  }, []);
  return Component ? <Component {...props} /> : <div class="keyboard keyboard-placeholder">{messages.keyboard.loading}</div>;
}
