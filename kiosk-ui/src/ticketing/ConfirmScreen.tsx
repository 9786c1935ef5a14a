import type { Category } from '@hall/common/domain';
import { messages } from '../messages.ts';

const t = messages.ticketing;

interface Props {
  category: Category | null;
  error: string | null;
  /** The last send went unanswered: the button resends the same request. */
  retry: boolean;
  online: boolean;
  blockedReason: string | null;
  printerWarning: string | null;
  onConfirm: () => void;
  onBack: () => void;
}

/** The materials to bring, then one big button. */
export function ConfirmScreen({ category, error, retry, online, blockedReason, printerWarning, onConfirm, onBack }: Props) {
  const materials = category?.materials ?? [];
  return (
    <section class="confirm-screen">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <h2 class="screen-title">{t.confirmTitle}</h2>
      </div>
      <div class="confirm-body">
        <p class="confirm-category">{category?.name}</p>
        {category?.description && <p class="confirm-description">{category.description}</p>}
        <h3 class="materials-title">{t.materialsTitle}</h3>
        {materials.length > 0 ? (
          <ol class="materials">
            {materials.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        ) : (
          <p class="materials-none">{t.noMaterials}</p>
        )}
        {printerWarning && <p class="notice-text">{printerWarning}</p>}
        {error && (
          <p class="error-box" role="alert">
            {error}
          </p>
        )}
      </div>
      {blockedReason && (
        <p class="disabled-reason" role="status">
          {blockedReason}
        </p>
      )}
      <div class="confirm-actions">
        <button type="button" class="secondary-button" onClick={onBack}>
          {messages.common.back}
        </button>
        <button type="button" class="primary-button" disabled={!online || !category || blockedReason !== null} onClick={onConfirm}>
          {retry ? messages.common.retry : t.confirm}
        </button>
      </div>
    </section>
  );
}
