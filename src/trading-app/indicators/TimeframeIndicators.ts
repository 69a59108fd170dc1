import { AdxIndicator } from './AdxIndicator.ts';
import { BollingerIndicator } from './BollingerIndicator.ts';
import { DailyPivotIndicator } from './DailyPivotIndicator.ts';
import { DailyVwapIndicator } from './DailyVwapIndicator.ts';
import { EmaIndicator } from './EmaIndicator.ts';
import type { IndicatorCandle } from './IndicatorCandle.ts';
import type { IndicatorContext } from './IndicatorContext.ts';
import { IndicatorInputError } from './IndicatorInputError.ts';
import { MacdIndicator } from './MacdIndicator.ts';
import { RollingVwapIndicator } from './RollingVwapIndicator.ts';
import { RsiIndicator } from './RsiIndicator.ts';
import { RuledAtr } from './RuledAtr.ts';
import { SeriesWindow } from './SeriesWindow.ts';
import { SmaIndicator } from './SmaIndicator.ts';
import { StochRsiIndicator } from './StochRsiIndicator.ts';
import { VolumeRatioIndicator } from './VolumeRatioIndicator.ts';

export const EMA_PERIODS = [9, 20, 21, 50, 200] as const;
export const SMA_PERIODS = [9, 21] as const;
/** Length of the bounded `…Series` fields (closes, MACD histogram, raw ATR). */
export const SERIES_LENGTH = 50;

export interface TimeframeIndicatorsOptions {
  /**
   * Contract tick size, for the flat-candle ATR floor (docs/reference/original-system.md#atr-rules).
   * Absent: no floor.
   */
  readonly tickSize?: number;
}

type EmaPeriod = (typeof EMA_PERIODS)[number];
type SmaPeriod = (typeof SMA_PERIODS)[number];

/**
 * Every indicator of one symbol × timeframe, updated in O(1) per CLOSED candle, in open-time order.
 * `context()` is the indicator context (original-system.md#indicator-context) after the last candle; it is built once
 * per candle and then shared, so calling it after every update is cheap. Deterministic: no clock, no I/O; the
 * only notion of time is the candles' open times (for the daily VWAP reset and the pivots).
 */
export class TimeframeIndicators {
  /**
   * Candles before every count-based field is defined: 201, because `emaPrev[200]` and
   * `ema200Slope` need the EMA200 of the candle before. Not included, because they depend on the
   * calendar and the data rather than a count: `pivots` (a full previous UTC day) and, on candles
   * without volume, `vwap` and `volumeRatio`.
   */
  static readonly warmUpCandles = 201;
  readonly warmUpCandles = TimeframeIndicators.warmUpCandles;
  readonly symbol: string;
  readonly timeframe: string;

  readonly #ema = new Map<EmaPeriod, EmaIndicator>(EMA_PERIODS.map((p) => [p, new EmaIndicator(p)]));
  readonly #sma = new Map<SmaPeriod, SmaIndicator>(SMA_PERIODS.map((p) => [p, new SmaIndicator(p)]));
  readonly #rsi = new RsiIndicator(14);
  readonly #macd = new MacdIndicator(12, 26, 9);
  readonly #atr: RuledAtr;
  readonly #adx = new AdxIndicator(14);
  readonly #vwap = new DailyVwapIndicator();
  readonly #vwapWindow = new RollingVwapIndicator(200);
  readonly #bollinger = new BollingerIndicator(20, 2);
  readonly #stochRsi = new StochRsiIndicator(14, 14, 3, 3);
  readonly #pivots = new DailyPivotIndicator();
  readonly #volumeRatio = new VolumeRatioIndicator(20);
  readonly #closes = new SeriesWindow(SERIES_LENGTH);
  readonly #macdHist = new SeriesWindow(SERIES_LENGTH);
  #last: IndicatorCandle | undefined;
  #candles = 0;
  #context: IndicatorContext | undefined;

  constructor(symbol: string, timeframe: string, options: TimeframeIndicatorsOptions = {}) {
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.#atr = new RuledAtr({ timeframe, tickSize: options.tickSize ?? 0 });
  }

