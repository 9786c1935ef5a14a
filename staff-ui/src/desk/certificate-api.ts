// The clerk desk's REST calls for 证照打印 (publish, replace, revoke, the 免费邮寄 list), with the staff
// session's token; refusals come back with the server's Chinese message.
import type { CertificateList, CertificateSummary, CertificateType, MailRequestList, PublishCertificateRequest } from '@hall/common/certificates';
import type { ErrorBody } from '@hall/common/errors';
import { messages } from '../messages.ts';

export type CertificateResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

export interface CertificateApi {
  types(): Promise<CertificateResult<CertificateType[]>>;
  list(): Promise<CertificateResult<CertificateSummary[]>>;
  publish(request: PublishCertificateRequest): Promise<CertificateResult<CertificateSummary>>;
  /** A new document in place of `id`; the old one stops printing. */
  replace(id: string, request: PublishCertificateRequest): Promise<CertificateResult<CertificateSummary>>;
  revoke(id: string, reason: string): Promise<CertificateResult<CertificateSummary>>;
  mailRequests(): Promise<CertificateResult<MailRequestList['requests']>>;
  markSent(id: string): Promise<CertificateResult<MailRequestList['requests']>>;
}

export function createCertificateApi(token: () => string | null, fetchImpl: typeof fetch = (...args) => fetch(...args)): CertificateApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<CertificateResult<T>> {
    const headers: Record<string, string> = {};
    const current = token();
    if (current) headers.authorization = `Bearer ${current}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) {
        const parsed: unknown = await response.json().catch(() => null);
        const error = (parsed as { error?: ErrorBody } | null)?.error;
        return { ok: false, message: error?.message ?? messages.submission.failed, ...(error?.field ? { field: error.field } : {}) };
      }
      return { ok: true, data: (await response.json()) as T };
    } catch {
      return { ok: false, message: messages.net.offline };
    }
  }
  const map = async <A, B>(p: Promise<CertificateResult<A>>, f: (a: A) => B): Promise<CertificateResult<B>> => {
    const r = await p;
    return r.ok ? { ok: true, data: f(r.data) } : r;
  };
  return {
    types: () => map(call<{ types: CertificateType[] }>('GET', '/api/certificate-types'), (d) => d.types),
    list: () => map(call<CertificateList>('GET', '/api/certificates'), (d) => d.certificates),
    publish: (request) => call('POST', '/api/certificates', request),
    replace: (id, request) => call('POST', `/api/certificates/${encodeURIComponent(id)}/replace`, request),
    revoke: (id, reason) => call('POST', `/api/certificates/${encodeURIComponent(id)}/revoke`, { reason }),
    mailRequests: () => map(call<MailRequestList>('GET', '/api/certificate-mail'), (d) => d.requests),
    markSent: (id) => map(call<MailRequestList>('POST', `/api/certificate-mail/${encodeURIComponent(id)}/sent`), (d) => d.requests),
  };
}
