import { z } from 'zod';
import { type BitmartConfig, loadBitmartConfig } from './bitmartConfig.ts';
import { allowedHostList, ConfigError, type Env, hostPort, nonNegativeInt, parseEnv } from './env.ts';
import { loadQueueConfig, type QueueConfig } from './queueConfig.ts';
import { loadVenueConfig, type VenueConfig } from './venueConfig.ts';
import { loadWorkerLeaseConfig, type WorkerLeaseConfig } from './workerLeaseConfig.ts';

/** Comma-separated seconds, each from 0 to an hour (fractions allowed), at least one. */
const secondsList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .pipe(
    z
      .array(z.string().regex(/^\d+(\.\d+)?$/, 'expected seconds separated by commas, for example 5,15,45,120'))
      .min(1)
      .transform((entries) => entries.map(Number))
      .refine((seconds) => seconds.every((value) => value <= 3_600), 'expected at most 3600 seconds per retry'),
  );

/**
 * The ws-worker's environment: every variable of the seeds with the original's default
 * (docs/reference/seed-contracts.md#worker-environment), except `CTRL_ADDR`, which defaults to loopback: the control
 * API can stop the worker and place orders, so exposing it is a choice that also needs `CTRL_TOKEN`.
 */
const WsWorkerEnvSchema = z.object({
  CTRL_ADDR: hostPort.default({ host: '127.0.0.1', port: 8089 }),
  CTRL_TOKEN: z.string().optional(),
  /** Names the app may reach us by besides loopback and CTRL_ADDR's host (a service name in docker). */
  CTRL_ALLOWED_HOSTS: allowedHostList,
  TRADING_APP_BASE_URI: z.string().default(''),
  TRADING_APP_ORDER_SIGNAL_PATH: z.string().min(1).default('/api/ws-worker/orders'),
  TRADING_APP_BALANCE_SIGNAL_PATH: z.string().min(1).default('/api/ws-worker/balance'),
  /**
   * Where the entry-zone and SL/TP monitors report when a request names no callback_url
   * (seed-contracts.md#callbacks).
   */
  TRADING_APP_CALLBACK_PATH: z.string().min(1).default('/api/orders/callback'),
  TRADING_APP_SHARED_SECRET: z.string().optional(),
  /** The name of the same secret in the root `.env` of the seeds (seed-contracts.md#worker-environment). */
  WS_WORKER_SHARED_SECRET: z.string().optional(),
  TRADING_APP_REQUEST_TIMEOUT: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected seconds, for example 2.0')
    .transform(Number)
    .refine((seconds) => seconds > 0 && seconds <= 60, 'expected more than 0 and at most 60 seconds')
    .default(2),
  TRADING_APP_SIGNAL_MAX_RETRIES: nonNegativeInt.max(20).default(5),
  /**
   * Ours: the seconds waited before retry 1, 2, 3… of a signal, the last repeating: the PHP
   * dispatcher's fixed `backoffDelays` [0, 5, 15, 45, 120] (docs/reference/seed-contracts.md#signal-delivery; its first entry, the first
   * attempt's, is always 0) as a setting, for a deployment (or an end-to-end test) whose app comes
   * back faster or slower than that plans for. Unset: the seed's schedule.
   */
  TRADING_APP_SIGNAL_RETRY_DELAYS_S: secondsList.optional(),
  TRADING_APP_SIGNAL_FAILURE_LOG: z.string().min(1).default('var/order-signal-failures.log'),
  TRADING_APP_BALANCE_FAILURE_LOG: z.string().min(1).default('var/balance-signal-failures.log'),
  TRADING_APP_CALLBACK_FAILURE_LOG: z.string().min(1).default('var/order-callback-failures.log'),
  /**
   * Ours: resend the last known USDT balance this often even when unchanged, so the app's balance
   * history has regular points to bucket and compute daily PnL from (the original sent on change
   * only). 0 turns it off.
   */
  BALANCE_SIGNAL_INTERVAL_S: nonNegativeInt.max(86_400).default(60),
  WORKER_DATA_DIR: z.string().min(1).default('var/ws-worker'),
  ORDERS_CONFIG: z.string().min(1).default('config/orders.yaml'),
});

/** Where the worker's signals go; `undefined` in the config when `TRADING_APP_BASE_URI` is empty. */
export type TradingAppSignalConfig = Readonly<{
  baseUrl: string;
  orderSignalUrl: string;
  balanceSignalUrl: string;
  /** Default `callback_url` of place-order requests that carry none. */
  callbackUrl: string;
  sharedSecret: string;
  requestTimeoutMs: number;
  maxRetries: number;
  /**
   * Seconds before retry n at index n (index 0, the first attempt, is 0), the last repeating;
   * undefined: the outbox's default, the seed's schedule.
   */
  backoffSeconds: readonly number[] | undefined;
  orderFailureLog: string;
  balanceFailureLog: string;
  callbackFailureLog: string;
  /** 0: balance signals on change only. */
  balanceHeartbeatMs: number;
}>;

