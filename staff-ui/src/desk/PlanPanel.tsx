import { useMemo, useState } from 'preact/hooks';
import { fmt, formatPlanCode, planAttachedSchema, type PlanAttached, type PlanDetail } from '@hall/common/floorplan/index';
import { submissionAttachedSchema, type SubmissionAttached } from '@hall/common/forms/index';
import { messages } from '../messages.ts';
import { sessionToken } from '../session/session-store.ts';
import { createPlanApi, type PlanApi } from './plan-api.ts';
import { planScene, sortResults } from './plan-view.ts';
import { useTicketDocuments } from './ticket-documents.ts';
import { TicketDocumentsPanel } from './TicketDocumentsPanel.tsx';

const m = messages.plan;

/**
 * The counter connection's word that a plan was attached to a ticket (`plan:attached`), or a
 * form submission (`submission:attached`), which may bring the plans linked to it.
 */
export interface PlanNotices {
  onNotice: (name: 'plan:attached' | 'submission:attached', listener: (notice: PlanAttached | SubmissionAttached) => void) => () => void;
  /** Notices are not replayed: coming back online fetches the current ticket's plans again. */
  online: boolean;
}

/**
 * 餐饮平面图 at the window: the plans the called ticket's holder drew at a kiosk, fetched when
 * the ticket is called and again when a kiosk attaches one while it is at the window, or one
 * found by the code printed on the sheet. Read-only: the drawing, the server's rule results
 * (tap one to mark its elements), and the PDF.
 */
export function PlanPanel({ ticketId, timeZone, api: given, notices }: { ticketId: string | null; timeZone: string; api?: PlanApi; notices?: PlanNotices }) {
  const api = useMemo(() => given ?? createPlanApi(() => sessionToken(sessionStorage)), [given]);
  const documents = useTicketDocuments(api, ticketId, {
    onNotice: notices?.onNotice,
    // A form submission attached to the ticket may bring the plans linked to it.
    notices: ['plan:attached', 'submission:attached'] as const,
    parse: (raw) => planAttachedSchema.or(submissionAttachedSchema).safeParse(raw),
    online: notices?.online ?? true,
  });
  return (
    <TicketDocumentsPanel
      kind="plan"
      messages={m}
      ticketId={ticketId}
      documents={documents}
      card={(p, onClose) => <PlanCard key={p.id} detail={p} api={api} timeZone={timeZone} onClose={onClose} />}
    />
  );
}

function PlanCard({ detail, api, timeZone, onClose }: { detail: PlanDetail; api: PlanApi; timeZone: string; onClose: (() => void) | undefined }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const report = detail.check;
  const results = useMemo(() => sortResults(report.results), [report]);
  const highlight = useMemo(() => new Set(results.find((r) => r.ruleId === selected)?.elementIds ?? []), [results, selected]);
  const scene = useMemo(() => planScene(detail.plan, highlight), [detail.plan, highlight]);
  const facts = report.facts;
  const day = (at: number) => new Date(at).toLocaleDateString('zh-CN', { timeZone });

  async function openPdf(): Promise<void> {
    setError(null);
    const r = await api.pdf(detail.id);
    if (!r.ok) return setError(r.message);
    const url = URL.createObjectURL(r.data);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  return (
    <article class="plan-card" data-code={detail.code} data-failed={report.failed}>
      <header class="submission-head">
        <h3>{m.operator(detail.plan.title.operatorName)}</h3>
        <span class="submission-code">{m.code(formatPlanCode(detail.code))}</span>
        <span class="list-meta">{m.revision(detail.revision)}</span>
        <span class="list-meta">{detail.ticketNumber ? m.ticket(detail.ticketNumber) : m.noTicket}</span>
        <span class={`tag plan-summary ${report.failed > 0 ? 'has-failures' : 'all-passed'}`}>{m.summary(report.passed, report.failed)}</span>
        {onClose && (
          <button type="button" class="plain" onClick={onClose}>
            {m.close}
          </button>
        )}
      </header>
      {onClose && <p class="list-meta">{m.fromLookup}</p>}
      {detail.plan.title.address && <p class="list-meta plan-address">{detail.plan.title.address}</p>}
      <p class="list-meta plan-facts">{m.facts(fmt(facts.premisesArea), fmt(facts.foodHandlingArea), fmt(facts.diningArea), facts.seats, facts.sizeClass.name)}</p>
      <svg class="plan-drawing" viewBox={scene.viewBox} role="img" aria-label={m.drawingLabel(detail.plan.title.operatorName || m.title)}>
        <defs>
          {(['raw', 'finished', 'tableware'] as const).map((kind) => (
            <marker key={kind} id={`arrow-${kind}-${detail.id}`} class={`flow-head flow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 Z" />
            </marker>
          ))}
        </defs>
        {scene.shapes.map((s) => {
          const flow = detail.plan.flows.find((f) => f.id === s.id);
          return (
            <path
              key={s.id}
              d={s.d}
              class={`${s.className}${s.highlighted ? ' highlighted' : ''}`}
              data-id={s.id}
              vector-effect="non-scaling-stroke"
              {...(flow ? { 'marker-end': `url(#arrow-${flow.kind}-${detail.id})` } : {})}
            />
          );
        })}
        {/* Text is laid out in centimetres: browsers round very small font sizes. */}
        <g transform="scale(0.01)">
          {scene.texts.map((t) => (
            <text key={t.id} x={t.x * 100} y={t.y * 100} class={t.className} font-size={t.size * 100} text-anchor="middle" dominant-baseline="middle">
              {t.text}
            </text>
          ))}
        </g>
      </svg>
      <p class="list-meta plan-legend">
        {(['raw', 'finished', 'tableware'] as const).map((kind) => (
          <span key={kind} class={`legend-flow flow-${kind}`}>{m.legendFlows[kind]}</span>
        ))}
      </p>
      <p class="list-meta">{m.ruleSet(report.ruleSet.name)}</p>
      <ul class="plan-results">
        {results.map((r) => (
          <li key={r.ruleId} class={`plan-result ${r.status}${selected === r.ruleId ? ' selected' : ''}`} data-rule={r.ruleId}>
            <button type="button" class="plain plan-result-button" disabled={r.elementIds.length === 0} title={m.showElements} onClick={() => setSelected((s) => (s === r.ruleId ? null : r.ruleId))}>
              <span class={`tag plan-status ${r.status}`}>{m.status[r.status]}</span> <strong>{r.title}</strong> <span class="plan-message">{r.message}</span>
            </button>
            {r.status === 'fail' && r.details.length > 0 && (
              <ul class="plan-details">
                {r.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <p class="list-meta">{m.advice}</p>
      {error && (
        <p class="feedback error" role="alert">
          {error}
        </p>
      )}
      <footer class="submission-actions">
        <button type="button" class="action small plan-open-pdf" onClick={() => void openPdf()}>
          {m.openPdf}
        </button>
        <span class="list-meta">{m.purgeAt(day(detail.purgeAt))}</span>
      </footer>
    </article>
  );
}
