import type { AddressInfo } from 'node:net';
import { type Clock, SystemClock } from '../platform/clock/index.ts';
import { httpOrigin, type TradingAppConfig } from '../platform/config/tradingAppConfig.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { buildTradingAppServer } from './api/buildTradingAppServer.ts';
import { TradingAppMetrics } from './metrics/TradingAppMetrics.ts';
import { createTradingAppStore, openDatabase } from './store/index.ts';
import { WsWorkerClient } from './ws-worker-client/WsWorkerClient.ts';

export interface TradingApp {
  /** `http://host:port`, with the real port when APP_ADDR asked for port 0. */
  readonly url: string;
  /** Where the data lives, for humans: `PGlite in ./var/data` or the server URL without its password. */
  readonly storage: string;
  /** The worker's control API, with our callback URL as the default `callback_url`. */
  readonly wsWorker: WsWorkerClient;
  /** Stops accepting requests, then closes the worker client and the store. Idempotent. */
  stop(): Promise<void>;
}

export interface TradingAppOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * Composition root of the trading-app: database → store → HTTP API, and the worker client. The
 * schema is migrated before the port opens, so the first signal never meets a missing table.
 */
export async function startTradingApp(config: TradingAppConfig, options: TradingAppOptions = {}): Promise<TradingApp> {
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? createLogger({ name: 'trading-app' });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDirectory,
    logger,
  });
  const store = createTradingAppStore(database, {
    clock,
    logger,
    alertPolicy: { minAvailable: config.alerts.minAvailable, maxFrozenPercent: config.alerts.maxFrozenPercent },
  });
  const metrics = new TradingAppMetrics({ processMetrics: true });
  const app = buildTradingAppServer({ store, clock, logger, metrics, sharedSecret: config.sharedSecret });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const url = httpOrigin(config.host, (app.server.address() as AddressInfo).port);
  const wsWorker = new WsWorkerClient({
    baseUrl: config.wsWorker.baseUrl,
    clock,
    callbackUrl: `${config.appBaseUrl ?? url}/api/orders/callback`,
    ...(config.wsWorker.controlToken ? { controlToken: config.wsWorker.controlToken } : {}),
  });
  logger.info({ url, storage: describeStorage(config) }, 'trading-app listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await app.close();
      await wsWorker.close();
      await store.close();
    })();
    return stopping;
  };
  return { url, storage: describeStorage(config), wsWorker, stop };
}

export function describeStorage(config: TradingAppConfig): string {
  if (config.databaseUrl === undefined) return `PGlite in ${config.dataDirectory}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
