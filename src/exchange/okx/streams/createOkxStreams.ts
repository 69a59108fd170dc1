import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import { createLogger } from '../../../platform/logging/logger.ts';
import type { FuturesExchange } from '../../port/FuturesExchange.ts';
import type { OrderTrigger } from '../../port/types.ts';
import { signOkxWsLogin } from '../protocol/signing.ts';
import type { OkxCredentials } from '../rest/OkxRestClient.ts';
import { OkxWsConnection } from '../ws/OkxWsConnection.ts';
import { OkxMarketStream } from './OkxMarketStream.ts';
import { OkxUserStream } from './OkxUserStream.ts';

/** OKX's production WebSockets (https://www.okx.com/docs-v5/en/#overview-production-trading-services); demo: `wspap.okx.com`. */
export const OKX_DEFAULT_WS_URLS = {
  public: 'wss://ws.okx.com:8443/ws/v5/public',
  private: 'wss://ws.okx.com:8443/ws/v5/private',
  business: 'wss://ws.okx.com:8443/ws/v5/business',
} as const;

export interface OkxStreamsConfig {
  readonly publicWsUrl: string;
  readonly privateWsUrl: string;
  readonly businessWsUrl: string;
  readonly credentials: OkxCredentials | undefined;
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
}

export interface CreateOkxStreamsOptions {
  readonly config: OkxStreamsConfig;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** The REST side: candle backfill, the private reconciliation, and the server time the login signs at. */
  readonly exchange: Pick<FuturesExchange, 'klines' | 'openOrders' | 'orderHistory' | 'serverTime'> & {
    readonly serverClock?: { now(): Promise<number> };
    readonly triggerOfAlgo?: (algoId: string) => OrderTrigger | undefined;
  };
  readonly random?: () => number;
}

/**
 * The port's streams over OKX: `OkxMarketStream` on the public and business WebSockets (both
 * connect on demand), `OkxUserStream` on the private one (`undefined` without credentials), which
 * logs in with a seconds timestamp taken from the venue's clock (a login older than 30 s is 60006).
 */
export function createOkxStreams(options: CreateOkxStreamsOptions): {
  market: OkxMarketStream;
  user: OkxUserStream | undefined;
} {
  const { config, clock, exchange } = options;
  const logger = options.logger ?? createLogger({ name: 'okx-streams' });
  const common = {
    clock,
    logger,
    ...(config.pingIntervalMs === undefined ? {} : { pingIntervalMs: config.pingIntervalMs }),
    ...(config.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: config.reconnectDelayMs }),
    ...(options.random ? { random: options.random } : {}),
  };
  const market = new OkxMarketStream({
    publicConnection: new OkxWsConnection({
      ...common,
      name: 'public',
      url: config.publicWsUrl,
      connectOnDemand: true,
    }),
    businessConnection: new OkxWsConnection({
      ...common,
      name: 'business',
      url: config.businessWsUrl,
      connectOnDemand: true,
    }),
    clock,
    logger,
    klineSource: (query) => exchange.klines(query),
  });
  const credentials = config.credentials;
  const serverNow = () => (exchange.serverClock ? exchange.serverClock.now() : exchange.serverTime());
  const user = credentials
    ? new OkxUserStream({
        connection: new OkxWsConnection({
          ...common,
          name: 'private',
          url: config.privateWsUrl,
          login: async () => {
            const timestamp = String(Math.floor((await serverNow()) / 1000));
            return {
              apiKey: credentials.apiKey,
              passphrase: credentials.passphrase,
              timestamp,
              sign: signOkxWsLogin(credentials.apiSecret, timestamp),
            };
          },
        }),
        clock,
        logger,
        rest: exchange,
        ...(exchange.triggerOfAlgo ? { triggerOfAlgo: (algoId: string) => exchange.triggerOfAlgo?.(algoId) } : {}),
      })
    : undefined;
  return { market, user };
}
