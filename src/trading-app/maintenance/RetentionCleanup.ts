import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { rowsOf } from '../market-data/rowsOf.ts';
import { COLD_WINDOW } from '../mtf-runner/evaluation/IndicatorBook.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { audits } from '../store/schema.ts';

/** The original's defaults (reference §11, `CleanupProvider`): 500 klines per series, 3 days of audits and signals. */
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
  readonly mtf_audit: { readonly older_than_days: number; readonly before: string; readonly deleted: number };
  readonly signals: { readonly older_than_days: number; readonly deleted: 0; readonly kept_because: string };
  readonly timestamp: string;
}

/**
 * Keeps the store from growing without bound (the original's `/api/maintenance/cleanup`, whose
 * weekly job always ran as a dry run, §12): the newest `klinesLimit` closed candles of each
 * (symbol, timeframe) and `auditDays` of MTF audits. Received signals are never deleted: they are
 * the idempotency record that makes a replayed signal a duplicate, and balance snapshots point at
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
    const surplus = surplusKlines(request.symbol, request.klinesLimit);
    const oldAudits = and(
      lt(audits.createdAt, auditsBefore),
      request.symbol ? eq(audits.symbol, request.symbol) : undefined,
    );
    const [klinesDeleted, auditsDeleted] = await this.#db.transaction(async (tx) => {
      if (request.dryRun) {
        const klineCount = await tx.execute(sql`select count(*)::int as n from (${surplus}) s`);
        const [auditCount] = await tx.select({ n: sql<number>`count(*)::int` }).from(audits).where(oldAudits);
        return [rowsOf(klineCount, CountRow)[0]?.n ?? 0, auditCount?.n ?? 0];
      }
      const deletedKlines = await tx.execute(sql`
        delete from klines k using (${surplus}) s
        where k.symbol = s.symbol and k.timeframe = s.timeframe and k.open_time = s.open_time
        returning 1`);
      const deletedAudits = await tx.delete(audits).where(oldAudits).returning({ id: audits.id });
      return [rowsOf(deletedKlines, z.unknown()).length, deletedAudits.length];
    });
    const report: RetentionReport = {
      dry_run: request.dryRun,
      symbol: request.symbol ?? null,
      klines: { keep_per_series: request.klinesLimit, deleted: klinesDeleted },
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

/** The candles of each series beyond its newest `keep`. */
function surplusKlines(symbol: string | undefined, keep: number): SQL {
  const where = symbol ? sql`where symbol = ${symbol}` : sql``;
  return sql`
    select symbol, timeframe, open_time from (
      select symbol, timeframe, open_time,
        row_number() over (partition by symbol, timeframe order by open_time desc) as newer
      from klines ${where}
    ) ranked where newer > ${keep}`;
}
