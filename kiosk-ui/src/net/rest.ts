// The kiosk's REST calls to the hall server, shared by its features' API clients (forms,
// floor plans, certificates): the device token on every request, JSON in and out, and every
// failure turned into the feature's own error with a code and a Chinese message to show as
// it is. `fetch` comes in so tests can fake it.
export interface RestOptions {
  fetch?: typeof fetch;
  /** The kiosk's device token, read at every request (pairing may happen while the kiosk runs). */
  token?: () => string | null;
  /** Shown when the server cannot be reached, and when it answers without our error body. */
  messages: { offline: string; failed: string };
  /** The feature's error for a code, a message and (validation) the offending field. */
  fail: (code: string, message: string, field?: string) => Error;
}

export interface Rest {
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
  json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export function createRest({ fetch: doFetch = (...a) => fetch(...a), token = () => null, messages, fail }: RestOptions): Rest {
  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw fail('OFFLINE', messages.offline);
    }
    if (response.ok) return response;
    let error: { code?: string; message?: string; field?: string } = {};
    try {
      error = ((await response.json()) as { error?: typeof error }).error ?? {};
    } catch {
      // Not our JSON (a proxy's page): the status says enough.
    }
    throw fail(error.code ?? `HTTP_${response.status}`, error.message ?? messages.failed, error.field);
  }
  return {
    call,
    json: async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => (await (await call(method, path, body)).json()) as T,
  };
}
