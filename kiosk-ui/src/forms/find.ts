// Finding a form: by the service item a guide was opened for, or by a search over titles,
// the service items' names and keywords, and pinyin initials ("spjy" → 食品经营). Pure.
import type { ServiceItem } from '@hall/common/domain';
import type { FormSummary } from '@hall/common/forms/submission';
import { textMatches, type InitialsTable } from '../search/initials.ts';

/** The forms serving a service item, newest first (one per form id). */
export function formsForItem(forms: readonly FormSummary[], itemId: string): FormSummary[] {
  return forms.filter((f) => f.serviceItemIds.includes(itemId));
}

export function searchForms(forms: readonly FormSummary[], items: readonly ServiceItem[], query: string, table: InitialsTable | null): FormSummary[] {
  return forms.filter((f) => {
    const served = items.filter((i) => f.serviceItemIds.includes(i.id));
    return textMatches([f.title, ...served.flatMap((i) => [i.name, ...i.keywords])], query, table);
  });
}

/** The category a form's ticket is drawn in: that of the first of its service items that has one. */
export function categoryForForm(form: Pick<FormSummary, 'serviceItemIds'>, items: readonly ServiceItem[], preferItem?: string | null): string | null {
  const order = preferItem ? [preferItem, ...form.serviceItemIds] : form.serviceItemIds;
  for (const id of order) {
    const item = items.find((i) => i.id === id);
    if (item?.categoryId && form.serviceItemIds.includes(id)) return item.categoryId;
  }
  return null;
}
