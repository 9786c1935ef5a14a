// The pure queue engine: what the store, API and realtime layers import.
export * from './types.ts';
export * from './engine.ts';
export * from './selection.ts';
export * from './estimates.ts';
export * from './hours.ts';
export * from './numbering.ts';
export * from './waiting-index.ts';