  /** Candles folded in so far. */
  get candleCount(): number {
    return this.#candles;
  }

  /** Open time of the last candle folded in. */
  get lastOpenTime(): number | undefined {
    return this.#last?.openTime;
  }

  get isWarm(): boolean {
    return this.#candles >= this.warmUpCandles;
  }

  /** Folds in the next CLOSED candle. Throws IndicatorInputError (and changes nothing) on a candle
   * that is not strictly newer than the last one or that holds a non-finite number. */
  update(candle: IndicatorCandle): void {
    this.#check(candle);
    for (const ema of this.#ema.values()) ema.update(candle);
    for (const sma of this.#sma.values()) sma.update(candle);
    this.#rsi.update(candle);
    this.#macd.update(candle);
    this.#atr.update(candle);
    this.#adx.update(candle);
    this.#vwap.update(candle);
    this.#vwapWindow.update(candle);
    this.#bollinger.update(candle);
    this.#stochRsi.update(candle);
    this.#pivots.update(candle);
    this.#volumeRatio.update(candle);
    this.#closes.push(candle.close);
    const macd = this.#macd.value;
    if (macd !== undefined) this.#macdHist.push(macd.hist);
    this.#last = candle;
    this.#candles += 1;
    this.#context = undefined;
  }

  context(): IndicatorContext {
    if (this.#context === undefined) this.#context = this.#buildContext();
    return this.#context;
  }

  #check(candle: IndicatorCandle): void {
    const where = { symbol: this.symbol, timeframe: this.timeframe, openTime: candle.openTime };
    const { openTime, open, high, low, close, volume } = candle;
    if (![openTime, open, high, low, close, volume].every(Number.isFinite)) {
      throw new IndicatorInputError({ ...where, reason: 'non_finite' });
    }
    const last = this.#last?.openTime;
    if (last === undefined || openTime > last) return;
    throw new IndicatorInputError({
      ...where,
      reason: openTime === last ? 'duplicate' : 'out_of_order',
      lastOpenTime: last,
    });
  }

  #buildContext(): IndicatorContext {
    const last = this.#last;
    if (last === undefined) {
      throw new IndicatorInputError({ symbol: this.symbol, timeframe: this.timeframe, reason: 'no_candle' });
    }
    const ema: Partial<Record<EmaPeriod, number>> = {};
    const emaPrev: Partial<Record<EmaPeriod, number>> = {};
    for (const [period, indicator] of this.#ema) {
      if (indicator.value !== undefined) ema[period] = indicator.value;
      if (indicator.previous !== undefined) emaPrev[period] = indicator.previous;
    }
    const sma: Partial<Record<SmaPeriod, number>> = {};
    for (const [period, indicator] of this.#sma) if (indicator.value !== undefined) sma[period] = indicator.value;
    const ema200 = ema[200];
    const ema200Prev = emaPrev[200];
    return {
      symbol: this.symbol,
      timeframe: this.timeframe,
      klineTime: last.openTime,
      close: last.close,
      high: last.high,
      low: last.low,
      volume: last.volume,
      ema,
      emaPrev,
      ema200Slope: ema200 !== undefined && ema200Prev !== undefined ? ema200 - ema200Prev : undefined,
      sma,
      rsi: this.#rsi.value,
      rsiPrev: this.#rsi.previous,
      macd: this.#macd.value,
      macdPrev: this.#macd.previous,
      macdHistLast3: this.#macdHist.latestOldestFirst(3),
      macdHistSeries: this.#macdHist.newestFirst(),
      atr: this.#atr.value,
      atrSeries: this.#atr.series.newestFirst(),
      adx: this.#adx.value,
      vwap: this.#vwap.value,
      vwapWindow: this.#vwapWindow.value,
      bollinger: this.#bollinger.value,
      stochRsi: this.#stochRsi.value,
      pivots: this.#pivots.value,
      volumeRatio: this.#volumeRatio.value,
      closeSeries: this.#closes.newestFirst(),
    };
  }
}
