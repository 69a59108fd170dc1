import { SMA } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';

/**
 * SMA(period) of the close, trading-signals' `SMA`. Its update re-averages the window, O(period)
 * for a fixed small period (9, 21): constant per candle, independent of the history length.
 */
export class SmaIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly #sma: SMA;
  #value: number | undefined;

  constructor(period: number) {
    this.#sma = new SMA(period);
    this.warmUpCandles = period;
  }

  get value(): number | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    this.#value = this.#sma.update(candle.close, false) ?? undefined;
  }
}
