// Keeps 证照打印's screens out of the JavaScript loaded before home: the chunk is fetched the
// first time the tile opens.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messages } from '../messages.ts';
import type { CertificatesFlowProps } from './CertificatesFlow.tsx';

let cached: ComponentType<CertificatesFlowProps> | null = null;

export function LazyCertificates(props: CertificatesFlowProps) {
  const [Component, setComponent] = useState<ComponentType<CertificatesFlowProps> | null>(() => cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    void import('./CertificatesFlow.tsx').then((m) => {
      cached = m.default;
      if (live) setComponent(() => m.default);
    });
    return () => void (live = false);
  }, []);
  return Component ? <Component {...props} /> : <p class="empty-text">{messages.certificates.loading}</p>;
}
