import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import type { Field, FieldContext } from './resources.ts';
import { formatLines, formatSessions, fromLocalInput, getPath, parseLines, parseOptionalNumber, parseSessions, toLocalInput, type Draft } from './form-values.ts';

interface Props {
  field: Field;
  draft: Draft;
  ctx: FieldContext;
  creating: boolean;
  /** The hall's UTC offset, for date-times. */
  offsetMinutes: number;
  /** The server's message when it refused this field. */
  serverError: string | null;
  /** `parseError` is set while the typed text cannot be read (e.g. "上午" as hours). */
  onChange: (path: string, value: unknown, parseError?: string | null) => void;
}

/** One form row: label, the input its kind calls for, the hint, and any error. */
export function FieldInput({ field, draft, ctx, creating, offsetMinutes, serverError, onChange }: Props) {
  const value = getPath(draft, field.path);
  const localError = useSignal<string | null>(null);
  const set = (next: unknown, parseError: string | null = null) => {
    localError.value = parseError;
    onChange(field.path, next, parseError);
  };
  const id = `f-${field.path.replace(/\./g, '-')}`;
  const error = localError.value ?? serverError;
  let input;
  switch (field.kind) {
    case 'text':
      input = (
        <input
          id={id}
          name={field.path}
          value={String(value ?? '')}
          maxLength={field.maxLength}
          placeholder={field.placeholder}
          disabled={field.keyOnCreate && !creating}
          onInput={(e) => set(e.currentTarget.value)}
        />
      );
      break;
    case 'textarea':
      input = <textarea id={id} name={field.path} rows={field.rows ?? 3} maxLength={field.maxLength} value={String(value ?? '')} onInput={(e) => set(e.currentTarget.value)} />;
      break;
    case 'password':
      input = <input id={id} name={field.path} type="password" autoComplete="new-password" value={String(value ?? '')} onInput={(e) => set(e.currentTarget.value)} />;
      break;
    case 'number':
      input = (
        <TextBacked
          id={id}
          name={field.path}
          initial={value === null || value === undefined ? '' : String(value)}
          placeholder={field.placeholder}
          inputMode="numeric"
          onText={(text) => {
            const parsed = parseOptionalNumber(text);
            if (parsed !== null && typeof parsed === 'object') return set(value, parsed.error);
            if (parsed === null && !field.optional) return set(value, messages.adminForms.parse.required);
            set(parsed);
          }}
        />
      );
      break;
    case 'bool':
      return (
        <label class={`form-row check ${error ? 'has-error' : ''}`}>
          <input id={id} name={field.path} type="checkbox" checked={Boolean(value)} onChange={(e) => set(e.currentTarget.checked)} />
          <span>{field.label}</span>
          {error && <span class="field-error">{error}</span>}
        </label>
      );
    case 'select': {
      const options = field.options(ctx);
      input = (
        <select id={id} name={field.path} value={String(value ?? '')} onChange={(e) => set(e.currentTarget.value === '' ? null : e.currentTarget.value)}>
          {(field.optional || value === null || value === undefined) && <option value="">—</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'multi': {
      const chosen = new Set((value as string[] | undefined) ?? []);
      input = (
        <div class="check-grid" id={id}>
          {field.options(ctx).map((o) => (
            <label key={o.value} class="check">
              <input
                type="checkbox"
                name={`${field.path}:${o.value}`}
                checked={chosen.has(o.value)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(o.value);
                  else next.delete(o.value);
                  // Keep the options' order, so the saved list does not depend on click order.
                  set(field.options(ctx).map((x) => x.value).filter((v) => next.has(v)));
                }}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'weights': {
      const rows = (value as Array<{ categoryId: string; weight: number }> | undefined) ?? [];
      const weightOf = new Map(rows.map((r) => [r.categoryId, r.weight]));
      const all = ctx.state?.categories ?? [];
      const update = (categoryId: string, weight: number | null) => {
        const next = all.flatMap((c) => {
          const w = c.id === categoryId ? weight : (weightOf.get(c.id) ?? null);
          return w === null ? [] : [{ categoryId: c.id, weight: w }];
        });
        set(next);
      };
      input = (
        <div class="weights" id={id}>
          {all.map((c) => {
            const weight = weightOf.get(c.id);
            return (
              <div key={c.id} class="weight-row">
                <label class="check">
                  <input type="checkbox" name={`${field.path}:${c.id}`} checked={weight !== undefined} onChange={(e) => update(c.id, e.currentTarget.checked ? 1 : null)} />
                  <span>
                    {c.prefix} {c.name}
                  </span>
                </label>
                {weight !== undefined && (
                  <input
                    class="weight-input"
                    type="number"
                    name={`${field.path}:${c.id}:weight`}
                    min={0}
                    max={100}
                    step={1}
                    value={weight}
                    onInput={(e) => {
                      const n = Number(e.currentTarget.value);
                      if (Number.isFinite(n)) update(c.id, n);
                    }}
                  />
                )}
              </div>
            );
          })}
        </div>
      );
      break;
    }
    case 'sessions':
      input = (
        <TextBacked
          id={id}
          name={field.path}
          initial={formatSessions(value as never)}
          placeholder={field.optional ? messages.adminForms.parse.hallHours : messages.adminForms.parse.hoursExample}
          onText={(text) => {
            const parsed = parseSessions(text);
            if (!Array.isArray(parsed)) return set(value, parsed.error);
            set(field.optional && parsed.length === 0 ? null : parsed);
          }}
        />
      );
      break;
    case 'lines':
      // Kept as typed: parsing at each key press would swallow the new line being started.
      input = <TextBacked multiline rows={field.rows ?? 3} id={id} name={field.path} initial={formatLines(value as string[])} onText={(text) => set(parseLines(text))} />;
      break;
    case 'date':
      input = <input id={id} name={field.path} type="date" disabled={!creating} value={String(value ?? '')} onInput={(e) => set(e.currentTarget.value)} />;
      break;
    case 'datetime':
      input = (
        <input
          id={id}
          name={field.path}
          type="datetime-local"
          value={toLocalInput(value as number | null, offsetMinutes)}
          onInput={(e) => set(fromLocalInput(e.currentTarget.value, offsetMinutes))}
        />
      );
      break;
  }
  return (
    <div class={`form-row ${error ? 'has-error' : ''}`}>
      <label for={id}>{field.label}</label>
      {input}
      {field.hint && <span class="field-hint">{field.hint}</span>}
      {error && <span class="field-error">{error}</span>}
    </div>
  );
}

/** An input whose text is kept as typed while it cannot be parsed yet ("09:0"). */
function TextBacked(props: { id: string; name: string; initial: string; placeholder?: string | undefined; inputMode?: 'numeric'; multiline?: boolean; rows?: number; onText: (text: string) => void }) {
  const { id, name, initial, placeholder, inputMode, onText } = props;
  const text = useSignal(initial);
  if (props.multiline) {
    return (
      <textarea
        id={id}
        name={name}
        rows={props.rows}
        value={text.value}
        onInput={(e) => {
          text.value = e.currentTarget.value;
          onText(text.value);
        }}
      />
    );
  }
  return (
    <input
      id={id}
      name={name}
      value={text.value}
      placeholder={placeholder}
      inputMode={inputMode}
      onInput={(e) => {
        text.value = e.currentTarget.value;
        onText(text.value);
      }}
    />
  );
}
