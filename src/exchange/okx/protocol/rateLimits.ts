/**
 * OKX's REST rate limits (https://www.okx.com/docs-v5/en/#overview-rate-limits and each endpoint's
 * "Rate Limit" line): a number of requests per window, counted per IP (public data, sometimes with
 * the instrument type or id), per User ID (private), or per User ID and instrument id (trading).
 * The batch endpoints count orders, not requests, and a batch of one counts against its single
 * endpoint's budget. Exceeding a limit is 50011 (HTTP 429 "Too Many Requests").
 */
export type OkxRateLimitScope = 'ip' | 'ipInstType' | 'ipInstId' | 'user' | 'userInstId' | 'userTag';

export interface OkxRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  readonly per: OkxRateLimitScope;
  /** Batch endpoints: each order of the body counts once. */
  readonly perOrder?: true;
  /** A batch of one counts against this path's budget instead. */
  readonly singleOf?: string;
}

const TWO_S = 2_000;
const rule = (limit: number, per: OkxRateLimitScope, windowMs = TWO_S): OkxRateLimit => ({ limit, windowMs, per });

export const OKX_REST_RATE_LIMITS: Readonly<Record<string, OkxRateLimit>> = {
  '/api/v5/public/instruments': rule(20, 'ipInstType'),
  '/api/v5/public/time': rule(10, 'ip'),
  '/api/v5/public/mark-price': rule(10, 'ipInstId'),
  '/api/v5/public/funding-rate': rule(10, 'ipInstId'),
  '/api/v5/market/ticker': rule(20, 'ip'),
  '/api/v5/market/tickers': rule(20, 'ip'),
  '/api/v5/market/books': rule(40, 'ip'),
  '/api/v5/market/candles': rule(40, 'ip'),
  '/api/v5/market/history-candles': rule(20, 'ip'),
  '/api/v5/account/config': rule(5, 'user'),
  '/api/v5/account/set-position-mode': rule(5, 'user'),
  '/api/v5/account/set-leverage': rule(20, 'user'),
  '/api/v5/account/leverage-info': rule(20, 'user'),
  '/api/v5/account/balance': rule(10, 'user'),
  '/api/v5/account/positions': rule(10, 'user'),
  '/api/v5/account/bills': rule(5, 'user', 1_000),
  '/api/v5/account/bills-archive': rule(5, 'user'),
  '/api/v5/asset/currencies': rule(6, 'user', 1_000),
  '/api/v5/trade/order': rule(60, 'userInstId'),
  '/api/v5/trade/batch-orders': { ...rule(300, 'userInstId'), perOrder: true, singleOf: '/api/v5/trade/order' },
  '/api/v5/trade/cancel-order': rule(60, 'userInstId'),
  '/api/v5/trade/cancel-batch-orders': {
    ...rule(300, 'userInstId'),
    perOrder: true,
    singleOf: '/api/v5/trade/cancel-order',
  },
  '/api/v5/trade/amend-order': rule(60, 'userInstId'),
  '/api/v5/trade/amend-batch-orders': {
    ...rule(300, 'userInstId'),
    perOrder: true,
    singleOf: '/api/v5/trade/amend-order',
  },
  '/api/v5/trade/close-position': rule(20, 'userInstId'),
  '/api/v5/trade/orders-pending': rule(60, 'user'),
  '/api/v5/trade/orders-history': rule(40, 'user'),
  '/api/v5/trade/fills': rule(60, 'user'),
  '/api/v5/trade/fills-history': rule(10, 'user'),
  '/api/v5/trade/order-algo': rule(20, 'userInstId'),
  '/api/v5/trade/cancel-algos': rule(20, 'userInstId'),
  '/api/v5/trade/orders-algo-pending': rule(20, 'user'),
  '/api/v5/trade/cancel-all-after': rule(1, 'userTag', 1_000),
};

/** `GET trade/order` (detail) shares the path of `POST trade/order` but has its own limit. */
export const OKX_ORDER_DETAIL_RATE_LIMIT: OkxRateLimit = rule(60, 'userInstId');

/** The limit of `method path` (path without query), or undefined for an endpoint we do not budget. */
export function okxRateLimitFor(method: 'GET' | 'POST', path: string): OkxRateLimit | undefined {
  if (method === 'GET' && path === '/api/v5/trade/order') return OKX_ORDER_DETAIL_RATE_LIMIT;
  return OKX_REST_RATE_LIMITS[path];
}
