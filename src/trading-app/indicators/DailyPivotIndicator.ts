import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import type { PivotLevels } from './IndicatorContext.ts';
import { DAY_MS, utcDayOf } from './utcDay.ts';

/**
 * Classic floor pivots of the previous UTC day (docs/reference/original-system.md#pivots formulas) from the high, low
 * and close of the candles that opened that day. A day only counts when it was seen from its start: the first day
 * fed counts only if its first candle opened at 00:00 UTC, otherwise its high and low would be
 * those of a fragment. So this is calendar-based, not count-based: on 4h/1h a few days of candles
 * suffice, on 1m it takes up to two days (2,880 candles), which is why `warmUpCandles` of the
 * context does not include it. On 1d candles the previous day is the previous candle.
 */
export class DailyPivotIndicator implements StreamingIndicator<PivotLevels> {
  /** Candles of a timeframe that divides a day; the real need depends on the first open time. */
  readonly warmUpCandles = 2;
  #day: number | undefined;
  #dayFromStart = false;
  #high = 0;
  #low = 0;
  #close = 0;
  #value: PivotLevels | undefined;

  get value(): PivotLevels | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const day = utcDayOf(candle.openTime);
    if (day !== this.#day) {
      if (this.#day !== undefined && this.#dayFromStart) {
        this.#value = classicPivots(this.#high, this.#low, this.#close);
      }
      // Gaps aside, every day after the first one fed started being seen at its first candle.
      this.#dayFromStart = this.#day !== undefined || candle.openTime === day * DAY_MS;
      this.#day = day;
      this.#high = candle.high;
      this.#low = candle.low;
    } else {
      if (candle.high > this.#high) this.#high = candle.high;
      if (candle.low < this.#low) this.#low = candle.low;
    }
    this.#close = candle.close;
  }
}

export function classicPivots(high: number, low: number, close: number): PivotLevels {
  const pp = (high + low + close) / 3;
  const range = high - low;
  return {
    pp,
    r1: 2 * pp - low,
    r2: pp + range,
    r3: high + 2 * (pp - low),
    s1: 2 * pp - high,
    s2: pp - range,
    s3: low - 2 * (high - pp),
  };
}
