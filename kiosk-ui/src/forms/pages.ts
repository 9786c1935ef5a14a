// Page navigation through a definition's touch layout for the data filled so far: which pages
// and fields are on screen (show/hide rules), where 下一步 and 上一步 lead, the progress bar,
// and the data with hidden fields left out (what is validated and submitted). Pure.
import type { FormDefinition, LayoutGroup, LayoutPage } from '@hall/common/forms/definition';
import { getPath, isFilled, isShown, layoutFields, setPath, type PlacedField } from '@hall/common/forms/fields';

type Def = Pick<FormDefinition, 'layout'>;

export interface GroupView {
  group: LayoutGroup;
  fields: PlacedField[];
}

export interface PageView {
  page: LayoutPage;
  groups: GroupView[];
}

/** The pages on screen for this data, each with its shown groups and fields; empty pages are skipped. */
export function visiblePages(def: Def, data: unknown): PageView[] {
  const placed = layoutFields(def);
  const pages: PageView[] = [];
  for (const page of def.layout.pages) {
    const groups: GroupView[] = [];
    for (const group of page.groups) {
      const fields = placed.filter((p) => p.pageId === page.id && p.groupId === group.id && isShown(p, data));
      if (fields.length > 0) groups.push({ group, fields });
    }
    if (groups.length > 0) pages.push({ page, groups });
  }
  return pages;
}

/** Where a page stands among the shown pages: 1-based step and count, for "第 2 步，共 4 步". */
export function pageProgress(def: Def, data: unknown, pageId: string): { step: number; count: number } {
  const pages = visiblePages(def, data);
  const at = pages.findIndex((p) => p.page.id === pageId);
  return { step: at + 1, count: pages.length };
}

/**
 * The page after `pageId` for this data, or null after the last. A page hidden by an answer
 * on an earlier page is skipped; a page that became hidden while on it still has a successor.
 */
export function nextPageId(def: Def, data: unknown, pageId: string): string | null {
  return neighbour(def, data, pageId, 1);
}

export function previousPageId(def: Def, data: unknown, pageId: string): string | null {
  return neighbour(def, data, pageId, -1);
}

function neighbour(def: Def, data: unknown, pageId: string, direction: 1 | -1): string | null {
  const shown = new Set(visiblePages(def, data).map((p) => p.page.id));
  const order = def.layout.pages.map((p) => p.id);
  for (let i = order.indexOf(pageId) + direction; i >= 0 && i < order.length; i += direction) {
    if (shown.has(order[i]!)) return order[i]!;
  }
  return null;
}

/** The fields of one page that are on screen for this data. */
export function pageFields(def: Def, data: unknown, pageId: string): PlacedField[] {
  return visiblePages(def, data).find((p) => p.page.id === pageId)?.groups.flatMap((g) => g.fields) ?? [];
}

/**
 * The data as submitted: fields hidden by a rule are left out (the citizen may have filled
 * them before changing an earlier answer), as are empty texts and empty lists, so that the
 * JSON Schema's "required" speaks of what is really missing.
 */
export function submittableData(def: Def, data: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const placed of layoutFields(def)) {
    if (!isShown(placed, data)) continue;
    const value = cleanValue(getPath(data, placed.field.path));
    if (value !== undefined) out = setPath(out, placed.field.path, value);
  }
  return out;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) {
    const rows = value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? cleanRow(v as Record<string, unknown>) : cleanValue(v))).filter((v) => v !== undefined);
    return rows.length > 0 ? rows : undefined;
  }
  return value === null ? undefined : value;
}

function cleanRow(row: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const c = cleanValue(v);
    if (c !== undefined) out[k] = c;
  }
  // A row left completely empty (added, then not filled) is not a row.
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Whether the citizen has put anything into the form beyond what the card filled. */
export function hasOwnInput(def: Def, data: Record<string, unknown>, prefilled: Record<string, unknown>): boolean {
  return layoutFields(def).some((p) => {
    const value = getPath(data, p.field.path);
    return isFilled(value) && JSON.stringify(value) !== JSON.stringify(getPath(prefilled, p.field.path));
  });
}
