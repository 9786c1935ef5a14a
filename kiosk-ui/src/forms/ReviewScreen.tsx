// The form as it will print: common's printForm output (the same rows the hall server's PDF
// is drawn from) as HTML on an A4-shaped sheet, with 修改 for each page and the submit button.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FormDefinition } from '@hall/common/forms/definition';
import { printForm, type PrintedForm } from '@hall/common/forms/print';
import type { RegionIndex } from '@hall/common/forms/regions';
import { messages } from '../messages.ts';
import type { FormFlow } from './form-flow.ts';
import type { FormsApi } from './forms-api.ts';
import { submittableData, visiblePages } from './pages.ts';
import { loadRegions } from './region-data.ts';

const f = messages.forms;

export function ReviewScreen({ flow, def, api, onLeave }: { flow: FormFlow; def: FormDefinition; api: FormsApi; onLeave: () => void }) {
  const regions = useSignal<RegionIndex | null>(null);
  useEffect(() => {
    let live = true;
    loadRegions(api).then(
      (r) => live && (regions.value = r),
      () => {},
    );
    return () => void (live = false);
  }, [api]);
  const data = flow.data.value;
  const index = regions.value;
  const printed = printForm(def, submittableData(def, data), index ? { regionName: (code) => index.fullName(code) } : {});
  return (
    <section class="forms-review">
      <div class="screen-bar">
        <button type="button" class="back-button" onClick={onLeave}>
          {messages.common.home}
        </button>
        <h2 class="screen-title">{f.reviewTitle}</h2>
      </div>
      <div class="forms-page-body">
        <p class="notice-text">{f.reviewIntro}</p>
        {flow.error.value && (
          <p class="error-box" role="alert">
            {flow.error.value}
          </p>
        )}
        <div class="chips forms-review-pages">
          {visiblePages(def, data).map((p) => (
            <button key={p.page.id} type="button" class="chip" onClick={() => flow.edit(p.page.id)}>
              {f.edit}：{p.page.title}
            </button>
          ))}
        </div>
        <PrintedSheet form={printed} />
      </div>
      <div class="forms-nav">
        <button type="button" class="secondary-button" onClick={flow.previous}>
          {f.previous}
        </button>
        <button type="button" class="primary-button" data-testid="forms-submit" onClick={() => void flow.submit()}>
          {f.submit}
        </button>
      </div>
    </section>
  );
}

export function PrintedSheet({ form }: { form: PrintedForm }) {
  return (
    <article class="forms-sheet" data-testid="forms-sheet">
      <h3 class="forms-sheet-title">{form.title}</h3>
      {form.subtitle && <p class="forms-sheet-subtitle">{form.subtitle}</p>}
      {form.sections.map((section, i) => {
        switch (section.kind) {
          case 'fields':
            return (
              <div key={i} class="forms-sheet-section">
                {section.title && <h4>{section.title}</h4>}
                <dl class={`forms-sheet-grid columns-${section.columns}`}>
                  {section.rows.map((row, j) => (
                    <div key={j} class={`forms-sheet-row ${row.wide ? 'wide' : ''}`}>
                      <dt>{row.label}</dt>
                      <dd>{row.value}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            );
          case 'table':
            return (
              <div key={i} class="forms-sheet-section">
                {section.title && <h4>{section.title}</h4>}
                <table class="forms-sheet-table">
                  <thead>
                    <tr>
                      {section.columns.map((c) => (
                        <th key={c}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {section.rows.map((row, j) => (
                      <tr key={j}>
                        {row.map((cell, k) => (
                          <td key={k}>{cell}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'text':
            return (
              <div key={i} class="forms-sheet-section">
                {section.title && <h4>{section.title}</h4>}
                <p class="forms-sheet-text">{section.text}</p>
              </div>
            );
          case 'signature':
            return (
              <div key={i} class="forms-sheet-signature">
                <span>{section.label}</span>
                {section.image && <img src={section.image} alt="" />}
                {section.name && <span>{section.name}</span>}
                {section.date && <span>{section.date}</span>}
              </div>
            );
          case 'pageBreak':
            return <hr key={i} class="forms-sheet-break" />;
        }
      })}
    </article>
  );
}
