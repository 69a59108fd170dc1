/**
 * BitMart's documented REST rate limits (docs/reference/bitmart-wire.md#rate-limits), as the client budgets them. Each
 * endpoint has its own counter; rows of the table that list several endpoints give each the same
 * limit. Public endpoints count per IP, private ones per key (BitMart's "per UID" limits are
 * counted per key: one key per account is the case we run).
 */
export interface RestRateLimitFamily {
  readonly limit: number;
  readonly windowMs: number;
  readonly per: 'ip' | 'key';
}

function family(limit: number, windowSeconds: number, per: 'ip' | 'key'): RestRateLimitFamily {
  return { limit, windowMs: windowSeconds * 1000, per };
}

const PUBLIC_MARKET = family(12, 2, 'ip');
const SYSTEM = family(10, 1, 'ip');
const PLAN_AND_MODIFY = family(24, 2, 'key');
const ORDER_QUERIES = family(50, 2, 'key');
const HISTORY = family(6, 2, 'key');
const POSITION_MODE = family(2, 2, 'key');

export const BITMART_REST_RATE_LIMITS: Readonly<Record<string, RestRateLimitFamily>> = {
  '/system/time': SYSTEM,
  '/system/service': SYSTEM,
  '/contract/public/details': PUBLIC_MARKET,
  '/contract/public/depth': PUBLIC_MARKET,
  '/contract/public/funding-rate': PUBLIC_MARKET,
  '/contract/public/funding-rate-history': PUBLIC_MARKET,
  '/contract/public/kline': PUBLIC_MARKET,
  '/contract/public/markprice-kline': PUBLIC_MARKET,
  '/contract/public/leverage-bracket': PUBLIC_MARKET,
  '/contract/public/market-trade': PUBLIC_MARKET,
  '/contract/public/open-interest': family(2, 2, 'ip'),
  '/contract/private/submit-order': family(24, 2, 'key'),
  '/contract/private/cancel-order': family(40, 2, 'key'),
  '/contract/private/cancel-orders': family(2, 2, 'key'),
  '/contract/private/submit-plan-order': PLAN_AND_MODIFY,
  '/contract/private/submit-tp-sl-order': PLAN_AND_MODIFY,
  '/contract/private/modify-limit-order': PLAN_AND_MODIFY,
  '/contract/private/modify-plan-order': PLAN_AND_MODIFY,
  '/contract/private/modify-tp-sl-order': PLAN_AND_MODIFY,
  '/contract/private/modify-preset-plan-order': PLAN_AND_MODIFY,
  '/contract/private/submit-trail-order': PLAN_AND_MODIFY,
  '/contract/private/cancel-plan-order': family(40, 2, 'key'),
  '/contract/private/cancel-all-after': family(4, 2, 'key'),
  '/contract/private/get-open-orders': ORDER_QUERIES,
  '/contract/private/order': ORDER_QUERIES,
  '/contract/private/current-plan-order': ORDER_QUERIES,
  '/contract/private/order-history': HISTORY,
  '/contract/private/trades': HISTORY,
  '/contract/private/transaction-history': HISTORY,
  '/contract/private/position': HISTORY,
  '/contract/private/position-v2': HISTORY,
  '/contract/private/assets-detail': family(12, 2, 'key'),
  '/contract/private/submit-leverage': family(24, 2, 'key'),
  '/contract/private/position-risk': family(24, 2, 'key'),
  '/contract/private/set-position-mode': POSITION_MODE,
  '/contract/private/get-position-mode': POSITION_MODE,
  '/contract/private/trade-fee-rate': POSITION_MODE,
  '/account/v1/transfer-contract': family(1, 2, 'key'),
  '/account/v1/transfer-contract-list': family(1, 2, 'key'),
};

/** An endpoint the table does not list gets the strictest common public limit. */
const UNLISTED = PUBLIC_MARKET;

export function restRateLimitFamilyFor(
  path: string,
  table: Readonly<Record<string, RestRateLimitFamily>> = BITMART_REST_RATE_LIMITS,
): RestRateLimitFamily {
  return table[path] ?? UNLISTED;
}
