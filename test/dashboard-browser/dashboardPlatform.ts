import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePort } from '../../src/cli/freePort.ts';
import { type Platform, startPlatform } from '../../src/cli/startPlatform.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { appEnvironment } from '../../src/platform/config/platformConfig.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { SimAdmin } from '../support/simAdmin.ts';

/** What `npm start` runs (simulator → trading-app → ws-worker), in process, on free loopback ports. */
export interface DashboardPlatform {
  readonly platform: Platform;
  readonly sim: SimAdmin;
  /** The app now serving (a new one after `restartApp`). */
  app(): TradingApp;
  /** The dashboard's address: the app's `/`, on the same port across restarts. */
  readonly url: string;
  /** A JSON read of the app's API. */
  get<T>(path: string): Promise<T>;
  /** A JSON POST to the app's API, as a script on loopback sends it; any answer is returned. */
  post(path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }>;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  /** A market order on the simulator's demo account, as a trader would place it on the exchange. */
  marketOrder(symbol: string, side: 'buy' | 'sell', size: number, clientOrderId: string): void;
  /** A resting limit buy far below the market, as a trader would leave one on the exchange. */
  restingBuy(symbol: string, price: string, clientOrderId: string): void;
  /** A stop-loss trigger on the whole long position of `symbol` (closes at market); answers its order id. */
  stopLoss(symbol: string, triggerPrice: string): string;
  /** Cancels a waiting trigger, as a trader removing the stop on the exchange would. */
  cancelTrigger(symbol: string, orderId: string): void;
  stop(): Promise<void>;
}

/** BitMart's one-way `side` codes: 1 buy-open long, 4 sell-open short. */
const OPEN_SIDE = { buy: 1, sell: 4 } as const;
const CLOSE_LONG = 3;
/** The trigger watches the last price; plan category 2 covers the whole position. */
const LAST_PRICE = 1;
const WHOLE_POSITION = 2;

export async function startDashboardPlatform(symbols: readonly string[]): Promise<DashboardPlatform> {
  const directory = mkdtempSync(join(tmpdir(), 'dashboard-'));
  const appAddress = await resolvePort({ host: '127.0.0.1', port: 0 });
  const env = {
    SIM_ADDR: '127.0.0.1:0',
    SIM_ORDER_VISIBILITY_MS: '0',
    APP_ADDR: `127.0.0.1:${appAddress.port}`,
    CTRL_ADDR: '127.0.0.1:0',
    DATA_DIR: join(directory, 'app'),
    WORKER_DATA_DIR: join(directory, 'worker'),
    TRADING_APP_SIGNAL_FAILURE_LOG: join(directory, 'order-failures.log'),
    TRADING_APP_BALANCE_FAILURE_LOG: join(directory, 'balance-failures.log'),
    TRADING_APP_CALLBACK_FAILURE_LOG: join(directory, 'callback-failures.log'),
    BALANCE_SIGNAL_INTERVAL_S: '0',
    UP_SYMBOLS: symbols.join(','),
    UP_TIMEFRAMES: '1m',
  };
  const platform = await startPlatform(env, () => silentLogger());
  let app: TradingApp = platform.app;
  return {
    platform,
    sim: new SimAdmin(platform.simulator.server.url),
    app: () => app,
    url: `${platform.app.url}/`,
    get: async <T>(path: string) => (await (await fetch(`${app.url}${path}`)).json()) as T,
    post: async (path, body) => {
      const response = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stopApp: () => app.stop(),
    startApp: async () => {
      const appEnv = appEnvironment(platform.config, {
        app: platform.config.app,
        worker: platform.worker.controlUrl,
        simulator: platform.simulator.server.url,
      });
      app = await startTradingApp(loadTradingAppConfig(appEnv), {
        logger: silentLogger(),
        bitmart: loadBitmartConfig(appEnv),
        freshMarketData: true,
      });
    },
    marketOrder: (symbol, side, size, clientOrderId) => {
      const placed = platform.simulator.engine.submitOrder(platform.simulator.account.accountId, {
        symbol,
        side: OPEN_SIDE[side],
        type: 'market',
        mode: 1,
        size,
        clientOrderId,
      });
      if (!placed.ok) throw new Error(placed.error.message);
    },
    restingBuy: (symbol, price, clientOrderId) => {
      const placed = platform.simulator.engine.submitOrder(platform.simulator.account.accountId, {
        symbol,
        side: OPEN_SIDE.buy,
        type: 'limit',
        mode: 1,
        size: 1,
        price: new Dec(price),
        clientOrderId,
      });
      if (!placed.ok) throw new Error(placed.error.message);
    },
    stopLoss: (symbol, triggerPrice) => {
      const placed = platform.simulator.engine.submitTpSl(platform.simulator.account.accountId, {
        symbol,
        type: 'stop_loss',
        side: CLOSE_LONG,
        triggerPrice: new Dec(triggerPrice),
        executivePrice: new Dec(0),
        priceType: LAST_PRICE,
        planCategory: WHOLE_POSITION,
      });
      if (!placed.ok) throw new Error(placed.error.message);
      return placed.value.orderId;
    },
    cancelTrigger: (symbol, orderId) => {
      const cancelled = platform.simulator.engine.cancelPlanOrder(platform.simulator.account.accountId, {
        symbol,
        orderId,
      });
      if (!cancelled.ok) throw new Error(cancelled.error.message);
    },
    stop: async () => {
      await app.stop();
      await platform.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
