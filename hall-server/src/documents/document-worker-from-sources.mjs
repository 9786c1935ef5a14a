// The document thread started from the TypeScript sources (development, tests): Node 20 does
// not give worker threads the tsx loader of the process that starts them, so this JavaScript
// entry loads the worker's code through tsx itself. The production bundle starts
// dist/document-worker.mjs instead (see document-thread.ts).
const { tsImport } = await import('tsx/esm/api');
await tsImport('./document-worker.ts', import.meta.url);
