export * from './errors.ts';
export * from './time.ts';
export * from './domain.ts';
export * from './api.ts';
export * from './events.ts';
export * from './seed.ts';
export * from './validators.ts';
export * from './ticket-slip.ts';
