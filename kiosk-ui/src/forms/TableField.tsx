// Repeating rows (staff, equipment, family members): each row is a card with one widget per
// column; 添加一行 and 删除此行. The value is the array of row objects.
import type { LayoutField } from '@hall/common/forms/definition';
import { getPath, setPath } from '@hall/common/forms/fields';
import { messages } from '../messages.ts';
import { FieldWidget, type WidgetProps } from './widgets.tsx';

const f = messages.forms;

export function TableField(props: WidgetProps) {
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
