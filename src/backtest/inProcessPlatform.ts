import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bitmartVenueNames } from '../exchange/bitmart/bitmartVenueNames.ts';
import type { ManualClock } from '../platform/clock/index.ts';
import { loadTradingAppConfig } from '../platform/config/tradingAppConfig.ts';
import { loadWsWorkerConfig } from '../platform/config/wsWorkerConfig.ts';
import { Dec } from '../platform/decimal/index.ts';
import { resolvePort } from '../platform/http/freePort.ts';
import { type Logger, silentLogger } from '../platform/logging/logger.ts';
import { createSimulatedVenue } from '../simulator/adapter/index.ts';
import { createEngine, type SimEngine } from '../simulator/engine/index.ts';
import type { Market } from '../simulator/market/index.ts';
import { startTradingApp, type TradingApp, type TradingAppOptions } from '../trading-app/main.ts';
import { startWsWorker, type WsWorker } from '../ws-worker/main.ts';

const SHARED_SECRET = 'in-process-platform-secret-0123456789';

/**
 * The whole platform on one manual clock: the simulator's engine and a market in process (behind
 * the exchange port, no wire), the real trading-app and the real ws-worker talking to each other
 * over loopback HTTP as in production (signals, callbacks, place-order). Time moves only in `run`
 * and `runUntil`, which let every piece finish what the last moment started before taking the next:
 * hours pass in seconds. The market is the caller's: the seeded one (tests) or a replay of recorded
 * candles (backtests); nothing else differs.
 */
export interface InProcessPlatform<M extends Market = Market> {
  readonly clock: ManualClock;
  readonly engine: SimEngine;
  readonly market: M;
  readonly accountId: string;
  readonly app: TradingApp;
  readonly worker: WsWorker;
  /** Advances `ms` in steps of `stepMs`, settling after each; `afterStep` sees every settled moment. */
  run(ms: number, options?: { stepMs?: number; afterStep?: () => void }): Promise<void>;
  /**
   * Advances to `endMs` from one timer to the next, settling at each: nothing happens between two
   * timers, so no moment is skipped and none is visited for nothing. `beforeStep` runs once the last
   * moment has settled, before the clock looks for the next one.
   */
  runUntil(endMs: number, hooks?: { beforeStep?: () => void; afterStep?: () => void }): Promise<void>;
  /** Resolves once no schedule runs or waits and the worker's outbox is empty. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface InProcessPlatformOptions<M extends Market> {
  readonly clock: ManualClock;
  /** Created on `clock`, not started: the engine subscribes to it first. */
  readonly market: M;
  readonly seed: number;
  readonly balanceUsdt?: string;
  readonly env?: Record<string, string>;
  /** The MTF and trade-entry YAML files; default the package's `config/`. */
  readonly configDirectory?: string;
  readonly logger?: Logger;
  /** The app's PGlite starts from this data directory (a migrated copy: tests skip the migrations). */
  readonly initialDataDir?: Blob;
  /** Where the worker's durable files go, in a directory of their own; default the OS temp directory. */
  readonly scratchDirectory?: string;
  /** Basis points by which the engine moves every market fill against the taker (a backtest's `--slippage`). */
  readonly marketSlippageBps?: number;
  /** Where the app keeps closed candles; default its `klines` table (a backtest: `MemoryKlines`). */
  readonly klineStore?: TradingAppOptions['klineStore'];
}

export async function startInProcessPlatform<M extends Market>(
  options: InProcessPlatformOptions<M>,
): Promise<InProcessPlatform<M>> {
  const { clock, market } = options;
  const logger = options.logger ?? silentLogger();
  const engine = createEngine({ market, clock, seed: options.seed, marketSlippageBps: options.marketSlippageBps ?? 0 });
  engine.start();
  market.start();
  const { accountId } = engine.createAccount({
    apiKey: 'in-process-key',
    apiSecret: 'in-process-secret',
    apiMemo: 'in-process-memo',
    balanceUsdt: new Dec(options.balanceUsdt ?? '10000'),
  });
  const venue = () => createSimulatedVenue({ engine, market, clock, accountId });
  const [appAddress, controlAddress] = await Promise.all([
    resolvePort({ host: '127.0.0.1', port: 0 }),
    resolvePort({ host: '127.0.0.1', port: 0 }),
  ]);
  const workerDirectory = await mkdtemp(join(options.scratchDirectory ?? tmpdir(), 'in-process-worker-'));
  const app = await startTradingApp(
    loadTradingAppConfig({
      APP_ADDR: `127.0.0.1:${appAddress.port}`,
      WS_WORKER_BASE_URL: `http://127.0.0.1:${controlAddress.port}`,
      WS_WORKER_SHARED_SECRET: SHARED_SECRET,
      DATA_DIR: 'memory://',
      MTF_WORKERS_DRY_RUN: 'false',
      ...options.env,
    }),
    {
      clock,
      logger,
      exchange: venue().exchange,
      // The app's own market stream: the dashboard's marks move with its tickers.
      marketStream: venue().marketStream,
      freshMarketData: true,
      ...(options.configDirectory ? { configDirectory: options.configDirectory } : {}),
      ...(options.initialDataDir ? { initialDataDir: options.initialDataDir } : {}),
      ...(options.klineStore ? { klineStore: options.klineStore } : {}),
    },
  );
  const workerVenue = venue();
  const worker = await startWsWorker(
    loadWsWorkerConfig({
      CTRL_ADDR: `127.0.0.1:${controlAddress.port}`,
      WORKER_DATA_DIR: workerDirectory,
      TRADING_APP_BASE_URI: app.url,
      TRADING_APP_SHARED_SECRET: SHARED_SECRET,
      TRADING_APP_SIGNAL_FAILURE_LOG: join(workerDirectory, 'order-failures.log'),
      TRADING_APP_BALANCE_FAILURE_LOG: join(workerDirectory, 'balance-failures.log'),
      TRADING_APP_CALLBACK_FAILURE_LOG: join(workerDirectory, 'callback-failures.log'),
      ORDERS_CONFIG: join(workerDirectory, 'absent-orders.yaml'),
      ...options.env,
    }),
    {
      clock,
      logger,
      venue: {
        exchange: workerVenue.exchange,
        market: workerVenue.marketStream,
        user: workerVenue.userStream,
        // The simulator speaks BitMart's wire, so the worker's users see BitMart's names.
        names: bitmartVenueNames,
      },
    },
  );

  const busy = (): boolean =>
    worker.status().outbox.depth > 0 || app.schedules.status().some((job) => job.running || job.queued);
  const settle = async (): Promise<void> => {
    // Promise chains and loopback sockets both need turns of the real event loop; a real-time pause
    // only while something is still in flight.
    for (let turn = 0; ; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!busy() && turn >= 2) return;
      if (turn > 2) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };

  return {
    clock,
    engine,
    market,
    accountId,
    app,
    worker,
    settle,
    async run(ms, runOptions = {}) {
      const stepMs = runOptions.stepMs ?? 1_000;
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.advance(Math.min(stepMs, end - clock.now()));
        await settle();
        runOptions.afterStep?.();
      }
    },
    async runUntil(endMs, hooks = {}) {
      while (clock.now() < endMs) {
        hooks.beforeStep?.();
        const due = clock.nextDueAt();
        clock.advanceTo(due === undefined ? endMs : Math.min(Math.max(due, clock.now()), endMs));
        await settle();
        hooks.afterStep?.();
      }
    },
    async stop() {
      await worker.stop();
      await app.stop();
      market.stop();
      engine.stop();
      await rm(workerDirectory, { recursive: true, force: true });
    },
  };
}
