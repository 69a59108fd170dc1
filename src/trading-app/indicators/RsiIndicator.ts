import { RSI } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';

/**
 * RSI(period) of the close, Wilder: trading-signals' `RSI` with its default `WSMA` smoothing, whose
 * seed is the simple average of the first `period` gains and losses, exactly as TA-Lib's `TA_RSI`
 * and the original PHP fallback. First value on candle period+1. Unrounded (technicalindicators
 * rounds to 2 decimals; PECL trader rounded to 3).
 *
 * One deliberate difference from TA-Lib: when the average gain and the average loss are both 0
 * (every close so far identical, as on a freshly listed, untraded contract) trading-signals says
 * 100 where TA-Lib says 0. Wilder averages never decay back to exactly 0, so this only happens
 * before the first price change ever seen.
 */
export class RsiIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly #rsi: RSI;
  #value: number | undefined;
  #previous: number | undefined;

  constructor(period = 14) {
    this.#rsi = new RSI(period);
    this.warmUpCandles = period + 1;
  }

  get value(): number | undefined {
    return this.#value;
  }

  /** The value one candle earlier (`rsiPrev`). */
  get previous(): number | undefined {
    return this.#previous;
  }

  update(candle: IndicatorCandle): void {
    this.#previous = this.#value;
    this.#value = this.#rsi.update(candle.close, false) ?? undefined;
  }
}
