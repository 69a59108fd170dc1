import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Dispatcher } from 'undici';
import type { FuturesExchange } from '../exchange/port/FuturesExchange.ts';
import type { RateLimitUsage } from '../exchange/port/index.ts';
import type { MarketStream } from '../exchange/port/streams.ts';
import { type ComposedVenue, composeVenue } from '../exchange/venues/composeVenue.ts';
import { type Clock, SystemClock } from '../platform/clock/index.ts';
import type { BitmartConfig } from '../platform/config/bitmartConfig.ts';
import { ConfigError } from '../platform/config/env.ts';
import { httpOrigin, type TradingAppConfig } from '../platform/config/tradingAppConfig.ts';
import {
  loadVenueConfig,
  type VenueConfig,
  venueHasCredentials,
  venueRestUrl,
} from '../platform/config/venueConfig.ts';
import { RetryableError } from '../platform/errors/exchangeErrors.ts';
import type { InjectHandler } from '../platform/http/index.ts';
import { createLogger, type Logger } from '../platform/logging/logger.ts';
import { queueConnection } from '../platform/queue/queueConnection.ts';
import type { RateBudget } from '../platform/rateBudget/RateBudget.ts';
import { sharedRateBudget } from '../platform/rateBudget/sharedRateBudget.ts';
import { buildTradingAppServer } from './api/buildTradingAppServer.ts';
import { tradeDto } from './api/tradeRoutes.ts';
import { BacktestRepository } from './backtests/BacktestRepository.ts';
import type { BacktestRunner } from './backtests/BacktestRunner.ts';
import { BacktestService } from './backtests/BacktestService.ts';
import { composeDashboardApi } from './dashboard/composeDashboardApi.ts';
import { DashboardBundle } from './dashboard/page/DashboardBundle.ts';
import { registerDashboardPage } from './dashboard/page/pageRoutes.ts';
import { RetentionCleanup } from './maintenance/RetentionCleanup.ts';
import { createMarketData, type MarketData } from './market-data/createMarketData.ts';
import type { KlineStore } from './market-data/KlineStore.ts';
import { TradingAppMetrics } from './metrics/TradingAppMetrics.ts';
import type { ClosedCandleSource } from './mtf-runner/candles/ClosedCandleSource.ts';
import { FreshCandleSource } from './mtf-runner/candles/FreshCandleSource.ts';
import { QueueEvaluator } from './mtf-runner/evaluation/QueueEvaluator.ts';
import { ENTRIES_SWITCH, isEffectivelyOff, knownProfiles, StoreCandleSource } from './mtf-runner/index.ts';
import { DEFAULT_CONFIG_DIRECTORY, type MtfRecordStores, MtfService } from './mtf-runner/MtfService.ts';
import { BullmqScheduler } from './schedules/BullmqScheduler.ts';
import { platformJobs } from './schedules/platformJobs.ts';
import { Scheduler } from './schedules/Scheduler.ts';
import type { Schedules } from './schedules/Schedules.ts';
import { createTradingAppStore, openDatabase } from './store/index.ts';
import { composeTradeEntryApi } from './trade-entry/composeTradeEntryApi.ts';
import { tradeEntryProfiles } from './trade-entry/config/loadTradeEntryProfile.ts';
import { LiveTradeEntry } from './trade-entry/LiveTradeEntry.ts';
import { TradeReconciler } from './trades/TradeReconciler.ts';
import { TradeRepository } from './trades/TradeRepository.ts';
import { WsWorkerClient } from './ws-worker-client/WsWorkerClient.ts';

export interface TradingApp {
  /** `http://host:port`, with the real port when APP_ADDR asked for port 0. */
  readonly url: string;
  /** Where the data lives, for humans: `PGlite in ./var/data` or the server URL without its password. */
  readonly storage: string;
  /** The worker's control API, with our callback URL as the default `callback_url`. */
  readonly wsWorker: WsWorkerClient;
  /** Contracts and klines in the store, and their syncs from the exchange. */
  readonly marketData: MarketData;
  /** The in-process schedules (`GET /api/schedules`); a backtest waits for them to be idle. */
  readonly schedules: Pick<Scheduler, 'status'>;
  /** The HTTP API in process, without its socket: a backtest's transport from the worker (`InjectDispatcher`). */
  readonly inject: InjectHandler;
  /** Stops accepting requests, then closes the worker client and the store. Idempotent. */
  stop(): Promise<void>;
}

