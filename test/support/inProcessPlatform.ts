import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePort } from '../../src/cli/freePort.ts';
import { bitmartVenueNames } from '../../src/exchange/bitmart/bitmartVenueNames.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { loadWsWorkerConfig } from '../../src/platform/config/wsWorkerConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine, type SimEngine } from '../../src/simulator/engine/index.ts';
import { createMarket, type SimulatedMarket } from '../../src/simulator/market/index.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { startWsWorker, type WsWorker } from '../../src/ws-worker/main.ts';
import { migratedPglite } from './freshPglite.ts';

const SHARED_SECRET = 'in-process-platform-secret-0123456789';

/**
 * The whole platform on one manual clock: the simulator's engine and market in process (behind the
 * exchange port, no wire), the real trading-app and the real ws-worker talking to each other over
 * loopback HTTP as in production (signals, callbacks, place-order). Time moves only in `run`, which
 * lets every piece finish what the last step started before taking the next: hours pass in seconds.
 */
export interface InProcessPlatform {
  readonly clock: ManualClock;
  readonly engine: SimEngine;
  readonly market: SimulatedMarket;
  readonly accountId: string;
  readonly app: TradingApp;
  readonly worker: WsWorker;
  /** Advances `ms` in steps of `stepMs`, settling after each; `afterStep` sees every settled moment. */
  run(ms: number, options?: { stepMs?: number; afterStep?: () => void }): Promise<void>;
  /** Resolves once no schedule runs or waits and the worker's outbox is empty. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startInProcessPlatform(options: {
  start: number;
  seed: number;
  balanceUsdt?: string;
  env?: Record<string, string>;
  /** The MTF and trade-entry YAML files; default the package's `config/`. */
  configDirectory?: string;
}): Promise<InProcessPlatform> {
  const clock = new ManualClock(options.start);
  const market = createMarket({ seed: options.seed, clock, tickMs: 1_000 });
  const engine = createEngine({ market, clock, seed: options.seed });
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
  const workerDirectory = await mkdtemp(join(tmpdir(), 'in-process-worker-'));
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
      logger: silentLogger(),
      exchange: venue().exchange,
      freshMarketData: true,
      initialDataDir: await migratedPglite(),
      ...(options.configDirectory ? { configDirectory: options.configDirectory } : {}),
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
      logger: silentLogger(),
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
    async stop() {
      await worker.stop();
      await app.stop();
      market.stop();
      engine.stop();
      await rm(workerDirectory, { recursive: true, force: true });
    },
  };
}
