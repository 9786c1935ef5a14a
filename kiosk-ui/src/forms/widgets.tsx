// The touch widgets of a form field: pickers wherever the answer is a choice (options,
// yes/no, dates, regions, table rows), the kiosk's keyboards for the rest. Each takes the
// field's layout and its value and reports a new value; none keeps personal data beyond
// its own mount.
import { useSignal } from '@preact/signals';
import type { LayoutField } from '@hall/common/forms/definition';
import { getPath, setPath } from '@hall/common/forms/fields';
import { messages } from '../messages.ts';
import { InputField } from '../keyboard/InputField.tsx';
import { DatePicker } from './DatePicker.tsx';
import { RegionPicker } from './RegionPicker.tsx';
import { SignaturePad } from './SignaturePad.tsx';
import type { FormsApi } from './forms-api.ts';
import type { Suggestion } from './card-prefill.ts';

const f = messages.forms;

export interface WidgetProps {
  field: LayoutField;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Field paths are dotted; test ids and table cells build on them. */
  id: string;
  api: FormsApi;
  today: string;
  /** One-tap values (the card holder's name, the phone typed elsewhere), shown under text fields. */
  suggest?: (field: LayoutField) => Suggestion[];
}

export function FieldWidget(props: WidgetProps) {
  const chips = props.suggest?.(props.field).filter((s) => s.value !== props.value) ?? [];
  return (
    <>
      <Widget {...props} />
      {chips.length > 0 && (
        <div class="forms-suggestions">
          <span>{f.suggestion}</span>
          {chips.map((s) => (
            <button key={s.value} type="button" class="chip forms-suggestion" data-testid={`suggest-${props.id}`} onClick={() => props.onChange(s.value)}>
              {s.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

function Widget(props: WidgetProps) {
  const { field, value, onChange, id } = props;
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  switch (field.widget) {
    case 'text':
    case 'textarea':
      return <InputField label={field.label} value={text} onChange={onChange} maxLength={field.widget === 'textarea' ? 400 : 120} placeholder={field.placeholder ?? f.tapToFill} testId={`field-${id}`} />;
    case 'creditCode':
      return <InputField label={field.label} value={text} onChange={(v) => onChange(v.toUpperCase().replace(/\s/g, ''))} maxLength={18} placeholder={field.placeholder ?? f.tapToFill} testId={`field-${id}`} />;
    case 'phone':
      return <InputField label={field.label} kind="digits" value={text} onChange={onChange} maxLength={12} placeholder={field.placeholder ?? f.tapToFill} testId={`field-${id}`} />;
    case 'idNumber':
      return <InputField label={field.label} kind="idNumber" value={text} onChange={onChange} placeholder={field.placeholder ?? f.tapToFill} testId={`field-${id}`} />;
    case 'number':
      return <NumberField {...props} />;
    case 'select':
    case 'radio':
      return (
        <Labelled label={field.label}>
          <div class="forms-options" role="radiogroup" data-testid={`field-${id}`}>
            {(field.options ?? []).map((o) => (
              <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} class={`forms-option ${value === o.value ? 'selected' : ''}`} data-value={o.value} onClick={() => onChange(o.value)}>
                {o.label}
              </button>
            ))}
          </div>
        </Labelled>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <Labelled label={field.label}>
          <div class="forms-options" data-testid={`field-${id}`}>
            {(field.options ?? []).map((o) => {
              const on = chosen.includes(o.value);
              return (
                <button key={String(o.value)} type="button" role="checkbox" aria-checked={on} class={`forms-option ${on ? 'selected' : ''}`} data-value={o.value} onClick={() => onChange(on ? chosen.filter((c) => c !== o.value) : [...chosen, o.value])}>
                  {o.label}
                </button>
              );
            })}
          </div>
        </Labelled>
      );
    }
    case 'checkbox':
      return (
        <Labelled label={field.label}>
          <div class="forms-options forms-yesno" role="radiogroup" data-testid={`field-${id}`}>
            {[true, false].map((yes) => (
              <button key={String(yes)} type="button" role="radio" aria-checked={value === yes} class={`forms-option ${value === yes ? 'selected' : ''}`} data-value={String(yes)} onClick={() => onChange(yes)}>
                {yes ? f.yes : f.no}
              </button>
            ))}
          </div>
        </Labelled>
      );
    case 'date':
      return (
        <Labelled label={field.label}>
          <DatePicker value={text} today={props.today} onChange={onChange} testId={`field-${id}`} />
        </Labelled>
      );
    case 'region':
      return (
        <Labelled label={field.label}>
          <RegionPicker value={text} depth={field.regionDepth ?? 'district'} api={props.api} onChange={onChange} testId={`field-${id}`} />
        </Labelled>
      );
    case 'signature':
      return (
        <Labelled label={field.label}>
          <SignaturePad value={text} onChange={onChange} testId={`field-${id}`} />
        </Labelled>
      );
    case 'table':
      return <TableField {...props} />;
  }
}

function Labelled({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="input-field">
      <span class="field-label">{label}</span>
      {children}
    </div>
  );
}

const numberKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'back'] as const;

/** Digits and a decimal point; the value is a number once it reads as one, the text otherwise (the message says why). */
function NumberField({ field, value, onChange, id }: WidgetProps) {
  const open = useSignal(false);
  const text = useSignal(value === undefined || value === null ? '' : String(value));
  const integer = field.path.endsWith('seats') || field.path.endsWith('quantity');
  function key(k: (typeof numberKeys)[number]) {
    let next = text.value;
    if (k === 'back') next = next.slice(0, -1);
    else if (k === '.' && (integer || next.includes('.'))) return;
    else if (next.length < 12) next = next === '0' && k !== '.' ? k : next + k;
    text.value = next;
    onChange(next === '' ? undefined : /^\d+(\.\d+)?$/.test(next) ? Number(next) : next);
  }
  return (
    <div class="input-field">
      <span class="field-label">{field.label}</span>
      <button type="button" class={`search-field ${open.value ? 'editing' : ''}`} data-testid={`field-${id}`} aria-expanded={open.value} onClick={() => (open.value = !open.value)}>
        {text.value ? `${text.value}${field.unit ? ` ${field.unit}` : ''}` : <span class="placeholder">{f.tapToFill}</span>}
      </button>
      {open.value && (
        <div class="input-keypad">
          <div class="keypad">
            {numberKeys.map((k) => (
              <button key={k} type="button" class="keypad-key" data-key={k} aria-label={k === 'back' ? messages.common.backspace : undefined} onClick={() => key(k)}>
                {k === 'back' ? '⌫' : k}
              </button>
            ))}
          </div>
          <button type="button" class="primary-button" onClick={() => (open.value = false)}>
            {messages.keyboard.done}
          </button>
        </div>
      )}
    </div>
  );
}

/** Repeating rows (staff, equipment, family members): one card per row with a widget per column; 添加一行 and 删除此行. The value is the array of row objects. */
function TableField(props: WidgetProps) {
  const { field, value, onChange, id } = props;
  const rows = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  const columns: LayoutField[] = field.columns ?? [];
  const max = field.maxRows ?? 100;
  const setRow = (i: number, row: Record<string, unknown>) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div class="input-field forms-table" data-testid={`field-${id}`}>
      <span class="field-label">{field.label}</span>
      {rows.length === 0 && <p class="notice-text">{f.noRows}</p>}
      {rows.map((row, i) => (
        <div key={i} class="forms-table-row" data-row={i}>
          <div class="forms-table-row-head">
            <span>{f.row(i + 1)}</span>
            <button type="button" class="secondary-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              {f.removeRow}
            </button>
          </div>
          {columns.map((c) => (
            <FieldWidget key={c.path} {...props} field={c} id={`${id}.${i}.${c.path}`} value={getPath(row, c.path)} onChange={(v) => setRow(i, setPath(row, c.path, v))} />
          ))}
        </div>
      ))}
      {rows.length < max && (
        <button type="button" class="secondary-button forms-add-row" onClick={() => onChange([...rows, {}])}>
          {f.addRow}
        </button>
      )}
    </div>
  );
}
