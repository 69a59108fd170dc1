import type { Kline, Timeframe } from '../../exchange/port/types.ts';

/** Who wrote a candle's current values: the REST catch-up, a `kline_closed` stream event, or `klines:import`. */
export type KlineSource = 'rest' | 'stream' | 'import';

export interface UpsertOutcome {
  /** Closed candles sent to the store (inserted, or updated when their values changed). */
  readonly accepted: number;
  /** Forming candles (open time + timeframe after `now`), never stored. */
  readonly refused: number;
}

/** Missing candles of a series, by open time, both ends inclusive. */
export interface KlineGap {
  readonly from: number;
  readonly to: number;
}

/**
 * Where closed candles are kept: the `klines` table (`KlineRepository`) in every process that
 * trades, or memory in a backtest (`src/backtest/memoryKlines.ts`), whose writes die with the run.
 * Reads return the port's `Kline` with exact `Dec` values, ascending by open time.
 */
export interface KlineStore {
  /** Stores the closed candles among `candles`; forming ones (relative to `now`, Unix ms) are refused. */
  upsertClosed(candles: readonly Kline[], source: KlineSource, now: number): Promise<UpsertOutcome>;
  /** The last `limit` stored candles of a series, ascending; `until` caps the open time (inclusive). */
  lastClosed(
    symbol: string,
    timeframe: Timeframe,
    limit: number,
    options?: { until?: number },
  ): Promise<readonly Kline[]>;
  /** At most `limit` stored candles of a series opening in [from, to), ascending. */
  closedBetween(symbol: string, timeframe: Timeframe, from: number, to: number, limit: number): Promise<Kline[]>;
  /** Open time of the newest stored candle of a series; undefined when it has none. */
  latestOpenTime(symbol: string, timeframe: Timeframe): Promise<number | undefined>;
  /** Newest open time of every (symbol, timeframe) pair, keyed by `seriesKey`; series without rows are absent. */
  latestOpenTimes(symbols: readonly string[], timeframes: readonly Timeframe[]): Promise<Map<string, number>>;
  /** Missing candles of a series between two open times (inclusive), oldest first. */
  findGaps(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<readonly KlineGap[]>;
  /** How many candles a series has stored (tests, diagnostics). */
  count(symbol: string, timeframe: Timeframe): Promise<number>;
}
