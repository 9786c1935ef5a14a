// Server-side A4 documents: filled forms, floor plans and certificates share one model and
// one renderer. Build a DocumentSpec (plain data, model.ts), then renderDocument() it.
export type * from './model.ts';
export { renderDocument, prepareDocuments, mm, type RenderedDocument, type RenderOptions } from './render.ts';
export { loadFonts, fontPath, type DocumentFonts } from './fonts.ts';
export { qrMatrix, type QrMatrix } from './qr.ts';
export { formDocument, type FormDocumentOptions } from './form.ts';
export { planDocument, chooseScale, countFixtures, type PlanDocumentOptions, type PlanScale } from './floorplan.ts';
