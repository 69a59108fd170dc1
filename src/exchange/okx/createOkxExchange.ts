import type { Clock } from '../../platform/clock/index.ts';
import { InvalidRequestError } from '../../platform/errors/exchangeErrors.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { OkxFuturesExchange } from './OkxFuturesExchange.ts';
import { isOkxTag } from './protocol/fields.ts';
import type { OkxRateLimiter } from './rest/OkxRateLimiter.ts';
import { type OkxCredentials, OkxRestClient } from './rest/OkxRestClient.ts';
import type { OkxRateLimit } from './rest/rateLimits.ts';

/** OKX's production REST host (https://www.okx.com/docs-v5/en/#overview-production-trading-services); demo trading uses it too, with a header. */
export const OKX_DEFAULT_REST_URL = 'https://www.okx.com';
/** Our orders' tag when none is configured: letters and digits, ≤ 16. */
export const OKX_DEFAULT_ORDER_TAG = 'tradingplatform';

export interface OkxClientConfig {
  readonly restUrl: string;
  /** Undefined: public data only. */
  readonly credentials: OkxCredentials | undefined;
  /** OKX demo trading (`x-simulated-trading: 1`). */
  readonly demo: boolean;
  /** Our own order tag (default `tradingplatform`). */
  readonly orderTag?: string;
}

export interface CreateOkxExchangeOptions {
  readonly config: OkxClientConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly requestTimeoutMs?: number;
  /** OKX counts per user id and instrument, not per client object: share one per key. */
  readonly rateLimiter?: OkxRateLimiter;
  readonly rateLimits?: Readonly<Record<string, OkxRateLimit>>;
  readonly clockRefreshIntervalMs?: number;
}

/**
 * The composition of the OKX REST adapter: keep-alive transport on `config.restUrl` → signed
 * client (rate limiter, server-time offset) → `OkxFuturesExchange`. `start()` measures the clock
 * offset and warms the connection; `stop()` releases it.
 */
export function createOkxExchange(options: CreateOkxExchangeOptions): OkxFuturesExchange {
  const orderTag = options.config.orderTag ?? OKX_DEFAULT_ORDER_TAG;
  if (!isOkxTag(orderTag))
    throw new InvalidRequestError(`the OKX order tag must be 1–16 letters and digits, got ${JSON.stringify(orderTag)}`);
  const client = new OkxRestClient({
    baseUrl: options.config.restUrl,
    credentials: options.config.credentials,
    clock: options.clock,
    demo: options.config.demo,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.clockRefreshIntervalMs === undefined ? {} : { clockRefreshIntervalMs: options.clockRefreshIntervalMs }),
  });
  return new OkxFuturesExchange(client, { orderTag });
}
