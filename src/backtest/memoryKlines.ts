import { type Kline, TIMEFRAME_MS, type Timeframe } from '../exchange/port/types.ts';
import type { IndicatorCandle } from '../trading-app/indicators/IndicatorCandle.ts';
import { isClosed, seriesKey } from '../trading-app/market-data/closedCandles.ts';
import type { KlineGap, KlineSource, KlineStore, UpsertOutcome } from '../trading-app/market-data/KlineStore.ts';
import type { MtfTimeframe } from '../trading-app/mtf/timeframes.ts';
import type { CandleWant, ClosedCandleSource } from '../trading-app/mtf-runner/candles/ClosedCandleSource.ts';

/** One series, ascending by open time; the float copy is what the indicators read. */
interface Series {
  readonly times: number[];
  readonly klines: Kline[];
  readonly candles: IndicatorCandle[];
}

/**
 * The app's closed candles in memory for one backtest (docs/decisions/0031-backtest-speed.md): the
 * same `KlineStore` the catch-up writes and the API reads, and the same `ClosedCandleSource` the MTF
 * runner reads, answering what the `klines` table (`KlineRepository`, `StoreCandleSource`) answers
 * for the same writes. The table costs a statement per series per minute; a backtest's candles die
 * with it anyway. Values are kept as the venue gave them: a numeric column stores a `Dec` exactly,
 * and a float read of it is `Number` of its decimal text, which is what `toNumber` gives.
 */
export class MemoryKlines implements KlineStore, ClosedCandleSource {
  readonly #series = new Map<string, Series>();

  async upsertClosed(candles: readonly Kline[], _source: KlineSource, now: number): Promise<UpsertOutcome> {
    const closed = candles.filter((kline) => isClosed(kline, now));
    // Counted as the table counts them: each candle once, the last copy winning.
    const distinct = new Set<string>();
    for (const kline of closed) {
      this.#put(kline);
      distinct.add(`${seriesKey(kline.symbol, kline.timeframe)}:${kline.openTime}`);
    }
    return { accepted: distinct.size, refused: candles.length - closed.length };
  }

  async lastClosed(
    symbol: string,
    timeframe: Timeframe,
    limit: number,
    options: { until?: number } = {},
  ): Promise<readonly Kline[]> {
    const series = this.#series.get(seriesKey(symbol, timeframe));
    if (!series) return [];
    const end = options.until === undefined ? series.times.length : upperBound(series.times, options.until);
    return series.klines.slice(Math.max(0, end - Math.max(0, Math.trunc(limit))), end);
  }

  async closedBetween(symbol: string, timeframe: Timeframe, from: number, to: number, limit: number): Promise<Kline[]> {
    const series = this.#series.get(seriesKey(symbol, timeframe));
    if (!series) return [];
    const start = lowerBound(series.times, from);
    const end = Math.min(lowerBound(series.times, to), start + Math.max(0, Math.trunc(limit)));
    return series.klines.slice(start, Math.max(start, end));
  }

  async latestOpenTime(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
    return this.#series.get(seriesKey(symbol, timeframe))?.times.at(-1);
  }

  async latestOpenTimes(symbols: readonly string[], timeframes: readonly Timeframe[]): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    for (const symbol of symbols) {
      for (const timeframe of timeframes) {
        const key = seriesKey(symbol, timeframe);
        const newest = this.#series.get(key)?.times.at(-1);
        if (newest !== undefined) latest.set(key, newest);
      }
    }
    return latest;
  }

  /** As the table's query: the stored open times in [from, to] between the sentinels from − step and to + step. */
  async findGaps(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<readonly KlineGap[]> {
    const step = TIMEFRAME_MS[timeframe];
    if (to < from) return [];
    const times = this.#series.get(seriesKey(symbol, timeframe))?.times ?? [];
    const gaps: KlineGap[] = [];
    let previous = from - step;
    const end = upperBound(times, to);
    for (let index = lowerBound(times, from); index <= end; index++) {
      const time = index < end ? (times[index] as number) : to + step;
      if (time - previous > step) gaps.push({ from: previous + step, to: time - step });
      previous = time;
    }
    return gaps;
  }

  async count(symbol: string, timeframe: Timeframe): Promise<number> {
    return this.#series.get(seriesKey(symbol, timeframe))?.times.length ?? 0;
  }

  /** `StoreCandleSource`'s answer: the last `window` candles of a cold symbol, those after its cursor for a warm one. */
  async closedCandles(
    timeframe: MtfTimeframe,
    wants: readonly CandleWant[],
    lastClosedOpen: number,
    window: number,
  ): Promise<Map<string, IndicatorCandle[]>> {
    const result = new Map<string, IndicatorCandle[]>();
    for (const want of wants) {
      const series = this.#series.get(seriesKey(want.symbol, timeframe));
      if (!series) {
        result.set(want.symbol, []);
        continue;
      }
      const end = upperBound(series.times, lastClosedOpen);
      const start =
        want.after === undefined ? Math.max(0, end - Math.max(0, window)) : upperBound(series.times, want.after);
      result.set(want.symbol, series.candles.slice(start, Math.max(start, end)));
    }
    return result;
  }

  /** Inserts, or replaces the candle of the same open time. */
  #put(kline: Kline): void {
    const key = seriesKey(kline.symbol, kline.timeframe);
    let series = this.#series.get(key);
    if (!series) {
      series = { times: [], klines: [], candles: [] };
      this.#series.set(key, series);
    }
    const candle: IndicatorCandle = {
      openTime: kline.openTime,
      open: kline.open.toNumber(),
      high: kline.high.toNumber(),
      low: kline.low.toNumber(),
      close: kline.close.toNumber(),
      volume: kline.volume.toNumber(),
    };
    const { times } = series;
    const last = times.at(-1);
    if (last === undefined || kline.openTime > last) {
      times.push(kline.openTime);
      series.klines.push(kline);
      series.candles.push(candle);
      return;
    }
    const index = lowerBound(times, kline.openTime);
    if (times[index] === kline.openTime) {
      series.klines[index] = kline;
      series.candles[index] = candle;
    } else {
      times.splice(index, 0, kline.openTime);
      series.klines.splice(index, 0, kline);
      series.candles.splice(index, 0, candle);
    }
  }
}

/** The first index whose time is ≥ `time`. */
function lowerBound(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index whose time is > `time`. */
function upperBound(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}
