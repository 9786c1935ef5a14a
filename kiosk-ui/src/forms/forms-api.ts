// The hall server's forms REST API as the kiosk uses it (contract: common/src/forms/submission.ts).
// Device routes carry the kiosk's device token; every failure becomes a FormsApiError with
// a code and a Chinese message to show as it is. `fetch` comes in so tests can fake it.
import type { FormDefinition } from '@hall/common/forms/definition';
import type { RegionDataset, StreetDataset } from '@hall/common/forms/regions';
import type { AttachTicketRequest, CreateSubmissionRequest, FormList, FormSummary, SubmissionReceipt } from '@hall/common/forms/submission';
import { messages } from '../messages.ts';
import { createRest } from '../net/rest.ts';

export class FormsApiError extends Error {
  override name = 'FormsApiError';
  constructor(
    readonly code: string,
    message: string,
    /** VALIDATION_FAILED: the dotted path of the first offending field. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface FormsApi {
  list(): Promise<FormSummary[]>;
  definition(formId: string): Promise<FormDefinition>;
  submit(request: CreateSubmissionRequest): Promise<SubmissionReceipt>;
  attachTicket(submissionId: string, request: AttachTicketRequest): Promise<SubmissionReceipt>;
  pdf(submissionId: string): Promise<ArrayBuffer>;
  regions(): Promise<RegionDataset>;
  streets(province: string): Promise<StreetDataset>;
}

export interface FormsApiOptions {
  fetch?: typeof fetch;
  /** The kiosk's device token, read at every request (pairing may happen while the kiosk runs). */
  token?: () => string | null;
}

export function createFormsApi({ fetch: doFetch = (...a) => fetch(...a), token = () => null }: FormsApiOptions = {}): FormsApi {
  const { call, json } = createRest({
    fetch: doFetch,
    token,
    messages: { offline: messages.forms.offline, failed: messages.forms.serverFailed },
    fail: (code, message, field) => new FormsApiError(code, message, field),
  });
  return {
    list: async () => (await json<FormList>('GET', '/api/forms')).forms,
    definition: (formId) => json('GET', `/api/forms/${encodeURIComponent(formId)}`),
    submit: (request) => json('POST', '/api/submissions', request),
    attachTicket: (id, request) => json('POST', `/api/submissions/${encodeURIComponent(id)}/ticket`, request),
    pdf: async (id) => (await call('GET', `/api/submissions/${encodeURIComponent(id)}/pdf`)).arrayBuffer(),
    // The hall's GB/T 2260 list: the server sends an ETag and a day's Cache-Control, so the
    // browser's own HTTP cache keeps it across reloads and revalidates it at most daily.
    regions: () => json('GET', '/api/regions'),
    streets: (province) => json('GET', `/api/regions/${encodeURIComponent(province.slice(0, 2))}/streets`),
  };
}

/** The token in a ticket slip's QR link (…/t/<token>), or null for anything else. */
export function ticketTokenFromQr(text: string): string | null {
  const m = /\/t\/([A-Za-z0-9_-]{10,64})\/?(?:[?#].*)?$/.exec(text.trim());
  return m ? m[1]! : null;
}
