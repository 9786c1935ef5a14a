import { useMemo, useState } from 'preact/hooks';
import { formatSubmissionCode, submissionAttachedSchema, type SubmissionAttached, type SubmissionDetail, type SubmissionField } from '@hall/common/forms/index';
import { messages } from '../messages.ts';
import { sessionToken } from '../session/session-store.ts';
import { createSubmissionApi, submissionLinks, type SubmissionApi } from './submission-api.ts';
import { canCorrect, editText, groupFields, parseEdit, reasonLines, shortValue } from './submission-view.ts';
import { useTicketDocuments } from './ticket-documents.ts';
import { TicketDocumentsPanel } from './TicketDocumentsPanel.tsx';

const m = messages.submission;

/** The counter connection's word that a form was attached to a ticket (`submission:attached`). */
export interface SubmissionNotices {
  /** The connection's own method (the same function from render to render). */
  onNotice: (name: 'submission:attached', listener: (notice: SubmissionAttached) => void) => () => void;
  /** Notices are not replayed: coming back online fetches the current ticket's forms again. */
  online: boolean;
}

/**
 * 自助填单 at the window: the forms the called ticket's holder filled at a kiosk, fetched when
 * the ticket is called and again when a kiosk attaches one while it is at the window, or one
 * found by the code printed on the paper (scanned or typed). Field by field with warnings;
 * correct a field with a reason, accept or return, export.
 */
export function SubmissionPanel({ ticketId, timeZone, api: given, notices }: { ticketId: string | null; timeZone: string; api?: SubmissionApi; notices?: SubmissionNotices }) {
  const api = useMemo(() => given ?? createSubmissionApi(() => sessionToken(sessionStorage)), [given]);
  const documents = useTicketDocuments(api, ticketId, {
    onNotice: notices?.onNotice,
    notices: ['submission:attached'] as const,
    parse: (raw) => submissionAttachedSchema.safeParse(raw),
    online: notices?.online ?? true,
  });
  const { setForTicket, setFound } = documents;

  function replace(updated: SubmissionDetail): void {
    setForTicket((list) => list.map((s) => (s.id === updated.id ? updated : s)));
    setFound((f) => (f?.id === updated.id ? updated : f));
  }

  return (
    <TicketDocumentsPanel
      kind="submission"
      messages={m}
      ticketId={ticketId}
      documents={documents}
      card={(s, onClose) => <SubmissionCard key={s.id} detail={s} api={api} timeZone={timeZone} onUpdate={replace} onClose={onClose} />}
    />
  );
}

interface CardProps {
  detail: SubmissionDetail;
  api: SubmissionApi;
  timeZone: string;
  onUpdate: (d: SubmissionDetail) => void;
  onClose: (() => void) | undefined;
}

