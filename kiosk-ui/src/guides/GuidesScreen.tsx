// 办事指南: browse the hall's service items by department, search them (name, keyword,
// pinyin initials), read one item's seven published facts, and go draw a ticket for it.
import { useSignal } from '@preact/signals';
import { useCallback, useEffect } from 'preact/hooks';
import type { ServiceItem } from '@hall/common/domain';
import type { FormSummary } from '@hall/common/forms/submission';
import { messages } from '../messages.ts';
import type { GuidesState } from '../app-model.ts';
import { LazyKeyboard } from '../keyboard/LazyKeyboard.tsx';
import { loadInitials, textMatches, type InitialsTable } from '../search/initials.ts';

const g = messages.guides;

interface Props {
  guides: GuidesState;
  onRetry: () => void;
  onDraw: (categoryId: string) => void;
  onHome: () => void;
  /** The hall's forms: a guide offers to fill the ones serving its item (empty when the kiosk has no 自助填单). */
  forms?: readonly FormSummary[];
  onFill?: (itemId: string, formId: string) => void;
}

export function filterItems(items: readonly ServiceItem[], department: string | null, query: string, table: InitialsTable | null): ServiceItem[] {
  return items.filter((i) => (department === null || i.department === department) && textMatches([i.name, ...i.keywords], query, table));
}

export function GuidesScreen({ guides, onRetry, onDraw, onHome, forms = [], onFill }: Props) {
  const query = useSignal('');
  const composing = useSignal('');
  const setComposing = useCallback((letters: string) => (composing.value = letters), [composing]);
  const typing = useSignal(false);
  const department = useSignal<string | null>(null);
  const openId = useSignal<string | null>(null);
  const table = useSignal<InitialsTable | null>(null);
  useEffect(() => void loadInitials().then((x) => (table.value = x)), []);

  if (guides.kind !== 'loaded') {
    return (
      <section class="guides-screen">
        <Bar title={g.title} onBack={onHome} backText={messages.common.home} />
        <p class="empty-text">{guides.kind === 'failed' ? g.loadFailed : g.loading}</p>
        {guides.kind === 'failed' && (
          <button type="button" class="primary-button" onClick={onRetry}>
            {messages.common.retry}
          </button>
        )}
      </section>
    );
  }

  const item = guides.items.find((i) => i.id === openId.value);
  if (item) return <GuideDetail item={item} forms={forms.filter((f) => f.serviceItemIds.includes(item.id))} onDraw={onDraw} onFill={onFill} onBack={() => (openId.value = null)} />;

  const departments = [...new Set(guides.items.map((i) => i.department))];
  const text = query.value + composing.value;
  const shown = filterItems(guides.items, department.value, text, table.value);
  return (
    <section class="guides-screen">
      <Bar title={g.title} onBack={onHome} backText={messages.common.home} />
      <button type="button" class="search-field" data-testid="guide-search" onClick={() => (typing.value = !typing.value)}>
        {text || <span class="placeholder">{g.searchPlaceholder}</span>}
      </button>
      <div class="chips">
        <button type="button" class={`chip ${department.value === null ? 'selected' : ''}`} onClick={() => (department.value = null)}>
          {g.all}
        </button>
        {departments.map((d) => (
          <button key={d} type="button" class={`chip ${department.value === d ? 'selected' : ''}`} onClick={() => (department.value = d)}>
            {d}
          </button>
        ))}
      </div>
      <ul class="guide-list">
        {shown.length === 0 && <li class="empty-text">{g.none}</li>}
        {shown.map((i) => (
          <li key={i.id}>
            <button type="button" class="guide-item" onClick={() => (openId.value = i.id)}>
              <span class="guide-item-name">{i.name}</span>
              <span class="guide-item-dept">{i.department}</span>
            </button>
          </li>
        ))}
      </ul>
      {typing.value && <LazyKeyboard value={query.value} onChange={(v) => (query.value = v)} onComposing={setComposing} onDone={() => (typing.value = false)} />}
    </section>
  );
}

function Bar({ title, onBack, backText }: { title: string; onBack: () => void; backText: string }) {
  return (
    <div class="screen-bar">
      <button type="button" class="back-button" onClick={onBack}>
        {backText}
      </button>
      <h2 class="screen-title">{title}</h2>
    </div>
  );
}

function GuideDetail({ item, forms, onDraw, onFill, onBack }: { item: ServiceItem; forms: readonly FormSummary[]; onDraw: (categoryId: string) => void; onFill: ((itemId: string, formId: string) => void) | undefined; onBack: () => void }) {
  const { guide } = item;
  const sections: Array<[string, string]> = [
    [g.conditions, guide.conditions],
    [g.procedure, guide.procedure],
    [g.timeLimit, guide.timeLimit],
    [g.fees, guide.fees],
    [g.basis, guide.basis],
  ];
  return (
    <section class="guide-detail">
      <Bar title={item.name} onBack={onBack} backText={messages.common.back} />
      <div class="guide-body">
        <p class="guide-dept">
          {g.department}：{item.department}
        </p>
        <h3>{g.materials}</h3>
        <ol class="materials">
          {guide.materials.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ol>
        {sections
          .filter(([, text]) => text)
          .map(([title, text]) => (
            <div key={title} class="guide-section">
              <h3>{title}</h3>
              <p>{text}</p>
            </div>
          ))}
      </div>
      {(item.categoryId || (onFill && forms.length > 0)) && (
        <div class="confirm-actions">
          {onFill &&
            forms.map((f) => (
              <button key={f.id} type="button" class="secondary-button" data-fill-form={f.id} onClick={() => onFill(item.id, f.id)}>
                {g.fillForm(f.title)}
              </button>
            ))}
          {item.categoryId && (
            <button type="button" class="primary-button" onClick={() => onDraw(item.categoryId!)}>
              {g.drawTicket}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
