import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Env, hostPort, parseEnv } from './env.ts';
import { loadSimulatorConfig, type SimulatorConfig } from './simulatorConfig.ts';
import { VENUES, type VenueName } from './venueConfig.ts';

/**
 * `bin/console up`: the simulator, the ws-worker and the trading-app as one paper-trading group on
 * loopback. Each piece still reads its own variables; this adds the wiring between them (URLs,
 * demo keys, one generated shared secret) on top of whatever the user set.
 */
const PlatformEnvSchema = z.object({
  APP_ADDR: hostPort.default({ host: '127.0.0.1', port: 8080 }),
  CTRL_ADDR: hostPort.default({ host: '127.0.0.1', port: 8089 }),
  UP_SYMBOLS: z
    .string()
    .regex(/^[A-Z0-9]+(,[A-Z0-9]+)*$/, 'expected symbols separated by commas, for example BTCUSDT,ETHUSDT')
    .default('BTCUSDT,ETHUSDT,SOLUSDT'),
  UP_TIMEFRAMES: z
    .string()
    .regex(/^(1m|5m|15m|30m|1h|2h|4h|1d|1w)(,(1m|5m|15m|30m|1h|2h|4h|1d|1w))*$/, 'expected timeframes such as 1m,5m,1h')
    .default('1m,5m,15m,1h,4h'),
  /** Balance snapshots every 15 s by default, so the demo's history visibly grows. */
  BALANCE_SIGNAL_INTERVAL_S: z.string().regex(/^\d+$/).default('15'),
  WS_WORKER_SHARED_SECRET: z.string().optional(),
  /** The venue the group trades on: the simulator's BitMart face or its OKX face (`up --venue`). */
  EXCHANGE: z.enum(VENUES, { message: `expected ${VENUES.join(' or ')}` }).default('bitmart'),
});

export type Address = Readonly<{ host: string; port: number }>;

export type PlatformConfig = Readonly<{
  /** Whose wire the worker and the app speak to the simulator; its demo account takes that venue's defaults. */
  venue: VenueName;
  simulator: SimulatorConfig;
  app: Address;
  control: Address;
  /** Shared by the worker (signing) and the app (verifying); generated when unset. */
  sharedSecret: string;
  symbols: readonly string[];
  timeframes: readonly string[];
  /** The user's environment, for the variables each piece reads on its own. */
  env: Env;
  balanceSignalIntervalSeconds: string;
}>;

export function loadPlatformConfig(env: Env = process.env): PlatformConfig {
  const parsed = parseEnv(PlatformEnvSchema, env);
  return Object.freeze({
    venue: parsed.EXCHANGE,
    // OKX accounts start in net mode, BitMart's in hedge mode (decision 0027).
    simulator: loadSimulatorConfig({ ...env, SIM_VENUE: parsed.EXCHANGE }),
    app: parsed.APP_ADDR,
    control: parsed.CTRL_ADDR,
    sharedSecret: parsed.WS_WORKER_SHARED_SECRET?.trim() || randomBytes(32).toString('hex'),
    symbols: parsed.UP_SYMBOLS.split(','),
    timeframes: parsed.UP_TIMEFRAMES.split(','),
    env: Object.freeze({ ...env }),
    balanceSignalIntervalSeconds: parsed.BALANCE_SIGNAL_INTERVAL_S,
  });
}

/** The simulator as the exchange of a piece: nothing in the group may reach a real venue. */
function simulatorExchange(config: PlatformConfig, simulatorUrl: string): Env {
  const ws = simulatorUrl.replace(/^http/, 'ws');
  if (config.venue === 'okx') {
    return {
      EXCHANGE: 'okx',
      OKX_BASE_URL: simulatorUrl,
      OKX_WS_PUBLIC_URI: `${ws}/ws/v5/public`,
      OKX_WS_PRIVATE_URI: `${ws}/ws/v5/private`,
      OKX_WS_BUSINESS_URI: `${ws}/ws/v5/business`,
      OKX_API_KEY: config.simulator.apiKey,
      OKX_API_SECRET: config.simulator.apiSecret,
      // The simulator's OKX face takes the account's memo as the passphrase (decision 0027).
      OKX_API_PASSPHRASE: config.simulator.apiMemo,
    };
  }
  return {
    EXCHANGE: 'bitmart',
    BITMART_BASE_URL: simulatorUrl,
    BITMART_PUBLIC_WS_URI: `${ws}/api?protocol=1.1`,
    BITMART_PRIVATE_WS_URI: `${ws}/user?protocol=1.1`,
    BITMART_API_KEY: config.simulator.apiKey,
    BITMART_API_SECRET: config.simulator.apiSecret,
    BITMART_API_MEMO: config.simulator.apiMemo,
  };
}

/** The worker's environment inside the group: the simulator as its exchange, the app as its receiver. */
export function workerEnvironment(
  config: PlatformConfig,
  urls: { simulator: string; app: string; control: Address },
): Env {
  return {
    ...config.env,
    ...simulatorExchange(config, urls.simulator),
    CTRL_ADDR: `${urls.control.host}:${urls.control.port}`,
    TRADING_APP_BASE_URI: urls.app,
    TRADING_APP_SHARED_SECRET: config.sharedSecret,
    BALANCE_SIGNAL_INTERVAL_S: config.balanceSignalIntervalSeconds,
  };
}

/** The app's environment inside the group: the simulator as its exchange too (contracts, klines). */
export function appEnvironment(config: PlatformConfig, urls: { app: Address; worker: string; simulator: string }): Env {
  return {
    ...config.env,
    ...simulatorExchange(config, urls.simulator),
    // Paper trading on the simulator: the scheduled runs trade, unless the user said otherwise.
    MTF_WORKERS_DRY_RUN: config.env['MTF_WORKERS_DRY_RUN'] ?? 'false',
    APP_ADDR: `${urls.app.host}:${urls.app.port}`,
    WS_WORKER_SHARED_SECRET: config.sharedSecret,
    WS_WORKER_BASE_URL: urls.worker,
  };
}
