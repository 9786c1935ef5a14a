// The clerk desk's REST calls for self-service form submissions, with the staff session's
// token; refusals come back with the server's Chinese message.
import type { CorrectionRequest, ReturnRequest, SubmissionDetail, SubmissionList } from '@hall/common/forms/index';
import type { ErrorBody } from '@hall/common/errors';
import { messages } from '../messages.ts';

export type SubmissionResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

export interface SubmissionApi {
  byTicket(ticketId: string): Promise<SubmissionResult<SubmissionDetail[]>>;
  byCode(code: string): Promise<SubmissionResult<SubmissionDetail>>;
  correct(id: string, request: CorrectionRequest): Promise<SubmissionResult<SubmissionDetail>>;
  accept(id: string): Promise<SubmissionResult<SubmissionDetail>>;
  returnIt(id: string, request: ReturnRequest): Promise<SubmissionResult<SubmissionDetail>>;
  /** A file (the PDF, the JSON export) as a Blob, for opening or saving. */
  file(path: string): Promise<SubmissionResult<Blob>>;
}

export const submissionLinks = {
  pdf: (id: string) => `/api/submissions/${encodeURIComponent(id)}/pdf`,
  exportJson: (id: string) => `/api/submissions/${encodeURIComponent(id)}/export.json`,
};

export function createSubmissionApi(token: () => string | null, fetchImpl: typeof fetch = (...args) => fetch(...args)): SubmissionApi {
  async function request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    const current = token();
    if (current) headers.authorization = `Bearer ${current}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
  async function refusal(response: Response): Promise<{ ok: false; message: string; field?: string }> {
    const parsed: unknown = await response.json().catch(() => null);
    const error = (parsed as { error?: ErrorBody } | null)?.error;
    return { ok: false, message: error?.message ?? messages.submission.failed, ...(error?.field ? { field: error.field } : {}) };
  }
  async function call<T>(method: string, path: string, body?: unknown): Promise<SubmissionResult<T>> {
    try {
      const response = await request(method, path, body);
      if (!response.ok) return await refusal(response);
      return { ok: true, data: (await response.json()) as T };
    } catch {
      return { ok: false, message: messages.net.offline };
    }
  }
  return {
    byTicket: async (ticketId) => {
      const r = await call<SubmissionList>('GET', `/api/submissions?ticketId=${encodeURIComponent(ticketId)}`);
      return r.ok ? { ok: true, data: r.data.submissions } : r;
    },
    byCode: (code) => call('GET', `/api/submissions/by-code/${encodeURIComponent(code)}`),
    correct: (id, request) => call('POST', `/api/submissions/${encodeURIComponent(id)}/corrections`, request),
    accept: (id) => call('POST', `/api/submissions/${encodeURIComponent(id)}/accept`, {}),
    returnIt: (id, request) => call('POST', `/api/submissions/${encodeURIComponent(id)}/return`, request),
    file: async (path) => {
      try {
        const response = await request('GET', path);
        return response.ok ? { ok: true, data: await response.blob() } : await refusal(response);
      } catch {
        return { ok: false, message: messages.net.offline };
      }
    },
  };
}