export type WsWorkerConfig = Readonly<{
  bitmart: BitmartConfig;
  /** The venue the worker trades on (`EXCHANGE`, default BitMart at `bitmart`). */
  venue: VenueConfig;
  control: Readonly<{ host: string; port: number; token: string | undefined; allowedHosts: readonly string[] }>;
  /** Undefined: signals disabled, as the original did with an empty `TRADING_APP_BASE_URI`. */
  tradingApp: TradingAppSignalConfig | undefined;
  /** Outbox and execution store live here. */
  dataDirectory: string;
  ordersConfigPath: string;
  /** Feeds the `${VAR:-default}` of the orders YAML, which reads the same environment. */
  ordersConfigEnv: Env;
  /** `WORKER_LEASE=postgres`: active or standby on a shared lease (decision 0037); undefined: the only worker. */
  lease: WorkerLeaseConfig | undefined;
  /** The apps' shared queue (`QUEUE`): its server holds the REST budget the key's processes share (decision 0038). */
  queue: QueueConfig;
}>;

/** Placeholders printed in the seeds; a worker signing with one signs for anybody. */
const PLACEHOLDER_SECRETS = new Set(['change-me', 'your-secure-secret-here', 'un_secret_securise']);

export function loadWsWorkerConfig(env: Env = process.env): WsWorkerConfig {
  const bitmart = loadBitmartConfig(env);
  const venue = loadVenueConfig(env);
  const parsed = parseEnv(WsWorkerEnvSchema, env);
  const token = parsed.CTRL_TOKEN?.trim() || undefined;
  if (!isLoopback(parsed.CTRL_ADDR.host) && !token) {
    throw new ConfigError(
      'CTRL_TOKEN',
      `required when CTRL_ADDR binds a non-loopback address (${parsed.CTRL_ADDR.host}): anyone who reaches the control API can place orders and stop the worker`,
    );
  }
  if (token !== undefined && token.length < 16) {
    throw new ConfigError('CTRL_TOKEN', 'expected at least 16 characters (openssl rand -hex 32)');
  }
  return Object.freeze({
    bitmart,
    venue,
    control: Object.freeze({
      host: parsed.CTRL_ADDR.host,
      port: parsed.CTRL_ADDR.port,
      token,
      allowedHosts: Object.freeze(parsed.CTRL_ALLOWED_HOSTS),
    }),
    tradingApp: tradingAppConfig(parsed),
    dataDirectory: parsed.WORKER_DATA_DIR,
    ordersConfigPath: parsed.ORDERS_CONFIG,
    ordersConfigEnv: Object.freeze({ ...env }),
    lease: loadWorkerLeaseConfig(env, venue),
    queue: loadQueueConfig(env),
  });
}

function tradingAppConfig(parsed: z.infer<typeof WsWorkerEnvSchema>): TradingAppSignalConfig | undefined {
  const base = parsed.TRADING_APP_BASE_URI.trim();
  if (base === '') return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(base) || !URL.canParse(base)) {
    throw new ConfigError('TRADING_APP_BASE_URI', 'expected an http or https URL, for example http://127.0.0.1:8080');
  }
  // Fail closed: the original silently disabled signals without a secret; we refuse to start.
  const secret = (parsed.TRADING_APP_SHARED_SECRET ?? parsed.WS_WORKER_SHARED_SECRET ?? '').trim();
  if (secret === '') {
    throw new ConfigError(
      'TRADING_APP_SHARED_SECRET',
      'required when TRADING_APP_BASE_URI is set (also read as WS_WORKER_SHARED_SECRET)',
    );
  }
  if (PLACEHOLDER_SECRETS.has(secret)) {
    throw new ConfigError(
      'TRADING_APP_SHARED_SECRET',
      'is a placeholder from the docs; generate one with openssl rand -hex 32',
    );
  }
  return Object.freeze({
    baseUrl: base.replace(/\/+$/, ''),
    orderSignalUrl: joinUrl(base, parsed.TRADING_APP_ORDER_SIGNAL_PATH),
    balanceSignalUrl: joinUrl(base, parsed.TRADING_APP_BALANCE_SIGNAL_PATH),
    callbackUrl: joinUrl(base, parsed.TRADING_APP_CALLBACK_PATH),
    sharedSecret: secret,
    requestTimeoutMs: Math.round(parsed.TRADING_APP_REQUEST_TIMEOUT * 1000),
    maxRetries: parsed.TRADING_APP_SIGNAL_MAX_RETRIES,
    backoffSeconds:
      parsed.TRADING_APP_SIGNAL_RETRY_DELAYS_S && Object.freeze([0, ...parsed.TRADING_APP_SIGNAL_RETRY_DELAYS_S]),
    orderFailureLog: parsed.TRADING_APP_SIGNAL_FAILURE_LOG,
    balanceFailureLog: parsed.TRADING_APP_BALANCE_FAILURE_LOG,
    callbackFailureLog: parsed.TRADING_APP_CALLBACK_FAILURE_LOG,
    balanceHeartbeatMs: parsed.BALANCE_SIGNAL_INTERVAL_S * 1000,
  });
}

/** The original's join: `rtrim(base, '/') + '/' + ltrim(path, '/')`. */
function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
