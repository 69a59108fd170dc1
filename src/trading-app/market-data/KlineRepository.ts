import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Kline, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Executor } from '../store/executor.ts';
import { klines } from '../store/schema.ts';
import { isClosed, seriesKey } from './closedCandles.ts';
import type { KlineGap, KlineSource, KlineStore, UpsertOutcome } from './KlineStore.ts';
import { rowsOf } from './rowsOf.ts';

export type { KlineGap, KlineSource, UpsertOutcome } from './KlineStore.ts';

/**
 * Rows per statement. Each candle goes in as one element of a single JSON parameter expanded by
 * `json_to_recordset`: one round trip and one plan per chunk, whatever the driver, and no limit of
 * 65 535 bind parameters. 5 000 rows is about 1 MB of JSON.
 */
const ROWS_PER_STATEMENT = 5_000;

const LatestRowSchema = z.object({
  symbol: z.string(),
  timeframe: z.enum(TIMEFRAMES),
  latest: z.union([z.date(), z.string()]).nullable(),
});

const GapRowSchema = z.object({ gap_from: z.union([z.date(), z.string()]), gap_to: z.union([z.date(), z.string()]) });

/**
 * Closed candles in the `klines` table. Writes are idempotent (`ON CONFLICT DO UPDATE`, skipped
 * when nothing changed), so the REST catch-up and the stream may deliver the same candle in any
 * order. Reads return the port's `Kline` with exact `Dec` values, ascending by open time.
 */
export class KlineRepository implements KlineStore {
  readonly #db: Executor;

  constructor(db: Executor) {
    this.#db = db;
  }

  /** Stores the closed candles among `candles`; forming ones (relative to `now`, Unix ms) are refused. */
  async upsertClosed(candles: readonly Kline[], source: KlineSource, now: number): Promise<UpsertOutcome> {
    const closedOnly = candles.filter((kline) => isClosed(kline, now));
    const closed = dedupe(closedOnly);
    const at = new Date(now).toISOString();
    for (let index = 0; index < closed.length; index += ROWS_PER_STATEMENT) {
      await this.#insertChunk(closed.slice(index, index + ROWS_PER_STATEMENT), source, at);
    }
    return { accepted: closed.length, refused: candles.length - closedOnly.length };
  }

  /** The last `limit` stored candles of a series, ascending; `until` caps the open time (inclusive). */
  async lastClosed(
    symbol: string,
    timeframe: Timeframe,
    limit: number,
    options: { until?: number } = {},
  ): Promise<readonly Kline[]> {
    const conditions = [eq(klines.symbol, symbol), eq(klines.timeframe, timeframe)];
    if (options.until !== undefined) conditions.push(lte(klines.openTime, new Date(options.until)));
    const rows = await this.#db
      .select()
      .from(klines)
      .where(and(...conditions))
      .orderBy(desc(klines.openTime))
      .limit(Math.max(0, Math.trunc(limit)));
    return rows.reverse().map((row) => klineOf(row, timeframe));
  }

  /**
   * At most `limit` stored candles of a series opening in [from, to), ascending: a long range page
   * by page (a backtest reads a year of 1m candles this way).
   */
  async closedBetween(symbol: string, timeframe: Timeframe, from: number, to: number, limit: number): Promise<Kline[]> {
    const rows = await this.#db
      .select()
      .from(klines)
      .where(
        and(
          eq(klines.symbol, symbol),
          eq(klines.timeframe, timeframe),
          gte(klines.openTime, new Date(from)),
          lt(klines.openTime, new Date(to)),
        ),
      )
      .orderBy(asc(klines.openTime))
      .limit(Math.max(0, Math.trunc(limit)));
    return rows.map((row) => klineOf(row, timeframe));
  }

  /** Open time of the newest stored candle of a series; undefined when it has none. */
  async latestOpenTime(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
    return (await this.latestOpenTimes([symbol], [timeframe])).get(seriesKey(symbol, timeframe));
  }

