// Server-side A4 documents: filled forms, floor plans and certificates share one model and
// one renderer. Build a DocumentSpec (plain data, model.ts), then have the document thread
// render it (DocumentThread.render, off the main thread; renderDocument() in that thread).
export type * from './model.ts';
export { renderDocument, prepareDocuments, mm, type RenderedDocument, type RenderOptions } from './render.ts';
export { loadFonts, fontPath, type DocumentFonts } from './fonts.ts';
export { qrMatrix, type QrMatrix } from './qr.ts';
export { formDocument, type FormDocumentOptions } from './form.ts';
export { planDocument, chooseScale, countFixtures, type PlanDocumentOptions, type PlanScale } from './floorplan.ts';
export { renderStamp, stampSizeMm, type VerificationStamp } from './stamp.ts';
export { inspectUploadedPdf, stampUploadedPdf, type UploadedPdfFacts } from './uploaded-pdf.ts';
export type { Documents, PdfMeta } from './jobs.ts';
export { DocumentThread, DocumentJobAbandoned, type DocumentThreadOptions, type DocumentThreadStats } from './document-thread.ts';