function SubmissionCard({ detail, api, timeZone, onUpdate, onClose }: CardProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnText, setReturnText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = detail.status === 'submitted';
  const day = (at: number) => new Date(at).toLocaleDateString('zh-CN', { timeZone });

  async function run(action: () => ReturnType<SubmissionApi['accept']>): Promise<boolean> {
    setBusy(true);
    setError(null);
    const r = await action();
    setBusy(false);
    if (r.ok) {
      onUpdate(r.data);
      return true;
    }
    setError(r.message);
    return false;
  }

  /** Fetches a file with the session's token and hands it to the browser as a download. */
  async function save(path: string, filename: string): Promise<void> {
    setError(null);
    const r = await api.file(path);
    if (!r.ok) return setError(r.message);
    const url = URL.createObjectURL(r.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function sendReturn(event: Event): Promise<void> {
    event.preventDefault();
    const reasons = reasonLines(returnText);
    if (reasons.length === 0) return setError(m.needReason);
    if (await run(() => api.returnIt(detail.id, { reasons }))) setReturning(false);
  }

  return (
    <article class={`submission-card ${detail.status}`} data-code={detail.code}>
      <header class="submission-head">
        <h3>{detail.form.title}</h3>
        <span class="list-meta">{m.version(detail.form.version)}</span>
        <span class="submission-code">{m.code(formatSubmissionCode(detail.code))}</span>
        <span class="list-meta">{detail.ticketNumber ? m.ticket(detail.ticketNumber) : m.noTicket}</span>
        <span class={`tag submission-status ${detail.status}`}>{m.status[detail.status]}</span>
        {onClose && (
          <button type="button" class="plain" onClick={onClose}>
            {m.close}
          </button>
        )}
      </header>
      {onClose && <p class="list-meta">{m.fromLookup}</p>}
      {detail.warnings.length > 0 && (
        <ul class="submission-warnings" role="status">
          <li class="warnings-title">{m.warningsTitle(detail.warnings.length)}</li>
          {detail.warnings.map((w) => (
            <li key={`${w.path}-${w.code}`}>{w.message}</li>
          ))}
        </ul>
      )}
      {groupFields(detail.fields).map((group) => (
        <section key={group.title} class="submission-group">
          <h4>{group.title}</h4>
          <table class="submission-fields">
            <tbody>
              {group.fields.map((field) =>
                editing === field.path ? (
                  <CorrectionRow
                    key={field.path}
                    field={field}
                    busy={busy}
                    onCancel={() => setEditing(null)}
                    onSave={async (value, reason) => {
                      if (await run(() => api.correct(detail.id, { path: field.path, value, reason }))) setEditing(null);
                    }}
                    onInvalid={setError}
                  />
                ) : (
                  <FieldRow key={field.path} field={field} canEdit={open && !busy && canCorrect(field)} onEdit={() => (setError(null), setEditing(field.path))} />
                ),
              )}
            </tbody>
          </table>
        </section>
      ))}
      {detail.corrections.length > 0 && (
        <section class="submission-history">
          <h4>{m.history}</h4>
          <ol>
            {detail.corrections.map((c) => (
              <li key={`${c.at}-${c.path}`}>{m.historyLine(c.by.name, c.label, shortValue(c.oldValue, m.empty), shortValue(c.newValue, m.empty), c.reason)}</li>
            ))}
          </ol>
        </section>
      )}
      {detail.decision && (
        <p class="submission-decision">
          {m.decided(m.status[detail.decision.status], detail.decision.by.name)}
          {detail.decision.reasons.length > 0 && ` ${m.reasons(detail.decision.reasons.join('；'))}`}
        </p>
      )}
      {error && (
        <p class="feedback error" role="alert">
          {error}
        </p>
      )}
      {returning && open && (
        <form class="submission-return" onSubmit={(e) => void sendReturn(e)}>
          <label>
            {m.returnReasons}
            <textarea name="returnReasons" rows={3} value={returnText} placeholder={m.returnPlaceholder} onInput={(e) => setReturnText(e.currentTarget.value)} />
          </label>
          <div class="dialog-actions">
            <button type="button" class="action quiet small" onClick={() => setReturning(false)}>
              {m.cancel}
            </button>
            <button type="submit" class="action warn small" disabled={busy}>
              {m.confirmReturn}
            </button>
          </div>
        </form>
      )}
      <footer class="submission-actions">
        {open && (
          <>
            <button type="button" class="action good small submission-accept" disabled={busy || editing !== null} onClick={() => void run(() => api.accept(detail.id))}>
              {m.accept}
            </button>
            <button type="button" class="action warn small submission-return-open" disabled={busy || returning} onClick={() => setReturning(true)}>
              {m.returnIt}
            </button>
          </>
        )}
        <button type="button" class="action quiet small submission-export-json" disabled={busy} onClick={() => void save(submissionLinks.exportJson(detail.id), `${detail.form.id}-${detail.code}.json`)}>
          {m.exportJson}
        </button>
        <button type="button" class="action quiet small submission-export-pdf" disabled={busy} onClick={() => void save(submissionLinks.pdf(detail.id), `${detail.form.id}-${detail.code}.pdf`)}>
          {m.exportPdf}
        </button>
        {detail.purgeAt !== null && <span class="list-meta">{m.purgeAt(day(detail.purgeAt))}</span>}
      </footer>
    </article>
  );
}

function FieldRow({ field, canEdit, onEdit }: { field: SubmissionField; canEdit: boolean; onEdit: () => void }) {
  return (
    <tr class={`submission-field${field.warnings.length ? ' has-warning' : ''}${field.shown ? '' : ' hidden-field'}`} data-path={field.path}>
      <th scope="row">{field.label}</th>
      <td class="field-value">
        {field.table ? (
          <table class="submission-table">
            <thead>
              <tr>
                {field.table.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {field.table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : field.shown ? (
          field.text || <span class="list-meta">{m.empty}</span>
        ) : (
          <span class="list-meta">{m.notApplicable}</span>
        )}
        {field.warnings.map((w) => (
          <p key={w.code} class="field-warning">
            {w.message}
          </p>
        ))}
      </td>
      <td class="field-tools">
        {field.corrected && <span class="tag corrected">{m.corrected}</span>}
        {canEdit && field.shown && (
          <button type="button" class="plain field-correct" onClick={onEdit}>
            {m.correct}
          </button>
        )}
      </td>
    </tr>
  );
}

interface CorrectionProps {
  field: SubmissionField;
  busy: boolean;
  onSave: (value: unknown, reason: string) => Promise<void>;
  onCancel: () => void;
  onInvalid: (message: string) => void;
}

function CorrectionRow({ field, busy, onSave, onCancel, onInvalid }: CorrectionProps) {
  const [text, setText] = useState(editText(field));
  const [reason, setReason] = useState('');

  function submit(event: Event): void {
    event.preventDefault();
    const parsed = parseEdit(field, text);
    if (!parsed.ok) return onInvalid(parsed.message);
    void onSave(parsed.value, reason);
  }

  const choices = field.widget === 'checkbox' ? [{ value: 'true', label: m.yes }, { value: 'false', label: m.no }] : field.options?.map((o) => ({ value: String(o.value), label: o.label }));
  return (
    <tr class="submission-field editing" data-path={field.path}>
      <th scope="row">{field.label}</th>
      <td colSpan={2}>
        <form class="correction-form" onSubmit={submit}>
          <label>
            {m.newValue}
            {choices ? (
              <select name="correctionValue" value={text} onChange={(e) => setText(e.currentTarget.value)}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : field.widget === 'textarea' ? (
              <textarea name="correctionValue" rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            ) : field.widget === 'number' ? (
              <input name="correctionValue" type="number" step="any" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            ) : field.widget === 'date' ? (
              <input name="correctionValue" type="date" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            ) : (
              <input name="correctionValue" type="text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            )}
          </label>
          <label>
            {m.reason}
            <input name="correctionReason" value={reason} placeholder={m.reasonPlaceholder} required onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <div class="dialog-actions">
            <button type="button" class="action quiet small" onClick={onCancel}>
              {m.cancel}
            </button>
            <button type="submit" class="action primary small" disabled={busy}>
              {m.saveCorrection}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