export interface TradingAppOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The venue, injected (tests); default the configured venue's REST adapter (public data needs no keys). */
  readonly exchange?: FuturesExchange;
  /** Default: `EXCHANGE` and its variables from the environment (its base URL points it at the simulator). */
  readonly venue?: VenueConfig;
  /** Shorthand for `venue: { venue: 'bitmart', bitmart }`. */
  readonly bitmart?: BitmartConfig;
  /**
   * Sync the contracts at start and catch stored klines up (REST) before each MTF run reads them.
   * `up` sets it (its venue is the simulator); off by default, so that a bare `app:serve` never
   * calls an exchange it was not explicitly pointed at.
   */
  readonly freshMarketData?: boolean;
  /** Where the MTF and trade-entry YAML files are read; default the package's `config/`. */
  readonly configDirectory?: string;
  /**
   * The injected venue's market stream (tests), which the app starts and stops: the dashboard's
   * marks move with its tickers. Without it the app's own kline stream serves (`up`), else the
   * marks move with the dashboard's reads of the venue.
   */
  readonly marketStream?: MarketStream;
  /** A new PGlite database starts from this data directory (`openDatabase`'s `initialDataDir`). */
  readonly initialDataDir?: Blob;
  /**
   * Where closed candles are kept and read by the runs; default the `klines` table. A backtest
   * keeps them in memory (docs/decisions/0031-backtest-speed.md).
   */
  readonly klineStore?: { readonly klines: KlineStore; readonly candles: ClosedCandleSource };
  /**
   * How the worker client reaches the worker; default sockets to `WS_WORKER_BASE_URL`. A backtest
   * hands the requests to the worker's `inject()` (docs/decisions/0031-backtest-speed.md).
   */
  readonly workerTransport?: Dispatcher;
  /** Where the MTF runs keep their locks, snapshots and summaries; default their tables (a backtest: memory). */
  readonly mtfRecords?: MtfRecordStores;
  /**
   * Runs backtests for `POST /api/backtests` on the stored klines (src/backtest, injected by the
   * composition root: the app does not import it); absent: no `/api/backtests` routes.
   */
  readonly backtests?: BacktestRunner;
}

/**
 * Composition root of the trading-app: database → store → HTTP API, and the worker client. The
 * schema is migrated before the port opens, so the first signal never meets a missing table.
 */
