export * from './bars.ts';
export * from './bookChecksum.ts';
export * from './codes.ts';
export * from './fields.ts';
export * from './instruments.ts';
export * from './rateLimits.ts';
export * from './signing.ts';
export * from './wire/index.ts';
