import { TIMEFRAME_MS } from '../../src/exchange/port/types.ts';
import type { IndicatorContext } from '../../src/trading-app/indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';

/**
 * 2025-11-07 10:07:30 UTC, the run time of docs/reference/original-system.md#worked-example (no
 * timeframe in its grace window).
 */
export const NOW = Date.UTC(2025, 10, 7, 10, 7, 30);

/** Open time of the last candle closed at `now` on `timeframe`. */
export function lastClosedOpen(timeframe: MtfTimeframe, now = NOW): number {
  const length = TIMEFRAME_MS[timeframe];
  return Math.floor(now / length) * length - length;
}

type Overrides = { -readonly [K in keyof IndicatorContext]?: IndicatorContext[K] };

/**
 * A hand-made up-trend context: close above VWAP, EMA9 and EMA200, EMA20 > EMA50 > EMA200, rising histogram
 * that crossed up two bars ago, RSI 60, ADX 25, ATR/close ≈ 0.5 %, EMA9 crossing above EMA21 on this bar.
 */
export function bullishContext(timeframe: MtfTimeframe, overrides: Overrides = {}): IndicatorContext {
  return {
    symbol: 'BTCUSDT',
    timeframe,
    klineTime: lastClosedOpen(timeframe),
    close: 101,
    high: 101.5,
    low: 100.5,
    volume: 1000,
    ema: { 9: 100.6, 20: 100.4, 21: 100.5, 50: 100, 200: 95 },
    emaPrev: { 9: 100.2, 20: 100.3, 21: 100.45, 50: 99.9, 200: 94.9 },
    ema200Slope: 0.1,
    sma: { 9: 100.6, 21: 100.5 },
    rsi: 60,
    rsiPrev: 58,
    macd: { macd: 0.5, signal: 0.3, hist: 0.2 },
    macdPrev: { macd: 0.4, signal: 0.3, hist: 0.1 },
    macdHistLast3: [0.05, 0.1, 0.2],
    macdHistSeries: [0.2, 0.1, 0.05, -0.01, -0.05],
    atr: 0.5,
    atrSeries: [0.5, 0.49, 0.5, 0.51, 0.5],
    adx: 25,
    vwap: 100.9,
    vwapWindow: 100.8,
    bollinger: { upper: 102, middle: 100.5, lower: 99 },
    stochRsi: { k: 70, d: 65 },
    pivots: undefined,
    volumeRatio: 1.3,
    closeSeries: [101, 100.8, 100.5],
    ...overrides,
  };
}

/** The mirror image: a down-trend context (close 0.3 % under VWAP, so not `near_vwap`). */
export function bearishContext(timeframe: MtfTimeframe, overrides: Overrides = {}): IndicatorContext {
  return bullishContext(timeframe, {
    close: 99,
    high: 99.5,
    low: 98.5,
    ema: { 9: 99.4, 20: 99.6, 21: 99.5, 50: 100, 200: 105 },
    emaPrev: { 9: 99.8, 20: 99.7, 21: 99.55, 50: 100.1, 200: 105.1 },
    ema200Slope: -0.1,
    sma: { 9: 99.4, 21: 99.5 },
    rsi: 40,
    rsiPrev: 42,
    macd: { macd: -0.5, signal: -0.3, hist: -0.2 },
    macdPrev: { macd: -0.4, signal: -0.3, hist: -0.1 },
    macdHistLast3: [-0.05, -0.1, -0.2],
    macdHistSeries: [-0.2, -0.1, -0.05, 0.01, 0.05],
    vwap: 99.3,
    vwapWindow: 99.2,
    closeSeries: [99, 99.2, 99.5],
    ...overrides,
  });
}

/** A context where every indicator is still warming up. */
export function emptyContext(timeframe: MtfTimeframe): IndicatorContext {
  return {
    symbol: 'BTCUSDT',
    timeframe,
    klineTime: lastClosedOpen(timeframe),
    close: 100,
    high: 100,
    low: 100,
    volume: 0,
    ema: {},
    emaPrev: {},
    ema200Slope: undefined,
    sma: {},
    rsi: undefined,
    rsiPrev: undefined,
    macd: undefined,
    macdPrev: undefined,
    macdHistLast3: [],
    macdHistSeries: [],
    atr: undefined,
    atrSeries: [],
    adx: undefined,
    vwap: undefined,
    vwapWindow: undefined,
    bollinger: undefined,
    stochRsi: undefined,
    pivots: undefined,
    volumeRatio: undefined,
    closeSeries: [],
  };
}

export function allContexts(
  make: (timeframe: MtfTimeframe) => IndicatorContext,
): Record<MtfTimeframe, IndicatorContext> {
  return { '4h': make('4h'), '1h': make('1h'), '15m': make('15m'), '5m': make('5m'), '1m': make('1m') };
}
