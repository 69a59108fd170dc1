import { and, desc, eq, sql } from 'drizzle-orm';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { indicatorSnapshots } from '../../store/schema.ts';
import type { SnapshotDraft } from './snapshotValues.ts';

const CHUNK = 5_000;

/** Each run's indicator values per (symbol, timeframe, candle): the table, or memory for one backtest. */
export interface IndicatorSnapshotStore {
  upsertRun(runId: string, at: number, drafts: readonly SnapshotDraft[]): Promise<void>;
  /** The snapshot of the newest candle of a series. */
  latest(symbol: string, timeframe: MtfTimeframe): Promise<{ klineTime: number; values: unknown } | undefined>;
}

/**
 * `indicator_snapshots`, upserted per (symbol, timeframe, kline_time): one statement per run
 * (docs/reference/original-system.md#indicator-snapshots).
 */
export class IndicatorSnapshotRepository implements IndicatorSnapshotStore {
  readonly #db: StoreDatabase;

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  async upsertRun(runId: string, at: number, drafts: readonly SnapshotDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const now = new Date(at);
    const rows = drafts.map((draft) => ({
      symbol: draft.symbol,
      timeframe: draft.timeframe,
      klineTime: new Date(draft.klineTime),
      values: draft.values,
      runId,
      createdAt: now,
      updatedAt: now,
    }));
    await this.#db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        await tx
          .insert(indicatorSnapshots)
          .values(rows.slice(start, start + CHUNK))
          .onConflictDoUpdate({
            target: [indicatorSnapshots.symbol, indicatorSnapshots.timeframe, indicatorSnapshots.klineTime],
            set: { values: sql`excluded.values`, runId: sql`excluded.run_id`, updatedAt: sql`excluded.updated_at` },
          });
      }
    });
  }

  async latest(symbol: string, timeframe: MtfTimeframe): Promise<{ klineTime: number; values: unknown } | undefined> {
    const [row] = await this.#db
      .select({ klineTime: indicatorSnapshots.klineTime, values: indicatorSnapshots.values })
      .from(indicatorSnapshots)
      .where(and(eq(indicatorSnapshots.symbol, symbol), eq(indicatorSnapshots.timeframe, timeframe)))
      .orderBy(desc(indicatorSnapshots.klineTime))
      .limit(1);
    return row ? { klineTime: row.klineTime.getTime(), values: row.values } : undefined;
  }
}
