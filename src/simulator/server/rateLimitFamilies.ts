import { restRateLimitFamilyFor } from '../../exchange/bitmart/protocol/rateLimits.ts';

/**
 * The simulator enforces the same table (docs/reference/bitmart-wire.md#rate-limits) the client budgets by
 * (exchange/bitmart/protocol), in whole-second windows because that is what BitMart's `X-BM-RateLimit-Reset` reports.
 */
export interface RateLimitFamily {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly per: 'ip' | 'key';
}

const families = new Map<string, RateLimitFamily>();

export function rateLimitFamilyFor(path: string): RateLimitFamily {
  let family = families.get(path);
  if (!family) {
    const documented = restRateLimitFamilyFor(path);
    family = { limit: documented.limit, windowSeconds: documented.windowMs / 1000, per: documented.per };
    // Unknown paths (scanners, typos) must not grow the cache without bound.
    if (families.size < 1_000) families.set(path, family);
  }
  return family;
}
