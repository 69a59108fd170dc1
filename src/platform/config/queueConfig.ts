import { z } from 'zod';
import { ConfigError, type Env, parseEnv } from './env.ts';

/** docker-compose writes `NAME=` for an unset optional variable: treat blank as unset. */
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/**
 * Where the schedules run (decision 0030). `inprocess` (the default): croner timers in this
 * process, on one machine. `postgres` or `redis`: BullMQ 6 job schedulers, shared by every app
 * instance pointed at the same queue, so several machines run each tick once. Either needs the
 * shared store (`DATABASE_URL`): instances on separate PGlite directories would not share trades.
 */
const QueueEnvSchema = z.object({
  QUEUE: unsetIfBlank(
    z
      .enum(['inprocess', 'postgres', 'redis'], { message: 'expected inprocess, postgres or redis' })
      .default('inprocess'),
  ),
  /** BullMQ on PostgreSQL: default the store's server (`DATABASE_URL`), its own schema. */
  QUEUE_DATABASE_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// URL, for example redis://127.0.0.1:6379')
      .optional(),
  ),
  /** The namespace of the queues: the PostgreSQL schema, or the Redis key prefix. Instances that share it share ticks. */
  QUEUE_PREFIX: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,40}$/, 'expected a lowercase name such as bullmq_trading')
      .default('bullmq_trading'),
  ),
  DATABASE_URL: unsetIfBlank(z.string().trim().optional()),
  /** Where an MTF run evaluates its symbols: in the app (threads), or in batches on `mtf:worker` processes. */
  MTF_EVALUATION: unsetIfBlank(
    z.enum(['inprocess', 'queue'], { message: 'expected inprocess or queue' }).default('inprocess'),
  ),
});

export type MtfEvaluation = 'inprocess' | 'queue';

/** MTF_EVALUATION (decision 0030): `queue` needs a shared queue, and `mtf:worker` processes to take the batches. */
export function loadMtfEvaluation(env: Env = process.env): MtfEvaluation {
  const parsed = parseEnv(QueueEnvSchema, env);
  if (parsed.MTF_EVALUATION === 'queue' && parsed.QUEUE === 'inprocess') {
    throw new ConfigError('MTF_EVALUATION', 'queue needs QUEUE=postgres or QUEUE=redis (the batches go through it)');
  }
  return parsed.MTF_EVALUATION;
}

export type QueueConfig =
  | Readonly<{ backend: 'inprocess' }>
  | Readonly<{ backend: 'postgres'; url: string; prefix: string }>
  | Readonly<{ backend: 'redis'; url: string; prefix: string }>;

/**
 * The queue alone (what `mtf:worker` needs). The app adds its own rule: a shared queue needs the
 * shared store (`loadTradingAppConfig`).
 */
export function loadQueueConfig(env: Env = process.env): QueueConfig {
  const parsed = parseEnv(QueueEnvSchema, env);
  if (parsed.QUEUE === 'inprocess') return Object.freeze({ backend: 'inprocess' });
  if (parsed.QUEUE === 'postgres') {
    const url = parsed.QUEUE_DATABASE_URL ?? parsed.DATABASE_URL;
    if (url === undefined) {
      throw new ConfigError('QUEUE', 'postgres needs a server: set DATABASE_URL (or QUEUE_DATABASE_URL)');
    }
    return Object.freeze({ backend: 'postgres', url, prefix: parsed.QUEUE_PREFIX });
  }
  if (parsed.REDIS_URL === undefined) {
    throw new ConfigError('REDIS_URL', 'required with QUEUE=redis, for example redis://127.0.0.1:6379');
  }
  return Object.freeze({ backend: 'redis', url: parsed.REDIS_URL, prefix: parsed.QUEUE_PREFIX });
}
