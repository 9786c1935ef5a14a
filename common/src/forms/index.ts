// Form definitions (自助填单): the document model, its checker and the pure helpers the
// kiosk, the server and the documents module share. See definition.ts.
export * from './definition.ts';
export * from './fields.ts';
export * from './check.ts';
export * from './print.ts';
export * from './prefill.ts';
export * from './regions.ts';
export * from './submission.ts';
