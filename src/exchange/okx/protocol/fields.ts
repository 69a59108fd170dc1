/**
 * Field rules OKX enforces on what we send (https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order):
 * `clOrdId` (and `algoClOrdId`, `attachAlgoClOrdId`) up to 32 letters and digits, no `-` or `_`;
 * `tag` up to 16.
 */
export const OKX_CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/;
export const OKX_TAG = /^[A-Za-z0-9]{1,16}$/;

export function isOkxClientOrderId(value: string): boolean {
  return OKX_CLIENT_ORDER_ID.test(value);
}

export function isOkxTag(value: string): boolean {
  return OKX_TAG.test(value);
}

/** Account-level vocabulary. */
export type OkxPosMode = 'net_mode' | 'long_short_mode';
export type OkxPosSide = 'net' | 'long' | 'short';
export type OkxTdMode = 'cross' | 'isolated';
export type OkxSide = 'buy' | 'sell';
export type OkxOrdType = 'market' | 'limit' | 'post_only' | 'fok' | 'ioc' | 'optimal_limit_ioc';
export type OkxOrderState = 'live' | 'partially_filled' | 'filled' | 'canceled' | 'mmp_canceled';
export type OkxAlgoOrdType = 'conditional' | 'oco' | 'trigger';
export type OkxAlgoState = 'live' | 'pause' | 'effective' | 'canceled' | 'order_failed' | 'partially_effective';
export type OkxTriggerPxType = 'last' | 'index' | 'mark';

/** `-1` as an algo order price: execute at market. */
export const OKX_MARKET_PRICE = '-1';
