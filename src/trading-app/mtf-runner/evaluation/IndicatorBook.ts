import type { IndicatorCandle } from '../../indicators/IndicatorCandle.ts';
import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { TimeframeIndicators } from '../../indicators/TimeframeIndicators.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/**
 * Earlier contexts kept per series, beside the current one: slope rules look 21 bars back
 * (`slope_lookback: 21` in the regular and scalper files), `validity_bars` 3; 24 leaves a margin.
 */
export const HISTORY_LENGTH = 24;
/** Candles a cold series reads: the indicators' warm-up, then one per history context. */
export const COLD_WINDOW = TimeframeIndicators.warmUpCandles + HISTORY_LENGTH;

/** Candles to fold into one series, and whether to throw its state away first. */
export interface SeriesFeed {
  readonly reset: boolean;
  readonly candles: readonly IndicatorCandle[];
}

interface Series {
  readonly indicators: TimeframeIndicators;
  /** Newest first: [current, previous, …], at most HISTORY_LENGTH + 1. */
  readonly contexts: IndicatorContext[];
}

/**
 * The streaming indicator state of every (symbol, timeframe) an evaluator has seen, kept across
 * runs: a run folds in only the candles closed since the last one (O(1) each), a cold series is
 * warmed once from COLD_WINDOW candles. Lives in the thread that evaluates the symbol.
 */
export class IndicatorBook {
  readonly #series = new Map<string, Series>();

  /** Folds `feed` in; candles at or before the last folded open time are skipped (a repeated feed is harmless). */
  feed(symbol: string, timeframe: MtfTimeframe, feed: SeriesFeed, tickSize: number | undefined): void {
    const key = `${symbol}|${timeframe}`;
    let series = feed.reset ? undefined : this.#series.get(key);
    if (!series) {
      series = {
        indicators: new TimeframeIndicators(symbol, timeframe, tickSize ? { tickSize } : {}),
        contexts: [],
      };
      this.#series.set(key, series);
    }
    const { indicators, contexts } = series;
    const candles = feed.candles;
    try {
      for (let index = 0; index < candles.length; index += 1) {
        const candle = candles[index] as IndicatorCandle;
        const last = indicators.lastOpenTime;
        if (last !== undefined && candle.openTime <= last) continue;
        indicators.update(candle);
        // Only the contexts that can end up in the history are built: a cold warm-up of 225
        // candles builds 25, not 225.
        if (indicators.isWarm && candles.length - index <= HISTORY_LENGTH + 1) {
          contexts.unshift(indicators.context());
          if (contexts.length > HISTORY_LENGTH + 1) contexts.pop();
        }
      }
    } catch (error) {
      // A bad candle leaves the series in an unknown place: forget it, the next run warms it again.
      this.#series.delete(key);
      throw error;
    }
  }

  /** The current context and the earlier ones (newest first); undefined until the series is warm. */
  view(
    symbol: string,
    timeframe: MtfTimeframe,
  ): { context: IndicatorContext; history: readonly IndicatorContext[] } | undefined {
    const series = this.#series.get(`${symbol}|${timeframe}`);
    const [context, ...history] = series?.contexts ?? [];
    return context ? { context, history } : undefined;
  }

  candleCount(symbol: string, timeframe: MtfTimeframe): number {
    return this.#series.get(`${symbol}|${timeframe}`)?.indicators.candleCount ?? 0;
  }

  lastOpenTime(symbol: string, timeframe: MtfTimeframe): number | undefined {
    return this.#series.get(`${symbol}|${timeframe}`)?.indicators.lastOpenTime;
  }
}
