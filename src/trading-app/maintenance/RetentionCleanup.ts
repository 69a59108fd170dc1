import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { rowsOf } from '../market-data/rowsOf.ts';
import { COLD_WINDOW } from '../mtf-runner/evaluation/IndicatorBook.ts';
import type { StoreTransaction } from '../store/executor.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { audits } from '../store/schema.ts';

/**
 * The original's defaults (docs/reference/original-system.md#retention, `CleanupProvider`): 500 klines
 * per series, 3 days of audits and signals.
 */
export const RETENTION_DEFAULTS = { klinesLimit: 500, auditDays: 3, signalDays: 3 } as const;
/** Fewer candles per series than the MTF engine reads would leave it without history. */
export const MIN_KLINES_LIMIT = COLD_WINDOW;

const DAY_MS = 86_400_000;
const CountRow = z.object({ n: z.coerce.number() });

export interface RetentionRequest {
  readonly symbol?: string | undefined;
  readonly dryRun: boolean;
  readonly klinesLimit: number;
  readonly auditDays: number;
  readonly signalDays: number;
}

/** What was deleted, or with `dry_run` what would be. */
export interface RetentionReport {
  readonly dry_run: boolean;
  readonly symbol: string | null;
  readonly klines: { readonly keep_per_series: number; readonly deleted: number };
  readonly indicator_snapshots: { readonly keep_per_series: number; readonly deleted: number };
  readonly mtf_audit: { readonly older_than_days: number; readonly before: string; readonly deleted: number };
  readonly signals: { readonly older_than_days: number; readonly deleted: 0; readonly kept_because: string };
  readonly timestamp: string;
}

/**
 * Keeps the store from growing without bound (the original's `/api/maintenance/cleanup`, whose
 * weekly job always ran as a dry run, original-system.md#bug-cleanup-dry-run): the newest `klinesLimit` closed candles
 * and indicator snapshots of each (symbol, timeframe), and `auditDays` of MTF audits. Received signals are never
 * deleted: they are the idempotency record that makes a replayed signal a duplicate, and balance snapshots point at
 * them. Counting and deleting use the same predicates, in one transaction.
 */
export class RetentionCleanup {
  readonly #db: StoreDatabase;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(db: StoreDatabase, clock: Clock, logger: Logger) {
    this.#db = db;
    this.#clock = clock;
    this.#logger = logger;
  }

  async run(request: RetentionRequest): Promise<RetentionReport> {
    const now = this.#clock.now();
    const auditsBefore = new Date(now - request.auditDays * DAY_MS);
    const [klinesDeleted, snapshotsDeleted, auditsDeleted] = await this.#db.transaction((tx) =>
      Promise.all([
        trimSeries(tx, KLINE_SERIES, request),
        trimSeries(tx, SNAPSHOT_SERIES, request),
        trimAudits(tx, auditsBefore, request),
      ]),
    );
    const report: RetentionReport = {
      dry_run: request.dryRun,
      symbol: request.symbol ?? null,
      klines: { keep_per_series: request.klinesLimit, deleted: klinesDeleted },
      indicator_snapshots: { keep_per_series: request.klinesLimit, deleted: snapshotsDeleted },
      mtf_audit: { older_than_days: request.auditDays, before: auditsBefore.toISOString(), deleted: auditsDeleted },
      signals: {
        older_than_days: request.signalDays,
        deleted: 0,
        kept_because: 'received signals are the idempotency record: deleting them would let a replay in twice',
      },
      timestamp: new Date(now).toISOString(),
    };
    if (!request.dryRun) this.#logger.info({ report }, 'retention cleanup done');
    return report;
  }
}

/** Deletes (or with `dryRun` counts) the rows of each series beyond its newest `klinesLimit`. */
async function trimSeries(tx: StoreTransaction, series: SeriesTable, request: RetentionRequest): Promise<number> {
  const surplus = surplusOf(series, request.symbol, request.klinesLimit);
  if (request.dryRun) {
    return rowsOf(await tx.execute(sql`select count(*)::int as n from (${surplus}) s`), CountRow)[0]?.n ?? 0;
  }
  const deleted = await tx.execute(sql`
    delete from ${sql.raw(series.table)} t using (${surplus}) s
    where t.symbol = s.symbol and t.timeframe = s.timeframe and t.${sql.raw(series.time)} = s.at
    returning 1`);
  return rowsOf(deleted, z.unknown()).length;
}

async function trimAudits(tx: StoreTransaction, before: Date, request: RetentionRequest): Promise<number> {
  const old = and(lt(audits.createdAt, before), request.symbol ? eq(audits.symbol, request.symbol) : undefined);
  if (request.dryRun) {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(audits).where(old);
    return count?.n ?? 0;
  }
  return (await tx.delete(audits).where(old).returning({ id: audits.id })).length;
}

/** A table of per-candle rows keyed by (symbol, timeframe, time); names are constants, never input. */
interface SeriesTable {
  readonly table: string;
  readonly time: string;
}

const KLINE_SERIES: SeriesTable = { table: 'klines', time: 'open_time' };
const SNAPSHOT_SERIES: SeriesTable = { table: 'indicator_snapshots', time: 'kline_time' };

/** The rows of each series beyond its newest `keep`. */
function surplusOf(series: SeriesTable, symbol: string | undefined, keep: number): SQL {
  const where = symbol ? sql`where symbol = ${symbol}` : sql``;
  return sql`
    select symbol, timeframe, at from (
      select symbol, timeframe, ${sql.raw(series.time)} as at,
        row_number() over (partition by symbol, timeframe order by ${sql.raw(series.time)} desc) as newer
      from ${sql.raw(series.table)} ${where}
    ) ranked where newer > ${keep}`;
}
