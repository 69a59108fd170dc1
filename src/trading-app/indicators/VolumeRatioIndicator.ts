import { SMA } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';

/**
 * Volume of the last candle over the average volume of the `period` candles before it (1 =
 * average), volume clamped at ≥ 0. Undefined while that average is 0 (no trades at all): a ratio
 * to nothing is not a number. trading-signals' `SMA`, read before the candle is added to it.
 */
export class VolumeRatioIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly #average: SMA;
  #previousAverage: number | null = null;
  #value: number | undefined;

  constructor(period = 20) {
    this.#average = new SMA(period);
    this.warmUpCandles = period + 1;
  }

  get value(): number | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const volume = Math.max(candle.volume, 0);
    const before = this.#previousAverage;
    this.#value = before !== null && before > 0 ? volume / before : undefined;
    this.#previousAverage = this.#average.update(volume, false);
  }
}
