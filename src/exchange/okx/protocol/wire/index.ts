/**
 * OKX API v5 wire schemas (REST bodies and WebSocket frames) for USDT-margined swaps, with OKX's
 * camelCase names and an `Okx` prefix. Mapping to the port's types happens in `exchange/okx/mapping`.
 */
export * from './account.ts';
export * from './envelope.ts';
export * from './market.ts';
export * from './primitives.ts';
export * from './publicData.ts';
export * from './trade.ts';
export * from './ws.ts';
