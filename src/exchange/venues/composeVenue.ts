import type { Clock } from '../../platform/clock/index.ts';
import type { VenueConfig } from '../../platform/config/venueConfig.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { RateBudget } from '../../platform/rateBudget/RateBudget.ts';
import { bitmartVenueNames } from '../bitmart/bitmartVenueNames.ts';
import { createBitmartExchange } from '../bitmart/createBitmartExchange.ts';
import { RestRateLimiter } from '../bitmart/rest/RestRateLimiter.ts';
import { createBitmartStreams } from '../bitmart/streams/createBitmartStreams.ts';
import { createOkxExchange } from '../okx/createOkxExchange.ts';
import { okxVenueNames } from '../okx/okxVenueNames.ts';
import { OkxRateLimiter } from '../okx/rest/OkxRateLimiter.ts';
import { createOkxStreams } from '../okx/streams/createOkxStreams.ts';
import type { FuturesExchange, MarketStream, RateLimitUsage, UserStream, VenueNames } from '../port/index.ts';

/** A venue's REST adapter as a composition root holds it: started, stopped, its rate-limit windows shown. */
export type VenueExchange = FuturesExchange & {
  start(): Promise<void>;
  stop(): Promise<void>;
  rateLimitUsage(): readonly RateLimitUsage[];
};

export interface ComposedVenue {
  readonly exchange: VenueExchange;
  /** The venue's names the roles show (order signals' side codes, kline channels). */
  readonly names: VenueNames;
  /**
   * The venue's streams over this exchange. `closedCandles: 'stream'` trusts the stream's closed
   * candles where the venue's stream says so (BitMart); OKX's are always confirmed over REST.
   */
  streams(options?: { closedCandles?: 'rest' | 'stream' }): { market: MarketStream; user: UserStream | undefined };
}

/**
 * The one place a venue name becomes adapters (decision 0032): the roles' composition roots and
 * the CLI ask here, so `EXCHANGE` picks BitMart or OKX for all of them alike. With `sharedBudget`
 * the REST limiter counts in the budget every process of the key shares (decision 0038).
 */
export function composeVenue(
  config: VenueConfig,
  clock: Clock,
  logger: Logger,
  options: { sharedBudget?: RateBudget } = {},
): ComposedVenue {
  const shared = options.sharedBudget;
  if (config.venue === 'okx') {
    const { okx } = config;
    const exchange = createOkxExchange({
      ...(shared ? { rateLimiter: new OkxRateLimiter({ clock, logger, shared }) } : {}),
      config: {
        restUrl: okx.restUrl,
        credentials: okx.credentials,
        demo: okx.demo,
        ...(okx.orderTag ? { orderTag: okx.orderTag } : {}),
      },
      clock,
      logger,
    });
    return {
      exchange,
      names: okxVenueNames,
      streams: () =>
        createOkxStreams({
          config: {
            publicWsUrl: okx.publicWsUrl,
            privateWsUrl: okx.privateWsUrl,
            businessWsUrl: okx.businessWsUrl,
            credentials: okx.credentials,
            pingIntervalMs: okx.pingIntervalMs,
            reconnectDelayMs: okx.reconnectDelayMs,
          },
          clock,
          logger,
          exchange,
        }),
    };
  }
  const { bitmart } = config;
  const exchange = createBitmartExchange({
    config: bitmart,
    clock,
    logger,
    ...(shared ? { rateLimiter: new RestRateLimiter({ clock, logger, shared }) } : {}),
  });
  return {
    exchange,
    names: bitmartVenueNames,
    streams: (options = {}) =>
      createBitmartStreams({
        config: bitmart,
        clock,
        logger,
        klineSource: (query) => exchange.klines(query),
        ...(options.closedCandles ? { closedCandleSource: options.closedCandles } : {}),
      }),
  };
}
