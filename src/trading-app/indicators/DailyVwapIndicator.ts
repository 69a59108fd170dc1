import { VWAP } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import { utcDayOf } from './utcDay.ts';

/**
 * VWAP reset at 00:00 UTC: Σ TP·V / Σ V over the candles of the current UTC day (by open time),
 * TP = (H + L + C)/3, volume clamped at ≥ 0. The original computed it cumulatively over whatever
 * window it was given (222 candles), although its `indicator.yaml` asks for `daily: true,
 * timezone: UTC` (docs/reference/original-system.md#bug-vwap-cumulative): here the config's intent is followed, so the
 * value no longer depends on how many candles the caller happened to load.
 *
 * trading-signals' cumulative `VWAP`, replaced by a fresh one at each new UTC day. Undefined while
 * the day has no volume yet (a zero-volume candle carries no price information for a volume
 * weighting; the original returned 0.0 there, which reads as a price).
 */
export class DailyVwapIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles = 1;
  #day: number | undefined;
  #vwap = new VWAP();
  #value: number | undefined;

  get value(): number | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const day = utcDayOf(candle.openTime);
    if (day !== this.#day) {
      this.#day = day;
      this.#vwap = new VWAP();
      this.#value = undefined;
    }
    const volume = Math.max(candle.volume, 0);
    const vwap = this.#vwap.update({ high: candle.high, low: candle.low, close: candle.close, volume }, false);
    if (vwap !== null) this.#value = vwap;
  }
}
