import type { Clock } from '../../platform/clock/index.ts';
import type { BitmartConfig } from '../../platform/config/bitmartConfig.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { BitmartFuturesExchange } from './BitmartFuturesExchange.ts';
import type { RestRateLimitFamily } from './protocol/rateLimits.ts';
import { BitmartRestClient } from './rest/BitmartRestClient.ts';
import type { RestRateLimiter } from './rest/RestRateLimiter.ts';

export interface CreateBitmartExchangeOptions {
  readonly config: BitmartConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Deadline of one REST request; default 10 s. */
  readonly requestTimeoutMs?: number;
  /**
   * BitMart counts limits per key and per IP, not per client object: components of one process
   * that use the same key should share one limiter. Default: a limiter of this exchange's own.
   */
  readonly rateLimiter?: RestRateLimiter;
  /** Overrides of the documented limits (tests); keyed by path. */
  readonly rateLimits?: Readonly<Record<string, RestRateLimitFamily>>;
  /** How often the server-time offset is measured again; default 10 min. */
  readonly clockRefreshIntervalMs?: number;
}

/**
 * The composition of the BitMart REST adapter: transport (keep-alive pool on `config.restUrl`) →
 * signed client (rate limiter, server-time offset) → `BitmartFuturesExchange`. Call `start()` to
 * measure the clock offset and warm the connection before the first order, `stop()` to release it.
 */
export function createBitmartExchange(options: CreateBitmartExchangeOptions): BitmartFuturesExchange {
  const client = new BitmartRestClient({
    baseUrl: options.config.restUrl,
    credentials: options.config.credentials,
    clock: options.clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.clockRefreshIntervalMs === undefined ? {} : { clockRefreshIntervalMs: options.clockRefreshIntervalMs }),
  });
  return new BitmartFuturesExchange(client);
}
