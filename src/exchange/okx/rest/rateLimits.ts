import { type OkxRateLimit, okxRateLimitFor } from '../protocol/rateLimits.ts';

/**
 * The budget of each request the client sends: OKX's limits as `protocol/rateLimits.ts` lists them
 * (shared with the simulator's face), or OKX's most common private budget for anything else.
 * Overrides (tests) are keyed `METHOD path`.
 */
export type { OkxRateLimit } from '../protocol/rateLimits.ts';

const FALLBACK: OkxRateLimit = { limit: 5, windowMs: 2_000, per: 'user' };

export function clientRateLimitFor(
  method: 'GET' | 'POST',
  path: string,
  overrides?: Readonly<Record<string, OkxRateLimit>>,
): OkxRateLimit {
  const key = `${method} ${path}`;
  return overrides?.[key] ?? okxRateLimitFor(method, path) ?? FALLBACK;
}
