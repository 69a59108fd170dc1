import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePort } from '../../src/cli/freePort.ts';
import { type Platform, startPlatform } from '../../src/cli/startPlatform.ts';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import type { PositionSide } from '../../src/exchange/port/types.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { appEnvironment } from '../../src/platform/config/platformConfig.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { startTradingApp, type TradingApp } from '../../src/trading-app/main.ts';
import { SimAdmin } from '../support/simAdmin.ts';
import { waitFor } from '../support/waitFor.ts';

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown> & { data?: unknown };
}

/**
 * The platform as `bin/console up` composes it (simulator → trading-app → ws-worker over loopback),
 * with the random walk paused (prices move only by `/sim/price`) and the background schedules off,
 * plus a second BitMart client on the same account: "another tool on the exchange", which opens and
 * protects positions the way a person would.
 */
export class DashboardPlatform {
  readonly admin: SimAdmin;
  readonly venue: FuturesExchange & { stop(): Promise<void> };
  app: TradingApp;
  readonly #platform: Platform;
  readonly #directory: string;

  private constructor(platform: Platform, directory: string) {
    this.#platform = platform;
    this.#directory = directory;
    this.app = platform.app;
    this.admin = new SimAdmin(platform.simulator.server.url);
    const { simulator } = platform.config;
    const ws = platform.simulator.server.url.replace(/^http/, 'ws');
    this.venue = createBitmartExchange({
      config: loadBitmartConfig({
        BITMART_BASE_URL: platform.simulator.server.url,
        BITMART_PUBLIC_WS_URI: `${ws}/api?protocol=1.1`,
        BITMART_PRIVATE_WS_URI: `${ws}/user?protocol=1.1`,
        BITMART_API_KEY: simulator.apiKey,
        BITMART_API_SECRET: simulator.apiSecret,
        BITMART_API_MEMO: simulator.apiMemo,
      }),
      clock: new SystemClock(),
    });
  }

  static async start(env: Record<string, string> = {}): Promise<DashboardPlatform> {
    const directory = mkdtempSync(join(tmpdir(), 'dashboard-'));
    const appAddress = await resolvePort({ host: '127.0.0.1', port: 0 });
    const platform = await startPlatform(
      {
        SIM_ADDR: '127.0.0.1:0',
        SIM_ORDER_VISIBILITY_MS: '0',
        SIM_BALANCE_USDT: '1000000',
        APP_ADDR: `127.0.0.1:${appAddress.port}`,
        CTRL_ADDR: '127.0.0.1:0',
        DATA_DIR: join(directory, 'app'),
        WORKER_DATA_DIR: join(directory, 'worker'),
        TRADING_APP_SIGNAL_FAILURE_LOG: join(directory, 'order-failures.log'),
        TRADING_APP_BALANCE_FAILURE_LOG: join(directory, 'balance-failures.log'),
        TRADING_APP_CALLBACK_FAILURE_LOG: join(directory, 'callback-failures.log'),
        BALANCE_SIGNAL_INTERVAL_S: '0',
        UP_SYMBOLS: 'BTCUSDT',
        UP_TIMEFRAMES: '1m',
        MTF_WORKERS_CRON: 'off',
        CONTRACT_SYNC_CRON: 'off',
        CLEANUP_CRON: 'off',
        ...env,
      },
      () => silentLogger(),
    );
    const kit = new DashboardPlatform(platform, directory);
    await kit.admin.pause();
    return kit;
  }

  get workerUrl(): string {
    return this.#platform.worker.controlUrl;
  }

  get simulatorUrl(): string {
    return this.#platform.simulator.server.url;
  }

  async get(path: string): Promise<Answer> {
    const response = await fetch(`${this.app.url}${path}`);
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${this.app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  /** The size (contracts) of `symbol`'s `side` position on the exchange; 0 when flat. */
  async held(symbol: string, side: PositionSide = 'long'): Promise<Dec> {
    const positions = await this.venue.positions(symbol);
    return positions.find((position) => position.side === side)?.size ?? new Dec(0);
  }

  /** Opens (or adds to) a position at market, as a person on the exchange would; resolves once it is held. */
  async open(symbol: string, side: PositionSide, size: number, clientOrderId: string): Promise<string> {
    const before = await this.held(symbol, side);
    const ack = await this.venue.submitOrder({
      symbol,
      clientOrderId,
      side: side === 'long' ? 'open_long' : 'open_short',
      type: 'market',
      size: new Dec(size),
      leverage: new Dec(10),
      marginMode: 'isolated',
    });
    await waitFor(async () => (await this.held(symbol, side)).gt(before), `the ${symbol} position to open`);
    return ack.orderId;
  }

  async lastPrice(symbol: string): Promise<Dec> {
    return new Dec(await this.admin.lastPrice(symbol));
  }

  /** `price` rounded down to the symbol's tick. */
  onTick(symbol: string, price: Dec): string {
    const tick = this.#platform.simulator.market.contract(symbol)?.tickSize ?? new Dec(1);
    return price.div(tick).floor().mul(tick).toFixed();
  }

  contractSize(symbol: string): Dec {
    return this.#platform.simulator.market.contract(symbol)?.contractSize ?? new Dec(1);
  }

  /** Stops the app and starts it again on the same data and port: what a restart of the process does. */
  async restartApp(): Promise<void> {
    await this.app.stop();
    const config = this.#platform.config;
    const appEnv = appEnvironment(config, {
      app: config.app,
      worker: this.#platform.worker.controlUrl,
      simulator: this.#platform.simulator.server.url,
    });
    this.app = await startTradingApp(loadTradingAppConfig(appEnv), {
      logger: silentLogger(),
      bitmart: loadBitmartConfig(appEnv),
      freshMarketData: true,
    });
  }

  async stop(): Promise<void> {
    await this.venue.stop();
    await this.app.stop();
    await this.#platform.stop();
    rmSync(this.#directory, { recursive: true, force: true });
  }
}
