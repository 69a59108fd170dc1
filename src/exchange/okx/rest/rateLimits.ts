/**
 * OKX's documented REST rate limits (https://www.okx.com/docs-v5/en/#overview-rate-limits), as the client budgets them. OKX counts public endpoints per IP (a few
 * also per instrument type or instrument), private ones per user id, and trading endpoints per user
 * id **and instrument**: place, amend and cancel each have their own budget per instId. The limiter
 * bucket of a request is therefore its path, the scope (`ip` or the key) and, for `per:
 * 'instrument'`, the instId of the request; cancel-all-after counts per tag.
 */
export interface OkxRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** `instrument`: per user id and instId of the request; `tag`: per user id and tag. */
  readonly per: 'ip' | 'ip+instrument' | 'key' | 'instrument' | 'tag';
}

function limit(count: number, windowSeconds: number, per: OkxRateLimit['per']): OkxRateLimit {
  return { limit: count, windowMs: windowSeconds * 1000, per };
}

export const OKX_REST_RATE_LIMITS: Readonly<Record<string, OkxRateLimit>> = {
  '/api/v5/public/time': limit(10, 2, 'ip'),
  // Per IP and instType; the client only ever asks for SWAP.
  '/api/v5/public/instruments': limit(20, 2, 'ip'),
  '/api/v5/public/mark-price': limit(10, 2, 'ip+instrument'),
  '/api/v5/public/funding-rate': limit(10, 2, 'ip+instrument'),
  '/api/v5/market/ticker': limit(20, 2, 'ip'),
  '/api/v5/market/tickers': limit(20, 2, 'ip'),
  '/api/v5/market/books': limit(40, 2, 'ip'),
  '/api/v5/market/candles': limit(40, 2, 'ip'),
  '/api/v5/market/history-candles': limit(20, 2, 'ip'),
  '/api/v5/account/balance': limit(10, 2, 'key'),
  '/api/v5/account/positions': limit(10, 2, 'key'),
  '/api/v5/account/config': limit(5, 2, 'key'),
  '/api/v5/account/set-position-mode': limit(5, 2, 'key'),
  '/api/v5/account/set-leverage': limit(20, 2, 'key'),
  '/api/v5/account/leverage-info': limit(20, 2, 'key'),
  '/api/v5/account/bills': limit(5, 1, 'key'),
  '/api/v5/trade/order': limit(60, 2, 'instrument'),
  '/api/v5/trade/batch-orders': limit(300, 2, 'instrument'),
  '/api/v5/trade/cancel-order': limit(60, 2, 'instrument'),
  '/api/v5/trade/cancel-batch-orders': limit(300, 2, 'instrument'),
  '/api/v5/trade/amend-order': limit(60, 2, 'instrument'),
  '/api/v5/trade/close-position': limit(20, 2, 'instrument'),
  '/api/v5/trade/orders-pending': limit(60, 2, 'key'),
  '/api/v5/trade/orders-history': limit(40, 2, 'key'),
  '/api/v5/trade/fills': limit(60, 2, 'key'),
  '/api/v5/trade/order-algo': limit(20, 2, 'instrument'),
  '/api/v5/trade/cancel-algos': limit(20, 2, 'instrument'),
  '/api/v5/trade/orders-algo-pending': limit(20, 2, 'key'),
  '/api/v5/trade/cancel-all-after': limit(1, 1, 'tag'),
};

/** An endpoint missing from the table gets OKX's most common private budget. */
const FALLBACK = limit(5, 2, 'key');

export function okxRateLimitFor(path: string, overrides?: Readonly<Record<string, OkxRateLimit>>): OkxRateLimit {
  return overrides?.[path] ?? OKX_REST_RATE_LIMITS[path] ?? FALLBACK;
}