export async function startTradingApp(config: TradingAppConfig, options: TradingAppOptions = {}): Promise<TradingApp> {
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? createLogger({ name: 'trading-app' });
  // Before anything opens: a refusal here leaves nothing to close.
  const venueConfig = configuredVenue(options);
  const liveAllowed = liveTradingAllowed(config, options, venueConfig, logger);
  // This instance among others on a shared queue: its workers' name, its MTF gather queue.
  const instanceName = `app-${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDirectory,
    logger,
    initialDataDir: options.initialDataDir,
  });
  const store = createTradingAppStore(database, {
    clock,
    logger,
    alertPolicy: { minAvailable: config.alerts.minAvailable, maxFrozenPercent: config.alerts.maxFrozenPercent },
  });
  // On a shared queue, the processes of the key (apps, ws-worker) share its REST budget too.
  const sharedBudget =
    options.exchange || config.queue.backend === 'inprocess' ? undefined : sharedRateBudget(config.queue);
  const venue = options.exchange ? undefined : composeVenue(venueConfig, clock, logger, { sharedBudget });
  const { exchange, rateLimits, release: releaseExchange } = composeExchange(options, venue, sharedBudget);
  // With fresh market data on, closed candles arrive by the venue's kline stream (REST only for gaps).
  const klineStream = options.freshMarketData && venue ? venue.streams({ closedCandles: 'stream' }).market : undefined;
  const marketData = createMarketData({
    database,
    exchange,
    clock,
    logger,
    stream: klineStream,
    klines: options.klineStore?.klines,
  });
  const storedCandles = options.klineStore?.candles ?? new StoreCandleSource(database.drizzle);
  // The open-position/order exclusion reads private endpoints: only with credentials (or an injected venue).
  const privateVenue = options.exchange !== undefined || venueHasCredentials(venueConfig);
  const candles = options.freshMarketData
    ? new FreshCandleSource(storedCandles, (symbols, timeframe, now) =>
        marketData.klineSync.ensureFresh(symbols, [timeframe], now),
      )
    : undefined;
  if (options.freshMarketData) {
    try {
      await startMarketDataSync(marketData, klineStream, logger);
    } catch (error) {
      await klineStream?.stop();
      await releaseExchange();
      await store.close();
      throw error;
    }
  }
  await options.marketStream?.start();
  const trades = new TradeRepository(database.drizzle, clock);
  const configDirectory = options.configDirectory ?? DEFAULT_CONFIG_DIRECTORY;
  const reconciler = privateVenue ? new TradeReconciler({ exchange, db: database.drizzle, clock, logger }) : undefined;
  // The worker client needs our address, known once we listen; entries only start after that.
  let worker: WsWorkerClient | undefined;
  const entriesPaused = async (): Promise<boolean> =>
    (await mtf.switches.states()).some((state) => state.key === ENTRIES_SWITCH && isEffectivelyOff(state, clock.now()));
  const liveEntry: LiveTradeEntry | undefined =
    privateVenue && liveAllowed
      ? new LiveTradeEntry({
          exchange,
          trades,
          profileFor: tradeEntryProfiles(configDirectory),
          placeOrder: (request) => {
            if (!worker) throw new RetryableError('the worker client is not ready yet', 1_000);
            return worker.placeOrder(request);
          },
          entriesPaused,
          clock,
          logger,
        })
      : undefined;
  const remoteEvaluator =
    config.mtfEvaluation === 'queue' && config.queue.backend !== 'inprocess'
      ? new QueueEvaluator({ connection: queueConnection(config.queue), clock, logger, instanceName })
      : undefined;
  const mtf: MtfService = new MtfService({
    db: database.drizzle,
    configDirectory,
    clock,
    logger,
    exchange: privateVenue ? exchange : undefined,
    liveEntry,
    candles,
    evaluator: remoteEvaluator,
    records: options.mtfRecords,
  });
  const metrics = new TradingAppMetrics({ processMetrics: true });
  const maintenance = new RetentionCleanup(database.drizzle, clock, logger);
  const schedules = composeSchedules(config, clock, logger, instanceName);
  for (const job of platformJobs({
    config: config.schedules,
    mtf,
    maintenance,
    // A bare app:serve calls no exchange it was not pointed at (freshMarketData is `up`'s).
    contractSync: options.freshMarketData ? marketData.contractSync : undefined,
    liveEntry,
    tradeReconciler: reconciler,
  })) {
    schedules.add(job);
  }
  const dashboardApi = composeDashboardApi({
    db: database.drizzle,
    exchange: privateVenue ? exchange : undefined,
    market: klineStream ?? options.marketStream,
    trades,
    formatTrade: tradeDto,
    mtf,
    store,
    schedules: () => schedules.status(),
    provider: { exchange, stream: klineStream, rateLimits },
    worker: () => worker,
    clock,
    logger,
  });
  const backtests =
    options.backtests &&
    new BacktestService({
      repository: new BacktestRepository(database.drizzle),
      runner: options.backtests,
      data: { contracts: marketData.contracts, klines: marketData.klines },
      clock,
      logger,
    });
  await backtests?.start();
  const app = buildTradingAppServer({
    store,
    clock,
    logger,
    metrics,
    sharedSecret: config.sharedSecret,
    exchange,
    marketData,
    mtf,
    maintenance,
    schedules,
    trades,
    tradeReconciliation: reconciler && {
      reconcile: (key) => reconciler.reconcile(key),
      requestSoon: () => schedules.trigger('trade-reconcile'),
    },
    tradeEntry: composeTradeEntryApi({
      exchange: privateVenue ? exchange : undefined,
      live: liveEntry,
      trades,
      profiles: tradeEntryProfiles(configDirectory),
      activeProfile: config.schedules.mtfRun.profile,
      candles: candles ?? storedCandles,
      entriesPaused,
      worker: () => worker,
      clock,
    }),
    providerHealth: { stream: klineStream, rateLimits },
    dashboard: dashboardApi.dashboard,
    events: dashboardApi.events,
    controls: dashboardApi.controls,
    backtests: backtests && { service: backtests, profiles: knownProfiles(configDirectory) },
    apiToken: config.apiToken,
    http: { boundHost: config.host, allowedHosts: config.allowedHosts },
  });
  registerDashboardPage(app, new DashboardBundle());
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await schedules.stop();
    await remoteEvaluator?.stop();
    await options.marketStream?.stop();
    await releaseExchange();
    await store.close();
    throw error;
  }
  const url = httpOrigin(config.host, (app.server.address() as AddressInfo).port);
  // A second command on the same PGlite directory (mtf:run) goes through this API instead.
  await database.advertise(url);
  try {
    await schedules.start();
  } catch (error) {
    // The shared queue unreachable (QUEUE=postgres|redis): close what is open, then refuse.
    await schedules.stop().catch(() => undefined);
    await remoteEvaluator?.stop().catch(() => undefined);
    await app.close();
    await mtf.close();
    await options.marketStream?.stop();
    await releaseExchange();
    await store.close();
    throw error;
  }
  // Trades that closed while the app was down.
  if (reconciler) schedules.trigger('trade-reconcile');
  const wsWorker = new WsWorkerClient({
    baseUrl: config.wsWorker.baseUrls,
    clock,
    callbackUrl: `${config.appBaseUrl ?? url}/api/orders/callback`,
    ...(config.wsWorker.controlToken ? { controlToken: config.wsWorker.controlToken } : {}),
    ...(options.workerTransport ? { dispatcher: options.workerTransport } : {}),
  });
  worker = wsWorker;
  logger.info({ url, storage: describeStorage(config) }, 'trading-app listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await schedules.stop();
      dashboardApi.stop();
      await app.close();
      await backtests?.stop();
      await mtf.close();
      await remoteEvaluator?.stop();
      await marketData.klineSync.stop();
      await klineStream?.stop();
      await options.marketStream?.stop();
      await releaseExchange();
      await wsWorker.close();
      await store.close();
    })();
    return stopping;
  };
  const inject: InjectHandler = (request) => app.inject(request);
  return { url, storage: describeStorage(config), wsWorker, marketData, schedules, inject, stop };
}

/**
 * In this process on the injected clock (one machine), or on the BullMQ queue every instance
 * shares (QUEUE=postgres|redis: decision 0030), each instance a worker named for its host and pid.
 */
function composeSchedules(config: TradingAppConfig, clock: Clock, logger: Logger, instanceName: string): Schedules {
  if (config.queue.backend === 'inprocess') return new Scheduler({ clock, logger });
  return new BullmqScheduler({
    connection: queueConnection(config.queue),
    clock,
    logger,
    workerName: instanceName,
  });
}

/** The timeframes the MTF profiles read, kept current for every listed contract. */
const SYNCED_TIMEFRAMES = ['4h', '1h', '15m', '5m', '1m'] as const;

/**
 * Contracts first (the universe comes from them), then the kline stream and its REST catch-up of
 * every listed contract, in the background: the app answers at once, and a run that comes before
 * the catch-up ends still catches up what it reads (FreshCandleSource).
 */
async function startMarketDataSync(
  marketData: MarketData,
  stream: MarketStream | undefined,
  logger: Logger,
): Promise<void> {
  await marketData.contractSync.sync();
  if (!stream) return;
  await stream.start();
  const symbols = (await marketData.contracts.listActive()).map((contract) => contract.symbol);
  marketData.klineSync.watch(symbols, SYNCED_TIMEFRAMES).catch((error: unknown) => {
    logger.warn({ err: error }, 'kline catch-up failed; runs will catch up what they read');
  });
}

/**
 * Entries may be placed on the simulator (a venue on loopback, or an injected one) freely; on a
 * real exchange only with LIVE_TRADING, and the start says so loudly. Scheduled live runs without
 * that flag refuse to start rather than quietly staying dry.
 */
function liveTradingAllowed(
  config: TradingAppConfig,
  options: TradingAppOptions,
  venueConfig: VenueConfig,
  logger: Logger,
): boolean {
  if (options.exchange) return true;
  const venue = new URL(venueRestUrl(venueConfig));
  if (['127.0.0.1', 'localhost', '[::1]'].includes(venue.hostname)) return true;
  if (config.liveTradingConfirmed) {
    logger.warn(
      { venue: venue.origin },
      `LIVE TRADING ENABLED: entries will be placed on ${venue.origin} with real money`,
    );
    return true;
  }
  if (!config.schedules.mtfRun.dryRun) {
    throw new ConfigError(
      'LIVE_TRADING',
      `MTF_WORKERS_DRY_RUN=false would trade on ${venue.origin}, a real exchange: set LIVE_TRADING=1 to confirm, or point ${venueConfig.venue === 'okx' ? 'OKX_BASE_URL' : 'BITMART_BASE_URL'} at the simulator`,
    );
  }
  return false;
}

function configuredVenue(options: TradingAppOptions): VenueConfig {
  if (options.venue) return options.venue;
  return options.bitmart ? { venue: 'bitmart', bitmart: options.bitmart } : loadVenueConfig();
}

/**
 * The injected venue (tests), or the configured venue's REST adapter of our own, which we then
 * release; its rate-limit windows feed `/provider/health`.
 */
function composeExchange(
  options: TradingAppOptions,
  venue: ComposedVenue | undefined,
  sharedBudget: RateBudget | undefined,
): { exchange: FuturesExchange; rateLimits?: () => readonly RateLimitUsage[]; release(): Promise<void> } {
  if (options.exchange) return { exchange: options.exchange, release: async () => {} };
  if (!venue) throw new Error('no venue to trade on');
  const own = venue.exchange;
  return {
    exchange: own,
    rateLimits: () => own.rateLimitUsage(),
    release: async () => {
      await own.stop();
      await sharedBudget?.close();
    },
  };
}

export function describeStorage(config: TradingAppConfig): string {
  if (config.databaseUrl === undefined) return `PGlite in ${config.dataDirectory}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
