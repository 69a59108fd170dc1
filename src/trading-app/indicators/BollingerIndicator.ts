import { BollingerBands } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import type { BollingerValue } from './IndicatorContext.ts';

/**
 * Bollinger(period, k) of the close: SMA middle, ± k population standard deviations (÷ n, as
 * TA-Lib's `TA_BBANDS` and the original), trading-signals' `BollingerBands`. O(period) per candle.
 */
export class BollingerIndicator implements StreamingIndicator<BollingerValue> {
  readonly warmUpCandles: number;
  readonly #bands: BollingerBands;
  #value: BollingerValue | undefined;

  constructor(period = 20, deviations = 2) {
    this.#bands = new BollingerBands(period, deviations);
    this.warmUpCandles = period;
  }

  get value(): BollingerValue | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const bands = this.#bands.update(candle.close, false);
    if (bands !== null) this.#value = { upper: bands.upper, middle: bands.middle, lower: bands.lower };
  }
}
