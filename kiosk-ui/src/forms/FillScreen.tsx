// One page of the form: progress, its groups and fields, each field with its widget, the
// inline message, and beside it the help text (说明) and the sample value (样表). Fields the
// card filled are highlighted until the citizen has looked at them.
import type { FormDefinition, LayoutField } from '@hall/common/forms/definition';
import { getPath, schemaLeaves } from '@hall/common/forms/fields';
import { formatValue } from '@hall/common/forms/print';
import { messages } from '../messages.ts';
import type { FormFlow } from './form-flow.ts';
import type { FormsApi } from './forms-api.ts';
import { pageProgress, visiblePages } from './pages.ts';
import { suggestionsFor } from './card-prefill.ts';
import { maskIdNumber } from '../ticketing/identity.ts';
import { FieldWidget } from './widgets.tsx';

const f = messages.forms;

interface Props {
  flow: FormFlow;
  def: FormDefinition;
  pageId: string;
  api: FormsApi;
  today: string;
  onLeave: () => void;
}

export function FillScreen({ flow, def, pageId, api, today, onLeave }: Props) {
  const data = flow.data.value;
  const page = visiblePages(def, data).find((p) => p.page.id === pageId);
  const progress = pageProgress(def, data, pageId);
  const required = new Set(schemaLeaves(def.schema).filter((l) => l.required).map((l) => l.path));
  const prefilled = flow.prefilled.value;
  const issues = flow.issues.value;
  const last = progress.step === progress.count;
  const suggest = (field: LayoutField) => suggestionsFor(field, flow.record.value, data, def, maskIdNumber);
  return (
    <section class="forms-fill" data-page={pageId}>
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onLeave}>
          {messages.common.home}
        </button>
        <h2 class="screen-title">
          {def.title} · {page?.page.title}
        </h2>
      </div>
      <div class="forms-progress" role="progressbar" aria-valuemin={1} aria-valuemax={progress.count} aria-valuenow={progress.step}>
        <span class="forms-progress-text">{f.step(progress.step, progress.count)}</span>
        <span class="forms-progress-bar">
          <span style={{ width: `${(100 * progress.step) / Math.max(1, progress.count)}%` }} />
        </span>
      </div>
      <div class="forms-page-body">
        {prefilled.size > 0 && page?.groups.some((g) => g.fields.some((p) => prefilled.has(p.field.path))) && <p class="forms-prefilled-note">{f.prefilledNote}</p>}
        {flow.error.value && (
          <p class="error-box" role="alert">
            {flow.error.value}
          </p>
        )}
        {page?.groups.map(({ group, fields }) => (
          <fieldset key={group.id} class="forms-group">
            <legend>{group.title}</legend>
            {group.description && <p class="forms-group-description">{group.description}</p>}
            {fields.map(({ field }) => {
              const issue = issues.get(field.path);
              return (
                <div key={field.path} class={`forms-field ${prefilled.has(field.path) ? 'prefilled' : ''} ${issue ? `has-${issue.level}` : ''} ${required.has(field.path) ? 'required' : ''}`} data-field={field.path}>
                  <div class="forms-field-main">
                    <FieldWidget field={field} id={field.path} value={getPath(data, field.path)} onChange={(v) => flow.set(field.path, v)} api={api} today={today} suggest={suggest} />
                    {issue && (
                      <p class={`forms-issue ${issue.level}`} role="alert">
                        {issue.message}
                      </p>
                    )}
                  </div>
                  <aside class="forms-field-aside">
                    {field.help && (
                      <p class="forms-help">
                        <b>{f.help}</b>
                        {field.help}
                      </p>
                    )}
                    {field.sample !== undefined && field.widget !== 'signature' && (
                      <p class="forms-sample">
                        <b>{f.sample}</b>
                        {sampleText(field)}
                      </p>
                    )}
                  </aside>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div class="forms-nav">
        <button type="button" class="secondary-button" onClick={flow.previous}>
          {f.previous}
        </button>
        <button type="button" class="primary-button" data-testid="forms-next" onClick={flow.next}>
          {last ? f.toReview : f.next}
        </button>
      </div>
    </section>
  );
}

function sampleText(field: LayoutField): string {
  if (field.widget === 'table' && Array.isArray(field.sample)) {
    return (field.sample as Array<Record<string, unknown>>).map((row) => (field.columns ?? []).map((c) => formatValue(c, getPath(row, c.path))).filter(Boolean).join('，')).join('；');
  }
  if (field.widget === 'region') return String(field.sample);
  return formatValue(field, field.sample);
}
