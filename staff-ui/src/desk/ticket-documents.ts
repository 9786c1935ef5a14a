// What the clerk desk's 自助填单 and 餐饮平面图 panels share: the documents the called ticket's
// holder prepared at a kiosk, fetched when the ticket is called, again when a kiosk attaches one
// while the ticket is at the window (a notice on the counter connection) and when the
// connection comes back (notices are not replayed); and one looked up by the code printed on it.
import { useEffect, useState } from 'preact/hooks';

type Result<T> = { ok: true; data: T } | { ok: false; message: string };

export interface TicketDocumentsApi<T> {
  byTicket(ticketId: string): Promise<Result<T[]>>;
  byCode(code: string): Promise<Result<T>>;
}

export interface TicketDocumentsOptions<N extends string, M> {
  /** The counter connection's notices, by name; absent in tests without a connection. */
  onNotice?: ((name: N, listener: (notice: M) => void) => () => void) | undefined;
  /** The notices that may bring this ticket new documents. */
  notices: readonly N[];
  /** Checks a notice's shape; only its ticket id is read. */
  parse: (raw: unknown) => { success: true; data: { ticketId: string } } | { success: false };
  online: boolean;
}

export function useTicketDocuments<T, N extends string, M>(api: TicketDocumentsApi<T>, ticketId: string | null, options: TicketDocumentsOptions<N, M>) {
  const [forTicket, setForTicket] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [found, setFound] = useState<T | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** Bumped by a notice about the current ticket: fetch its documents again. */
  const [attachedCount, setAttachedCount] = useState(0);
  const { onNotice, notices, parse, online } = options;

  // Another ticket: start from nothing.
  useEffect(() => {
    setForTicket([]);
    setError(null);
  }, [ticketId]);

  useEffect(() => {
    if (!ticketId || !onNotice) return;
    const listener = (raw: unknown): void => {
      const notice = parse(raw);
      if (notice.success && notice.data.ticketId === ticketId) setAttachedCount((n) => n + 1);
    };
    const offs = notices.map((name) => onNotice(name, listener));
    return () => {
      for (const off of offs) off();
    };
  }, [ticketId, onNotice]);

  useEffect(() => {
    if (!ticketId || !online) return;
    let current = true;
    setLoading(true);
    void api.byTicket(ticketId).then((r) => {
      if (!current) return;
      setLoading(false);
      if (r.ok) {
        setForTicket(r.data);
        setError(null);
      } else setError(r.message);
    });
    return () => {
      current = false;
      setLoading(false);
    };
  }, [ticketId, api, attachedCount, online]);

  async function lookUp(event: Event): Promise<void> {
    event.preventDefault();
    if (!code.trim()) return;
    setError(null);
    const r = await api.byCode(code);
    if (r.ok) {
      setFound(r.data);
      setCode('');
    } else setError(r.message);
  }

  return { forTicket, setForTicket, loading, found, setFound, code, setCode, error, setError, lookUp };
}
