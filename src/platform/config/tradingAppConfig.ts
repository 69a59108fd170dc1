import { z } from 'zod';
import { allowedHostList, booleanFlag, ConfigError, type Env, hostPort, parseEnv } from './env.ts';
import { loadMtfEvaluation, loadQueueConfig, type MtfEvaluation, type QueueConfig } from './queueConfig.ts';
import { loadScheduleConfig, type ScheduleConfig } from './scheduleConfig.ts';

/**
 * The trading-app's environment (docs/reference/seed-contracts.md#app-environment). The shared secret is required: the
 * original accepted unsigned signals when it was empty (in dev, and for orders in every environment), which
 * let anybody who reached the port write balances and orders. We fail closed instead.
 */
const httpUrl = z
  .string()
  .trim()
  .refine(
    (value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value),
    'expected an http or https URL, for example http://127.0.0.1:8080',
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** docker-compose writes `NAME=` for an unset optional variable: treat blank as unset. */
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const decimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal number');

const TradingAppEnvSchema = z.object({
  APP_ADDR: hostPort.default({ host: '127.0.0.1', port: 8080 }),
  /** Names callers may reach us by besides loopback and APP_ADDR's host (a service name in docker). */
  APP_ALLOWED_HOSTS: allowedHostList,
  WS_WORKER_SHARED_SECRET: z.string().trim().optional(),
  /** One worker's control API, or every worker of the account separated by commas (decision 0037). */
  WS_WORKER_BASE_URL: unsetIfBlank(
    z
      .string()
      .default('http://127.0.0.1:8089')
      .transform((value) => value.split(',').map((entry) => entry.trim()))
      .pipe(z.array(httpUrl).min(1)),
  ),
  /** Bearer token of the worker's control API, when it is exposed beyond loopback (its CTRL_TOKEN). */
  WS_WORKER_CTRL_TOKEN: z.string().trim().optional(),
  DATABASE_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: unsetIfBlank(z.string().trim().default('./var/data')),
  BALANCE_ALERT_MIN: unsetIfBlank(decimal.optional()),
  BALANCE_ALERT_FROZEN_PCT: unsetIfBlank(
    decimal.refine((value) => Number(value) <= 100, 'expected a percentage between 0 and 100').default('80'),
  ),
  APP_BASE_URL: unsetIfBlank(httpUrl.optional()),
  /**
   * Bearer token of the controls (`/api/controls/*`, the MTF switch writes) for callers that are not
   * on loopback; without it those controls answer only loopback.
   */
  APP_API_TOKEN: unsetIfBlank(
    z.string().trim().min(16, 'expected at least 16 characters (openssl rand -hex 32)').optional(),
  ),
  /** Live entries against a venue that is not on loopback (a real exchange) need this, said in so many words. */
  LIVE_TRADING: unsetIfBlank(booleanFlag.default(false)),
});

export type TradingAppConfig = Readonly<{
  host: string;
  /** 0 = an ephemeral port (tests); the real one is known after listen. */
  port: number;
  /** `APP_ALLOWED_HOSTS`, and the authority of `APP_BASE_URL` when it is set. */
  allowedHosts: readonly string[];
  sharedSecret: string;
  /** `baseUrls`: the account's workers; the client talks to whichever is active. */
  wsWorker: Readonly<{ baseUrls: readonly string[]; controlToken: string | undefined }>;
  /** Undefined: embedded PGlite under `dataDirectory`. */
  databaseUrl: string | undefined;
  dataDirectory: string;
  alerts: Readonly<{ minAvailable: string | undefined; maxFrozenPercent: string }>;
  /** Where the worker reaches us for callbacks; undefined = the address we listen on. */
  appBaseUrl: string | undefined;
  schedules: ScheduleConfig;
  /** QUEUE: the schedules in this process, or on BullMQ shared with other instances (decision 0030). */
  queue: QueueConfig;
  /** MTF_EVALUATION: a run's symbols evaluated in the app, or in batches on `mtf:worker` processes. */
  mtfEvaluation: MtfEvaluation;
  /** LIVE_TRADING: entries may go to a venue that is not on loopback. */
  liveTradingConfirmed: boolean;
  /** APP_API_TOKEN: what a control from off loopback must carry; undefined: controls from loopback only. */
  apiToken: string | undefined;
}>;

/** Placeholders printed in the seeds and env examples; a secret anybody can read signs for anybody. */
const PLACEHOLDER_SECRETS = new Set(['change-me', 'your-secure-secret-here', 'un_secret_securise']);

export function loadTradingAppConfig(env: Env = process.env): TradingAppConfig {
  const parsed = parseEnv(TradingAppEnvSchema, env);
  const secret = parsed.WS_WORKER_SHARED_SECRET ?? '';
  if (secret === '') {
    throw new ConfigError(
      'WS_WORKER_SHARED_SECRET',
      'required: the HMAC secret shared with the ws-worker (its TRADING_APP_SHARED_SECRET); generate one with openssl rand -hex 32',
    );
  }
  if (PLACEHOLDER_SECRETS.has(secret)) {
    throw new ConfigError(
      'WS_WORKER_SHARED_SECRET',
      'is a placeholder from the docs; generate one with openssl rand -hex 32',
    );
  }
  return Object.freeze({
    host: parsed.APP_ADDR.host,
    port: parsed.APP_ADDR.port,
    allowedHosts: Object.freeze([
      ...parsed.APP_ALLOWED_HOSTS,
      ...(parsed.APP_BASE_URL ? [new URL(parsed.APP_BASE_URL).host] : []),
    ]),
    sharedSecret: secret,
    wsWorker: Object.freeze({
      baseUrls: Object.freeze(parsed.WS_WORKER_BASE_URL),
      controlToken: parsed.WS_WORKER_CTRL_TOKEN || undefined,
    }),
    databaseUrl: parsed.DATABASE_URL,
    dataDirectory: parsed.DATA_DIR,
    alerts: Object.freeze({
      minAvailable: parsed.BALANCE_ALERT_MIN,
      maxFrozenPercent: parsed.BALANCE_ALERT_FROZEN_PCT,
    }),
    appBaseUrl: parsed.APP_BASE_URL,
    schedules: loadScheduleConfig(env),
    queue: sharedQueue(env, parsed.DATABASE_URL),
    mtfEvaluation: loadMtfEvaluation(env),
    liveTradingConfirmed: parsed.LIVE_TRADING,
    apiToken: parsed.APP_API_TOKEN,
  });
}

/** `http://host:port` for a listening address, brackets around IPv6. */
export function httpOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Instances that share ticks must share the store too: separate PGlite directories would not share trades. */
function sharedQueue(env: Env, databaseUrl: string | undefined): QueueConfig {
  const queue = loadQueueConfig(env);
  if (queue.backend !== 'inprocess' && databaseUrl === undefined) {
    throw new ConfigError(
      'QUEUE',
      `${queue.backend} spreads the schedules over several instances, which need one shared store: set DATABASE_URL too`,
    );
  }
  return queue;
}
