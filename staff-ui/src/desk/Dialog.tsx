import type { ComponentChildren } from 'preact';

/** A modal panel over the desk; Escape or the cancel button closes it. */
export function Dialog({ title, children, onCancel }: { title: string; children: ComponentChildren; onCancel: () => void }) {
  return (
    <div class="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
