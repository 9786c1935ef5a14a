// The admin console's REST client: every call carries the session token and comes back as a
// Reply-like result, with the server's Chinese message and the offending field on refusal.
import { messages } from '../messages.ts';

export interface ApiError {
  code: string;
  message: string;
  /** Dotted path of the offending field, e.g. `weekdayHours.0.end`. */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface AdminApi {
  get<T>(path: string): Promise<ApiResult<T>>;
  post<T>(path: string, body?: unknown): Promise<ApiResult<T>>;
  put<T>(path: string, body: unknown): Promise<ApiResult<T>>;
  del(path: string): Promise<ApiResult<null>>;
}

export function createAdminApi(token: () => string | null, fetchImpl: typeof fetch = (...args) => fetch(...args)): AdminApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    const current = token();
    if (current) headers.authorization = `Bearer ${current}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetchImpl(`/api/admin/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      const parsed: unknown = text ? JSON.parse(text) : null;
      if (response.ok) return { ok: true, data: parsed as T };
      const error = (parsed as { error?: ApiError } | null)?.error;
      return { ok: false, error: error ?? { code: `HTTP_${response.status}`, message: messages.admin.failed } };
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: messages.net.offline } };
    }
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}
