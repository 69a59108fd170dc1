/**
 * The indicator context of one symbol on one timeframe after its last CLOSED candle
 * (docs/reference/original-system.md#indicator-context): what every condition and YAML rule reads. Indicators are
 * floats by nature (trading-signals' number classes); money never comes from here. A value is `undefined`
 * until its indicator has warmed up (not enough candles yet), never NaN.
 */
export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly hist: number;
}

export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

export interface PivotLevels {
  readonly pp: number;
  readonly r1: number;
  readonly r2: number;
  readonly r3: number;
  readonly s1: number;
  readonly s2: number;
  readonly s3: number;
}

export interface IndicatorContext {
  readonly symbol: string;
  readonly timeframe: string;
  /** Open time (ms) of the last closed candle the context was computed from. */
  readonly klineTime: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  /** EMA by period (9, 20, 21, 50, 200), SMA-seeded as TA-Lib. */
  readonly ema: Readonly<Partial<Record<9 | 20 | 21 | 50 | 200, number>>>;
  /** The same EMAs one candle earlier. */
  readonly emaPrev: Readonly<Partial<Record<9 | 20 | 21 | 50 | 200, number>>>;
  /** ema[200] − emaPrev[200]. */
  readonly ema200Slope: number | undefined;
  /** SMA by period (9, 21). */
  readonly sma: Readonly<Partial<Record<9 | 21, number>>>;
  /** RSI(14), Wilder. */
  readonly rsi: number | undefined;
  readonly rsiPrev: number | undefined;
  /** MACD(12, 26, 9). */
  readonly macd: MacdValue | undefined;
  readonly macdPrev: MacdValue | undefined;
  /** Last three histogram values, oldest → newest. */
  readonly macdHistLast3: readonly number[];
  /** Histogram history, NEWEST first (bounded, e.g. the last 50). */
  readonly macdHistSeries: readonly number[];
  /** ATR(14), Wilder; on 1m capped at 3× the median of the last 50 ATR values (original-system.md#atr-rules). */
  readonly atr: number | undefined;
  /** ATR history, newest first (bounded), for the 1m cap and ATR-based rules. */
  readonly atrSeries: readonly number[];
  /** ADX(14), Wilder. */
  readonly adx: number | undefined;
  readonly vwap: number | undefined;
  /** VWAP of the last 200 candles: the entry zone's anchor (the original's), not a condition's. */
  readonly vwapWindow: number | undefined;
  readonly bollinger: BollingerValue | undefined;
  /** StochRSI(14, 14, 3, 3): %K and %D. */
  readonly stochRsi: { readonly k: number; readonly d: number } | undefined;
  /** Classic pivots from the previous UTC day's high, low and close. */
  readonly pivots: PivotLevels | undefined;
  /** Volume of the last candle over the average of the previous 20 (1 = average). */
  readonly volumeRatio: number | undefined;
  /** Closes, newest first (bounded), for `increasing`/`decreasing` rules on `close`. */
  readonly closeSeries: readonly number[];
}
