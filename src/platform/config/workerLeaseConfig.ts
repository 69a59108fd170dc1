import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, type Env, parseEnv } from './env.ts';
import type { VenueConfig } from './venueConfig.ts';

/** docker-compose writes `NAME=` for an unset optional variable: treat blank as unset. */
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/**
 * Failover of the ws-worker (decision 0037). `none` (the default): one worker, which owns its data
 * directory. `postgres`: every worker of one exchange account competes for a lease row on a shared
 * PostgreSQL server; the holder trades, the others stand by and take over when its lease expires.
 */
const WorkerLeaseEnvSchema = z.object({
  WORKER_LEASE: unsetIfBlank(z.enum(['none', 'postgres'], { message: 'expected none or postgres' }).default('none')),
  /** The lease's server; default `DATABASE_URL`, the store the app shares. */
  WORKER_LEASE_DATABASE_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_URL: unsetIfBlank(z.string().trim().optional()),
  /** Workers naming the same account compete for one lease; default the venue and a digest of the API key. */
  WORKER_LEASE_ACCOUNT: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:._-]{1,80}$/, 'expected letters, digits and : . _ - (at most 80)')
      .optional(),
  ),
  /** Seconds a lease lasts without a heartbeat: a dead worker is replaced this long after its last one. */
  WORKER_LEASE_TTL_S: unsetIfBlank(
    z.coerce
      .number()
      .int('expected whole seconds')
      .min(2, 'expected at least 2 seconds')
      .max(300, 'expected at most 300 seconds')
      .default(10),
  ),
  /** The schema holding the lease table (and nothing else of the app's). */
  WORKER_LEASE_SCHEMA: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,40}$/, 'expected a lowercase name such as ws_worker')
      .default('ws_worker'),
  ),
  /**
   * Where the outbox, the execution store and the record of what the app was told live: `files` in
   * `WORKER_DATA_DIR` (default; a standby continues from them on the same machine) or `postgres`,
   * on the lease's server (a standby on any machine continues from them).
   */
  WORKER_STATE: unsetIfBlank(z.enum(['files', 'postgres'], { message: 'expected files or postgres' }).default('files')),
  /** Where the app reaches this worker's control API, written in the lease row; default the bound address. */
  WORKER_ADVERTISED_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/, 'expected an http or https URL, for example http://10.0.0.5:8089')
      .optional(),
  ),
});

export type WorkerLeaseConfig = Readonly<{
  databaseUrl: string;
  account: string;
  ttlMs: number;
  schema: string;
  advertisedUrl: string | undefined;
  state: 'files' | 'postgres';
}>;

/** The lease of `WORKER_LEASE=postgres`, or `undefined` for a single worker. */
export function loadWorkerLeaseConfig(env: Env, venue: VenueConfig): WorkerLeaseConfig | undefined {
  const parsed = parseEnv(WorkerLeaseEnvSchema, env);
  if (parsed.WORKER_LEASE === 'none') {
    if (parsed.WORKER_STATE === 'postgres') {
      throw new ConfigError(
        'WORKER_STATE',
        'postgres keeps the state of the lease holder: set WORKER_LEASE=postgres too',
      );
    }
    return undefined;
  }
  const databaseUrl = parsed.WORKER_LEASE_DATABASE_URL ?? parsed.DATABASE_URL;
  if (!databaseUrl) {
    throw new ConfigError('WORKER_LEASE', 'postgres needs a server: set DATABASE_URL (or WORKER_LEASE_DATABASE_URL)');
  }
  return Object.freeze({
    databaseUrl,
    account: parsed.WORKER_LEASE_ACCOUNT ?? defaultAccount(venue),
    ttlMs: parsed.WORKER_LEASE_TTL_S * 1000,
    schema: parsed.WORKER_LEASE_SCHEMA,
    advertisedUrl: parsed.WORKER_ADVERTISED_URL,
    state: parsed.WORKER_STATE,
  });
}

/**
 * One lease per exchange account: the venue and a digest of its API key (not the key itself: the
 * row is readable by whoever reads the database), so two accounts never share a lease by default.
 */
function defaultAccount(venue: VenueConfig): string {
  const key = venue.venue === 'okx' ? venue.okx.credentials?.apiKey : venue.bitmart.credentials?.apiKey;
  const digest = key ? createHash('sha256').update(key).digest('hex').slice(0, 12) : 'no-key';
  return `${venue.venue}:${digest}`;
}
