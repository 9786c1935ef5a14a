import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { messages } from '../messages.ts';
import type { ApiError } from './admin-api.ts';
import { FieldInput } from './FieldInput.tsx';
import { fieldMatches, setPath, type Draft } from './form-values.ts';
import type { Field, FieldContext } from './resources.ts';

const m = messages.admin;

interface Props {
  title: string;
  fields: Field[];
  initial: Draft;
  creating: boolean;
  ctx: FieldContext;
  offsetMinutes: number;
  normalize?: ((draft: Draft, creating: boolean) => Draft) | undefined;
  /** Resolves with the server's refusal, or null when saved. */
  onSave: (draft: Draft) => Promise<ApiError | null>;
  onCancel?: () => void;
  children?: ComponentChildren;
}

/**
 * A form over one draft. Nothing is checked here that the server does not check again: the
 * form only refuses text it cannot read (hours, numbers); the server's Chinese message and the
 * field it names are shown at the top and beside that field.
 */
export function EditForm({ title, fields, initial, creating, ctx, offsetMinutes, normalize, onSave, onCancel, children }: Props) {
  const draft = useSignal<Draft>(normalize ? normalize(initial, creating) : initial);
  const parseErrors = useSignal<Record<string, string>>({});
  const serverError = useSignal<ApiError | null>(null);
  const busy = useSignal(false);
  const saved = useSignal(false);
  const blocked = Object.keys(parseErrors.value).length > 0;

  function change(path: string, value: unknown, parseError?: string | null): void {
    const errors = { ...parseErrors.value };
    if (parseError) errors[path] = parseError;
    else delete errors[path];
    parseErrors.value = errors;
    saved.value = false;
    if (parseError) return;
    const next = setPath(draft.value, path, value);
    draft.value = normalize ? normalize(next, creating) : next;
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (blocked || busy.value) return;
    busy.value = true;
    serverError.value = null;
    const error = await onSave(draft.value);
    busy.value = false;
    serverError.value = error;
    saved.value = error === null;
  }

  const error = serverError.value;
  return (
    <form class="edit-form" onSubmit={submit} noValidate>
      <h2>{title}</h2>
      {error && (
        <p class="form-error" role="alert">
          {error.message}
        </p>
      )}
      {saved.value && !creating && (
        <p class="form-saved" role="status">
          {m.saved}
        </p>
      )}
      <div class="form-fields">
        {fields
          .filter((f) => !f.when || f.when(draft.value))
          .map((field) => (
            <FieldInput
              key={field.path}
              field={field}
              draft={draft.value}
              ctx={ctx}
              creating={creating}
              offsetMinutes={offsetMinutes}
              serverError={fieldMatches(error?.field, field.path) ? error!.message : null}
              onChange={change}
            />
          ))}
      </div>
      <div class="form-actions">
        <button type="submit" class="action primary" disabled={busy.value || blocked}>
          {busy.value ? m.saving : creating ? m.create : m.save}
        </button>
        {onCancel && (
          <button type="button" class="action quiet" onClick={onCancel}>
            {messages.actions.cancel}
          </button>
        )}
        {children}
      </div>
    </form>
  );
}
