// Keeps 自助填单 (its screens, Ajv, the form model) out of the JavaScript loaded before home:
// the chunk is fetched the first time the tile or a guide's 填写申请表 opens it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messages } from '../messages.ts';
import type { FormsFlowProps } from './FormsFlow.tsx';

let cached: ComponentType<FormsFlowProps> | null = null;

export function LazyForms(props: FormsFlowProps) {
  const [Component, setComponent] = useState<ComponentType<FormsFlowProps> | null>(() => cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    void import('./FormsFlow.tsx').then((m) => {
      cached = m.default;
      if (live) setComponent(() => m.default);
    });
    return () => void (live = false);
  }, []);
  return Component ? <Component {...props} /> : <p class="empty-text">{messages.forms.loading}</p>;
}
