import type { Clock } from '../../../platform/clock/index.ts';
import type { BitmartConfig } from '../../../platform/config/bitmartConfig.ts';
import { type Logger, silentLogger } from '../../../platform/logging/logger.ts';
import { HotMarketDecoder } from '../hot/HotMarketDecoder.ts';
import { BitmartWsConnection } from '../ws/BitmartWsConnection.ts';
import { BitmartMarketStream } from './BitmartMarketStream.ts';
import { BitmartUserStream } from './BitmartUserStream.ts';
import type { ClosedCandleSource } from './ClosedCandleSeries.ts';
import type { KlineSource } from './fetchClosedRange.ts';

export interface BitmartStreamsOptions {
  readonly config: BitmartConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Where closed candles are confirmed and gaps backfilled: `FuturesExchange['klines']`. */
  readonly klineSource: KlineSource;
  readonly closedCandleSource?: ClosedCandleSource;
  /** Override of the silence threshold (default 2 × ping interval + 5 s). */
  readonly silenceTimeoutMs?: number;
  /** Cap of the reconnect backoff (default 60 s). */
  readonly reconnectMaxDelayMs?: number;
  /** Jitter source in [0, 1) for the reconnect backoff; default Math.random. */
  readonly random?: () => number;
}

/**
 * The composition of BitMart's two WebSockets: the public one (config.publicWsUrl) behind a
 * `MarketStream`, the private one (config.privateWsUrl) behind a `UserStream`, which exists only
 * when credentials are configured.
 */
export function createBitmartStreams(options: BitmartStreamsOptions): {
  market: BitmartMarketStream;
  user: BitmartUserStream | undefined;
} {
  const { config, clock } = options;
  const logger = options.logger ?? silentLogger();
  const connectionOptions = (name: string, url: string) => ({
    name,
    url,
    clock,
    logger,
    subscribeBatch: config.subscribeBatch,
    subscribeDelayMs: config.subscribeDelayMs,
    pingIntervalMs: config.pingIntervalMs,
    reconnectDelayMs: config.reconnectDelayMs,
    ...(options.silenceTimeoutMs === undefined ? {} : { silenceTimeoutMs: options.silenceTimeoutMs }),
    ...(options.reconnectMaxDelayMs === undefined ? {} : { reconnectMaxDelayMs: options.reconnectMaxDelayMs }),
    ...(options.random ? { random: options.random } : {}),
  });
  const market = new BitmartMarketStream({
    connection: new BitmartWsConnection({
      ...connectionOptions('public', config.publicWsUrl),
      hotDecoder: new HotMarketDecoder(),
      // Nothing to hold is common (a worker with no klines, entries or positions): stay idle then.
      connectOnDemand: true,
    }),
    clock,
    logger,
    klineSource: options.klineSource,
    ...(options.closedCandleSource ? { closedCandleSource: options.closedCandleSource } : {}),
  });
  const credentials = config.credentials;
  const user = credentials
    ? new BitmartUserStream({
        connection: new BitmartWsConnection({ ...connectionOptions('private', config.privateWsUrl), credentials }),
        logger,
      })
    : undefined;
  return { market, user };
}
