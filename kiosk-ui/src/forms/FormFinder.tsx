// Choosing a form: the ones serving the service item a guide was opened for, or all of them
// with a search (title, the items' names and keywords, pinyin initials).
import { useSignal } from '@preact/signals';
import { useCallback, useEffect } from 'preact/hooks';
import type { ServiceItem } from '@hall/common/domain';
import type { FormSummary } from '@hall/common/forms/submission';
import { messages } from '../messages.ts';
import { LazyKeyboard } from '../keyboard/LazyKeyboard.tsx';
import { loadInitials, type InitialsTable } from '../search/initials.ts';
import { formsForItem, searchForms } from './find.ts';

const f = messages.forms;

interface Props {
  forms: FormSummary[] | null;
  listError: string | null;
  error: string | null;
  items: readonly ServiceItem[];
  itemId: string | null;
  onRetry: () => void;
  onOpen: (formId: string) => void;
  onHome: () => void;
}

export function FormFinder({ forms, listError, error, items, itemId, onRetry, onOpen, onHome }: Props) {
  const query = useSignal('');
  const composing = useSignal('');
  const setComposing = useCallback((letters: string) => (composing.value = letters), [composing]);
  const typing = useSignal(false);
  const onlyItem = useSignal(itemId);
  const table = useSignal<InitialsTable | null>(null);
  useEffect(() => void loadInitials().then((x) => (table.value = x)), []);
  const item = items.find((i) => i.id === onlyItem.value);
  const text = query.value + composing.value;
  const shown = forms ? (item ? formsForItem(forms, item.id) : searchForms(forms, items, text, table.value)) : [];
  return (
    <section class="forms-finder">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onHome}>
          {messages.common.home}
        </button>
        <h2 class="screen-title">{f.title}</h2>
      </div>
      {error && (
        <p class="error-box" role="alert">
          {error}
        </p>
      )}
      {item ? (
        <div class="forms-for-item">
          <p>{f.forItem(item.name)}</p>
          <button type="button" class="secondary-button" onClick={() => (onlyItem.value = null)}>
            {f.showAll}
          </button>
        </div>
      ) : (
        <button type="button" class="search-field" data-testid="form-search" onClick={() => (typing.value = !typing.value)}>
          {text || <span class="placeholder">{f.searchPlaceholder}</span>}
        </button>
      )}
      {!forms && <p class="empty-text">{listError ?? f.loading}</p>}
      {listError && (
        <button type="button" class="primary-button" onClick={onRetry}>
          {messages.common.retry}
        </button>
      )}
      <ul class="guide-list forms-list">
        {forms && shown.length === 0 && <li class="empty-text">{f.none}</li>}
        {shown.map((form) => (
          <li key={form.id}>
            <button type="button" class="guide-item" data-form={form.id} onClick={() => onOpen(form.id)}>
              <span class="guide-item-name">{form.title}</span>
              <span class="guide-item-dept">{f.pages(form.pageCount)}</span>
            </button>
          </li>
        ))}
      </ul>
      {typing.value && !item && <LazyKeyboard value={query.value} onChange={(v) => (query.value = v)} onComposing={setComposing} onDone={() => (typing.value = false)} />}
    </section>
  );
}
