/**
 * BitMart's REST rate limits (bitmart-api.md §2.7). Each endpoint has its own counter; the table
 * groups endpoints that share a limit. Public endpoints count per IP, private ones per API key
 * (BitMart's "per UID" limits are counted per key: the simulator has one key per account).
 */
export interface RateLimitFamily {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly per: 'ip' | 'key';
}

function family(limit: number, windowSeconds: number, per: 'ip' | 'key'): RateLimitFamily {
  return { limit, windowSeconds, per };
}

const PUBLIC_MARKET = family(12, 2, 'ip');
const SYSTEM = family(10, 1, 'ip');

const FAMILIES: Readonly<Record<string, RateLimitFamily>> = {
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
  '/contract/private/submit-plan-order': family(24, 2, 'key'),
  '/contract/private/submit-tp-sl-order': family(24, 2, 'key'),
  '/contract/private/modify-limit-order': family(24, 2, 'key'),
  '/contract/private/cancel-plan-order': family(40, 2, 'key'),
  '/contract/private/cancel-all-after': family(4, 2, 'key'),
  '/contract/private/get-open-orders': family(50, 2, 'key'),
  '/contract/private/order': family(50, 2, 'key'),
  '/contract/private/current-plan-order': family(50, 2, 'key'),
  '/contract/private/order-history': family(6, 2, 'key'),
  '/contract/private/trades': family(6, 2, 'key'),
  '/contract/private/transaction-history': family(6, 2, 'key'),
  '/contract/private/position': family(6, 2, 'key'),
  '/contract/private/position-v2': family(6, 2, 'key'),
  '/contract/private/assets-detail': family(12, 2, 'key'),
  '/contract/private/submit-leverage': family(24, 2, 'key'),
  '/contract/private/position-risk': family(24, 2, 'key'),
  '/contract/private/set-position-mode': family(2, 2, 'key'),
  '/contract/private/get-position-mode': family(2, 2, 'key'),
  '/contract/private/trade-fee-rate': family(2, 2, 'key'),
  '/account/v1/transfer-contract': family(1, 2, 'key'),
  '/account/v1/transfer-contract-list': family(1, 2, 'key'),
};

/** Endpoints §2.7 does not list (ccxt's spot stubs, unknown paths) get the public-market limit. */
export const DEFAULT_FAMILY: RateLimitFamily = PUBLIC_MARKET;

export function rateLimitFamilyFor(path: string): RateLimitFamily {
  return FAMILIES[path] ?? DEFAULT_FAMILY;
}
