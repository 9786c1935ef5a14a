// The hall server's 证照打印 REST API as the kiosk uses it (contract: common/src/certificates.ts).
// Requests carry the kiosk's device token; failures become FormsApiError (code + Chinese
// message), as in 自助填单. `fetch` comes in so tests can fake it.
import type { CardIdentity, KioskCertificate, LookupReply, MailReceipt, MailRequest, PreviewRequest, PrintJob, PrintOutcome, PrintOutcomeRequest, StartPrintRequest } from '@hall/common/certificates';
import { messages } from '../messages.ts';
import { FormsApiError } from '../forms/forms-api.ts';
import { createRest } from '../net/rest.ts';

export { FormsApiError as CertificatesApiError };

export interface CertificatesApi {
  lookup(identity: CardIdentity): Promise<KioskCertificate[]>;
  startPrint(id: string, request: StartPrintRequest): Promise<PrintJob>;
  pdf(jobId: string): Promise<ArrayBuffer>;
  /** An uploaded PDF exactly as it will print (each page's verification QR stamped), for the on-screen preview. */
  preview(id: string, identity: CardIdentity): Promise<ArrayBuffer>;
  outcome(jobId: string, outcome: PrintOutcomeRequest): Promise<PrintOutcome>;
  mail(id: string, request: MailRequest): Promise<MailReceipt>;
}

export function createCertificatesApi({ fetch: doFetch = (...a) => fetch(...a), token = () => null }: { fetch?: typeof fetch; token?: () => string | null } = {}): CertificatesApi {
  const { call, json } = createRest({
    fetch: doFetch,
    token,
    messages: { offline: messages.certificates.offline, failed: messages.certificates.serverFailed },
    fail: (code, message, field) => new FormsApiError(code, message, field),
  });
  return {
    lookup: async (identity) => (await json<LookupReply>('POST', '/api/certificates/lookup', { identity })).certificates,
    startPrint: (id, request) => json('POST', `/api/certificates/${encodeURIComponent(id)}/prints`, request),
    pdf: async (jobId) => (await call('GET', `/api/certificate-prints/${encodeURIComponent(jobId)}/pdf`)).arrayBuffer(),
    preview: async (id, identity) => (await call('POST', `/api/certificates/${encodeURIComponent(id)}/preview`, { identity } satisfies PreviewRequest)).arrayBuffer(),
    outcome: (jobId, outcome) => json('POST', `/api/certificate-prints/${encodeURIComponent(jobId)}/outcome`, outcome),
    mail: (id, request) => json('POST', `/api/certificates/${encodeURIComponent(id)}/mail`, request),
  };
}
