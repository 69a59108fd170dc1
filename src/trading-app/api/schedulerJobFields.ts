import { z } from 'zod';
import { MTF_TIMEFRAMES } from '../mtf/timeframes.ts';
import { MAX_WORKERS } from '../mtf-runner/index.ts';
import { boolish } from './queryParameters.ts';

/**
 * The keys the original's scheduler puts in every job body, whatever route the job calls
 * (`MtfJob.payload()`, docs/reference/seed-contracts.md#scheduler): `workers`, `dry_run`, `force_run`,
 * `force_timeframe_check`, and `current_tf` and `symbols` when set. `/api/mtf/run` reads them;
 * `/api/mtf/sync-contracts` and `/api/maintenance/cleanup` check their types and ignore the ones
 * that mean nothing there, so a job is not refused for its shape (`dry_run` and `symbols` are
 * each route's own business).
 */
export const schedulerJobFields = {
  workers: z.coerce.number().int().min(1).max(MAX_WORKERS).optional(),
  force_run: boolish.optional(),
  /** The original passed it through and never read it (seed-contracts.md#mtf-run); nothing reads it here either. */
  force_timeframe_check: boolish.optional(),
  current_tf: z.enum(MTF_TIMEFRAMES, { message: `expected one of ${MTF_TIMEFRAMES.join(', ')}` }).optional(),
};
