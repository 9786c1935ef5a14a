// The clerk desk's REST calls for self-service form submissions. The desk's session cookie
// authenticates them (same origin); refusals come back with the server's Chinese message.
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
}

export const submissionLinks = {
  pdf: (id: string) => `/api/submissions/${encodeURIComponent(id)}/pdf`,
  exportJson: (id: string) => `/api/submissions/${encodeURIComponent(id)}/export.json`,
};

export function createSubmissionApi(fetchImpl: typeof fetch = (...args) => fetch(...args)): SubmissionApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<SubmissionResult<T>> {
    try {
      const response = await fetchImpl(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed: unknown = await response.json().catch(() => null);
      if (response.ok) return { ok: true, data: parsed as T };
      const error = (parsed as { error?: ErrorBody } | null)?.error;
      return { ok: false, message: error?.message ?? messages.submission.failed, ...(error?.field ? { field: error.field } : {}) };
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
  };
}
