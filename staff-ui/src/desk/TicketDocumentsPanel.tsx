import type { ComponentChildren } from 'preact';
import type { useTicketDocuments } from './ticket-documents.ts';

export interface TicketDocumentsMessages {
  title: string;
  none: string;
  loading: string;
  lookupLabel: string;
  lookupPlaceholder: string;
  lookup: string;
}

type TicketDocuments<T> = Pick<ReturnType<typeof useTicketDocuments<T, string, unknown>>, 'forTicket' | 'loading' | 'found' | 'setFound' | 'code' | 'setCode' | 'error' | 'lookUp'>;

/**
 * The frame of the desk's 自助填单 and 餐饮平面图 panels: the title with how many the ticket
 * has, the lookup by the printed code, what went wrong, and the documents, the one looked up
 * first. Class names and the code field's name follow `kind` (`plan-panel`, `planCode`, …).
 */
export function TicketDocumentsPanel<T extends { id: string }>({
  kind,
  messages: m,
  ticketId,
  documents: { forTicket, loading, found, setFound, code, setCode, error, lookUp },
  card,
}: {
  kind: 'plan' | 'submission';
  messages: TicketDocumentsMessages;
  ticketId: string | null;
  documents: TicketDocuments<T>;
  /** One document; `onClose` only for the one looked up by code. */
  card: (document: T, onClose: (() => void) | undefined) => ComponentChildren;
}) {
  const shown = found ? [found, ...forTicket.filter((d) => d.id !== found.id)] : forTicket;
  return (
    <div class={`panel ${kind}-panel`}>
      <h2>
        {m.title} {forTicket.length > 0 && <span class="count-badge">{forTicket.length}</span>}
      </h2>
      <form class={`${kind}-lookup`} onSubmit={(e) => void lookUp(e)}>
        <label>
          {m.lookupLabel}
          <input name={`${kind}Code`} value={code} placeholder={m.lookupPlaceholder} autoComplete="off" onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <button type="submit" class="action small">
          {m.lookup}
        </button>
      </form>
      {error && (
        <p class="feedback error" role="alert">
          {error}
        </p>
      )}
      {loading && <p class="list-meta">{m.loading}</p>}
      {!loading && ticketId && forTicket.length === 0 && !found && <p class={`list-meta ${kind}-none`}>{m.none}</p>}
      {shown.map((d) => card(d, found?.id === d.id ? () => setFound(null) : undefined))}
    </div>
  );
}