  /**
   * Newest open time of every (symbol, timeframe) pair, keyed by `seriesKey`; series without rows
   * are absent. One index probe per series (a max over the primary key), not a scan.
   */
  async latestOpenTimes(symbols: readonly string[], timeframes: readonly Timeframe[]): Promise<Map<string, number>> {
    const series = symbols.flatMap((symbol) => timeframes.map((timeframe) => ({ symbol, timeframe })));
    const latest = new Map<string, number>();
    if (series.length === 0) return latest;
    const result = await this.#db.execute(sql`
      select s.symbol, s.timeframe,
        (select max(k.open_time) from klines k where k.symbol = s.symbol and k.timeframe = s.timeframe) as latest
      from json_to_recordset(${JSON.stringify(series)}::json) as s(symbol text, timeframe text)`);
    for (const row of rowsOf(result, LatestRowSchema)) {
      if (row.latest !== null) latest.set(seriesKey(row.symbol, row.timeframe), new Date(row.latest).getTime());
    }
    return latest;
  }

  /** Missing candles of a series between two open times (inclusive), oldest first. */
  async findGaps(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<readonly KlineGap[]> {
    const step = TIMEFRAME_MS[timeframe];
    if (to < from) return [];
    // The bounds join the stored open times as sentinels, so leading and trailing gaps show up
    // as ordinary holes between neighbours.
    const result = await this.#db.execute(sql`
      with times as (
        select open_time from klines
        where symbol = ${symbol} and timeframe = ${timeframe}
          and open_time between ${new Date(from).toISOString()}::timestamptz and ${new Date(to).toISOString()}::timestamptz
        union select ${new Date(from - step).toISOString()}::timestamptz
        union select ${new Date(to + step).toISOString()}::timestamptz
      ), neighbours as (
        select lag(open_time) over (order by open_time) as previous, open_time from times
      )
      select previous + ${`${step} milliseconds`}::interval as gap_from, open_time - ${`${step} milliseconds`}::interval as gap_to
      from neighbours
      where previous is not null and open_time - previous > ${`${step} milliseconds`}::interval
      order by previous`);
    return rowsOf(result, GapRowSchema).map((row) => ({
      from: new Date(row.gap_from).getTime(),
      to: new Date(row.gap_to).getTime(),
    }));
  }

  /** How many candles a series has stored (tests, diagnostics). */
  async count(symbol: string, timeframe: Timeframe): Promise<number> {
    const [row] = await this.#db
      .select({ count: sql<number>`count(*)::int` })
      .from(klines)
      .where(and(eq(klines.symbol, symbol), eq(klines.timeframe, timeframe)));
    return Number(row?.count ?? 0);
  }

  async #insertChunk(chunk: readonly Kline[], source: KlineSource, at: string): Promise<void> {
    const rows = chunk.map((kline) => ({
      symbol: kline.symbol,
      timeframe: kline.timeframe,
      open_time: new Date(kline.openTime).toISOString(),
      open: kline.open.toFixed(),
      high: kline.high.toFixed(),
      low: kline.low.toFixed(),
      close: kline.close.toFixed(),
      volume: kline.volume.toFixed(),
    }));
    await this.#db.execute(sql`
      insert into klines (symbol, timeframe, open_time, open, high, low, close, volume, source, inserted_at, updated_at)
      select r.symbol, r.timeframe, r.open_time, r.open, r.high, r.low, r.close, r.volume,
        ${source}, ${at}::timestamptz, ${at}::timestamptz
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        symbol text, timeframe text, open_time timestamptz,
        open numeric, high numeric, low numeric, close numeric, volume numeric)
      on conflict (symbol, timeframe, open_time) do update set
        open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
        volume = excluded.volume, source = excluded.source, updated_at = excluded.updated_at
      where (klines.open, klines.high, klines.low, klines.close, klines.volume)
        is distinct from (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)`);
  }
}

/** One statement may not update a row twice: the last copy of a candle wins. */
function dedupe(candles: readonly Kline[]): Kline[] {
  const byKey = new Map<string, Kline>();
  for (const kline of candles) byKey.set(`${seriesKey(kline.symbol, kline.timeframe)}:${kline.openTime}`, kline);
  return [...byKey.values()];
}

function klineOf(row: typeof klines.$inferSelect, timeframe: Timeframe): Kline {
  return {
    symbol: row.symbol,
    timeframe,
    openTime: row.openTime.getTime(),
    open: new Dec(row.open),
    high: new Dec(row.high),
    low: new Dec(row.low),
    close: new Dec(row.close),
    volume: new Dec(row.volume),
  };
}
