import { Cron } from 'croner';
import { z } from 'zod';
import { booleanFlag, type Env, parseEnv } from './env.ts';

/**
 * The schedules the original ran on Temporal (pivox/tradingV3 `cron_symfony_mtf_workers`), under
 * the variable names its `manage_*_schedule.py` scripts read. A cron expression (5 fields: second
 * 0; 6 fields: with seconds; UTC) or `off`.
 */
const cronOrOff = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((value) => value === 'off' || isCron(value), 'expected a cron expression such as "5 * * * * *", or off')
    .transform((value) => (value === 'off' ? undefined : value));

const ScheduleEnvSchema = z.object({
  /** Second 5 of every minute: the minute's candles have closed and reached the store by then. */
  MTF_WORKERS_CRON: cronOrOff('5 * * * * *'),
  MTF_WORKERS_COUNT: z.coerce.number().int().min(1).max(32).default(1),
  /** As the original's scheduler: a dry run unless told otherwise (live entry needs its own flag). */
  MTF_WORKERS_DRY_RUN: booleanFlag.default(true),
  MTF_PROFILE: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'expected a profile name such as scalper_micro')
    .default('scalper_micro'),
  /** The original's hard-coded daily 09:00 UTC. */
  CONTRACT_SYNC_CRON: cronOrOff('0 9 * * *'),
  /** Daily (the original ran weekly, and always dry, by a bug); 03:30 UTC, away from the contract sync. */
  CLEANUP_CRON: cronOrOff('0 30 3 * * *'),
  CLEANUP_DRY_RUN: booleanFlag.default(false),
});

export type ScheduleConfig = Readonly<{
  mtfRun: Readonly<{ cron: string | undefined; workers: number; dryRun: boolean; profile: string }>;
  contractSync: Readonly<{ cron: string | undefined }>;
  cleanup: Readonly<{ cron: string | undefined; dryRun: boolean }>;
}>;

export function loadScheduleConfig(env: Env = process.env): ScheduleConfig {
  const parsed = parseEnv(ScheduleEnvSchema, env);
  return Object.freeze({
    mtfRun: Object.freeze({
      cron: parsed.MTF_WORKERS_CRON,
      workers: parsed.MTF_WORKERS_COUNT,
      dryRun: parsed.MTF_WORKERS_DRY_RUN,
      profile: parsed.MTF_PROFILE,
    }),
    contractSync: Object.freeze({ cron: parsed.CONTRACT_SYNC_CRON }),
    cleanup: Object.freeze({ cron: parsed.CLEANUP_CRON, dryRun: parsed.CLEANUP_DRY_RUN }),
  });
}

function isCron(value: string): boolean {
  try {
    new Cron(value, { paused: true, timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}
