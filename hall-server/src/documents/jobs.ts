// What the server asks of its documents, as plain data: the document thread (document-thread.ts)
// runs these jobs (runJob, in document-worker.ts) off the main thread, so that a 50 ms PDF
// never holds up a call at a window.
import type { DocumentSpec } from './model.ts';
import { renderDocument, type RenderedDocument } from './render.ts';
import { renderStamp, type VerificationStamp } from './stamp.ts';
import { inspectUploadedPdf, stampUploadedPdf, type UploadedPdfFacts } from './uploaded-pdf.ts';

export interface PdfMeta {
  title: string;
  subject: string;
}

export type DocumentJob =
  | { kind: 'render'; spec: DocumentSpec }
  | { kind: 'inspectPdf'; bytes: Uint8Array; maxPages: number }
  | { kind: 'stampPdf'; bytes: Uint8Array; stamp: VerificationStamp; meta: PdfMeta };

export interface DocumentResults {
  render: RenderedDocument;
  inspectPdf: UploadedPdfFacts;
  stampPdf: Uint8Array;
}

export type DocumentJobKind = DocumentJob['kind'];

/** The documents the server makes; every method may run on another thread. */
export interface Documents {
  /** A DocumentSpec drawn as an A4 PDF. */
  render(spec: DocumentSpec): Promise<RenderedDocument>;
  /** Checks a PDF made elsewhere; throws VALIDATION_FAILED (field pdf.data) with a Chinese reason. */
  inspectPdf(bytes: Uint8Array, limits: { maxPages: number }): Promise<UploadedPdfFacts>;
  /** A PDF made elsewhere with the verification stamp on every page. */
  stampPdf(bytes: Uint8Array, stamp: VerificationStamp, meta: PdfMeta): Promise<Uint8Array>;
}

export async function runJob<K extends DocumentJobKind>(job: Extract<DocumentJob, { kind: K }>): Promise<DocumentResults[K]>;
export async function runJob(job: DocumentJob): Promise<DocumentResults[DocumentJobKind]> {
  switch (job.kind) {
    case 'render':
      return renderDocument(job.spec);
    case 'inspectPdf':
      return inspectUploadedPdf(job.bytes, { maxPages: job.maxPages });
    case 'stampPdf':
      return stampUploadedPdf(job.bytes, await renderStamp(job.stamp), job.meta);
  }
}


/** Between the main thread and the document thread. */
export interface JobRequest {
  id: number;
  job: DocumentJob;
}

export type JobReply = { id: number; ok: true; value: DocumentResults[DocumentJobKind] } | { id: number; ok: false; error: RemoteError };

/** An error as it crosses threads: a HallError keeps its code, field and details. */
export interface RemoteError {
  message: string;
  code?: string;
  field?: string | undefined;
  details?: Record<string, unknown> | undefined;
  stack?: string | undefined;
}
