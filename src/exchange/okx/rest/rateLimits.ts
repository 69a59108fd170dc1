import { type OkxRateLimit, okxRateLimitFor } from '../protocol/rateLimits.ts';

/**
 * The budget of each request the client sends: OKX's limits as `protocol/rateLimits.ts` lists them
 * (shared with the simulator's face), plus the endpoints the client uses that the table does not
 * budget (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-bills-details-last-7-days:
 * 5 per second per User ID), plus OKX's most common private budget for anything else.
 * Overrides (tests) are keyed `METHOD path`.
 */
export type { OkxRateLimit } from '../protocol/rateLimits.ts';

const CLIENT_ONLY: Readonly<Record<string, OkxRateLimit>> = {
  'GET /api/v5/account/bills': { limit: 5, windowMs: 1_000, per: 'user' },
};

const FALLBACK: OkxRateLimit = { limit: 5, windowMs: 2_000, per: 'user' };

export function clientRateLimitFor(
  method: 'GET' | 'POST',
  path: string,
  overrides?: Readonly<Record<string, OkxRateLimit>>,
): OkxRateLimit {
  const key = `${method} ${path}`;
  return overrides?.[key] ?? okxRateLimitFor(method, path) ?? CLIENT_ONLY[key] ?? FALLBACK;
}
