// 表单: the form definitions the kiosks serve (自助填单), newest version of each, and the upload
// of a new version — a definition JSON file as fixtures/forms holds them (see its README). The
// server checks it completely (every field, rule and print template; the JSON Schema compiled)
// and refuses it with a message naming the problem; the newest version is served at once.
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { FormList, FormSummary } from '@hall/common/forms/submission';
import { messages } from '../messages.ts';

const m = messages.admin.forms;

type Result<T> = { ok: true; data: T } | { ok: false; message: string };

async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: string): Promise<Result<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
    });
    const parsed = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, data: parsed as T };
    const error = (parsed as { error?: { message?: string } } | null)?.error;
    return { ok: false, message: error?.message ?? messages.admin.failed };
  } catch {
    return { ok: false, message: messages.net.offline };
  }
}

export function FormsPage({ token }: { token: string }) {
  const forms = useSignal<FormSummary[] | null>(null);
  const error = useSignal<string | null>(null);
  const result = useSignal<{ ok: boolean; text: string } | null>(null);
  const busy = useSignal(false);

  const load = async () => {
    const reply = await call<FormList>(token, 'GET', '/api/forms');
    if (reply.ok) forms.value = reply.data.forms;
    else error.value = reply.message;
  };
  useEffect(() => {
    void load();
  }, []);

  const upload = async (file: File) => {
    busy.value = true;
    result.value = null;
    const text = await file.text();
    try {
      JSON.parse(text);
    } catch {
      result.value = { ok: false, text: m.notJson(file.name) };
      busy.value = false;
      return;
    }
    const reply = await call<FormSummary>(token, 'POST', '/api/forms', text);
    busy.value = false;
    if (!reply.ok) {
      result.value = { ok: false, text: reply.message };
      return;
    }
    result.value = { ok: true, text: m.published(reply.data.title, reply.data.version) };
    await load();
  };

  if (error.value) return <p class="form-error">{error.value}</p>;
  if (!forms.value) return <p class="hint">{messages.admin.loading}</p>;
  return (
    <section class="panel forms-page">
      <h2>{messages.admin.pages.forms}</h2>
      <p class="hint">{m.intro}</p>
      <table class="admin-table">
        <thead>
          <tr>
            <th>{m.title}</th>
            <th>{m.id}</th>
            <th>{m.version}</th>
            <th>{m.updated}</th>
            <th>{m.pages}</th>
            <th>{m.origin}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {forms.value.map((f) => (
            <tr key={f.id} data-form={f.id}>
              <td>{f.title}</td>
              <td>
                <code>{f.id}</code>
              </td>
              <td data-version>{m.versionText(f.version)}</td>
              <td>{f.updated}</td>
              <td>{f.pageCount}</td>
              <td data-origin>{m.origins[f.origin]}</td>
              <td>
                <a href={`/api/forms/${encodeURIComponent(f.id)}`} download={`${f.id}.v${f.version}.json`}>
                  {m.download}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label class="upload">
        <span>{busy.value ? m.uploading : m.upload}</span>
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy.value}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (file) void upload(file);
          }}
        />
      </label>
      {result.value && (
        <p class={result.value.ok ? 'form-saved' : 'form-error'} role="status" data-upload-result>
          {result.value.text}
        </p>
      )}
    </section>
  );
}
