import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { formatTimeOfDay, localParts } from '@hall/common/time';
import { messages } from '../messages.ts';
import type { AdminApi, ApiError } from './admin-api.ts';
import { EditForm } from './EditForm.tsx';
import type { Draft } from './form-values.ts';
import type { FieldContext, Resource } from './resources.ts';

const m = messages.admin;
/** Rows drawn at once; a hall's 1,400 service items are found by searching. */
const ROWS_SHOWN = 100;

interface Props {
  resource: Resource;
  api: AdminApi;
  ctx: FieldContext;
  offsetMinutes: number;
  /** Bumped when any admin changes the configuration, so the list reloads. */
  configVersion: number;
}

/** One collection: its list on the left, the selected (or new) item's form on the right. */
export function ResourcePage({ resource, api, ctx, offsetMinutes, configVersion }: Props) {
  const items = useSignal<Draft[] | null>(null);
  const loadError = useSignal<string | null>(null);
  const selected = useSignal<{ key: string | null; draft: Draft } | null>(null);
  const search = useSignal('');
  const notice = useSignal<string | null>(null);

  // A slow answer for the page just left must not fill this one.
  const currentSlug = useRef(resource.slug);
  currentSlug.current = resource.slug;

  async function load(): Promise<void> {
    const slug = resource.slug;
    const reply = await api.get<Draft[]>(slug);
    if (slug !== currentSlug.current) return;
    if (reply.ok) {
      items.value = reply.data;
      loadError.value = null;
    } else loadError.value = reply.error.message;
  }

  useEffect(() => {
    // Another page: forget the last one's rows, so its columns never show the wrong data.
    items.value = null;
    selected.value = null;
    notice.value = null;
    search.value = '';
  }, [resource.slug]);

  useEffect(() => {
    void load();
  }, [resource.slug, configVersion]);

  const keyOf = (item: Draft) => String(item[resource.key]);

  async function save(draft: Draft): Promise<ApiError | null> {
    const creating = selected.value?.key === null;
    const body = resource.toWire ? resource.toWire(draft) : draft;
    const reply = creating ? await api.post<Draft>(resource.slug, body) : await api.put<Draft>(`${resource.slug}/${encodeURIComponent(selected.value!.key!)}`, body);
    if (!reply.ok) return reply.error;
    await load();
    notice.value = creating ? m.created(resource.title) : null;
    selected.value = creating ? null : { key: keyOf(reply.data), draft: reply.data };
    return null;
  }

  async function remove(key: string): Promise<void> {
    if (!window.confirm(m.confirmDelete(key))) return;
    const reply = await api.del(`${resource.slug}/${encodeURIComponent(key)}`);
    if (!reply.ok) {
      notice.value = null;
      loadError.value = reply.error.message;
      return;
    }
    selected.value = null;
    notice.value = m.deleted;
    await load();
  }

  async function pairingCode(key: string): Promise<void> {
    const reply = await api.post<{ code: string; expiresAt: number }>(`devices/${encodeURIComponent(key)}/pairing-code`);
    if (!reply.ok) {
      loadError.value = reply.error.message;
      return;
    }
    loadError.value = null;
    notice.value = m.pairingCode(reply.data.code, formatTimeOfDay(localParts(reply.data.expiresAt, ctx.state?.settings.timeZone).minutes));
  }

  const all = items.value ?? [];
  const query = search.value.trim();
  const filtered = query ? all.filter((item) => resource.columns.some((c) => c.value(item, ctx).includes(query)) || keyOf(item).includes(query)) : all;
  const current = selected.value;

  return (
    <section class="resource-page">
      <div class="resource-list">
        <div class="list-bar">
          <h2>
            {resource.title} <span class="count">{all.length}</span>
          </h2>
          {(resource.searchable || all.length > 20) && (
            <input class="search" type="search" placeholder={m.search} value={search.value} onInput={(e) => (search.value = e.currentTarget.value)} />
          )}
          <button type="button" class="action primary small add-button" onClick={() => (selected.value = { key: null, draft: resource.blank() })}>
            {m.add(resource.title)}
          </button>
        </div>
        {notice.value && (
          <p class="form-notice" role="status">
            {notice.value}
          </p>
        )}
        {loadError.value && <p class="form-error">{loadError.value}</p>}
        {items.value === null ? (
          <p class="hint">{m.loading}</p>
        ) : (
          <table class="admin-table">
            <thead>
              <tr>
                {resource.columns.map((c) => (
                  <th key={c.label}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, ROWS_SHOWN).map((item) => (
                <tr key={keyOf(item)} class={current?.key === keyOf(item) ? 'selected' : ''} onClick={() => (selected.value = { key: keyOf(item), draft: item })}>
                  {resource.columns.map((c) => (
                    <td key={c.label}>{c.value(item, ctx)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {filtered.length > ROWS_SHOWN && <p class="hint">{m.moreRows(filtered.length - ROWS_SHOWN)}</p>}
      </div>
      <div class="resource-form">
        {current ? (
          <EditForm
            key={`${resource.slug}:${current.key ?? '+new'}`}
            title={current.key === null ? m.add(resource.title) : m.edit(resource.title, current.key)}
            fields={resource.fields}
            initial={current.draft}
            creating={current.key === null}
            ctx={ctx}
            offsetMinutes={offsetMinutes}
            normalize={resource.normalize}
            onSave={save}
            onCancel={() => (selected.value = null)}
          >
            {current.key !== null && resource.slug === 'devices' && (
              <button type="button" class="action normal" onClick={() => void pairingCode(current.key!)}>
                {m.makePairingCode}
              </button>
            )}
            {current.key !== null && (
              <button type="button" class="action warn delete-button" onClick={() => void remove(current.key!)}>
                {m.delete}
              </button>
            )}
          </EditForm>
        ) : (
          <p class="hint select-hint">{m.selectHint(resource.title)}</p>
        )}
      </div>
    </section>
  );
}
