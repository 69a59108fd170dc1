export * from './balanceSignal.ts';
export * from './common.ts';
export * from './orderCallback.ts';
export * from './orderSignal.ts';
