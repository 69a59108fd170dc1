import { TR, WSMA } from 'trading-signals';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';

/**
 * ATR(period), Wilder, as TA-Lib's `TA_ATR`: the true range needs the previous close, so the first
 * candle only provides that close; the seed is the simple average of the true ranges of candles
 * 2…period+1 and then ATR = (ATR·(period−1) + TR)/period. First value on candle period+1 (15).
 *
 * Composed of trading-signals' `TR` and `WSMA` instead of its `ATR`, which counts the first
 * candle's high − low as a true range and so is seeded one candle early, unlike TA-Lib and the
 * original's PHP fallback. This is the raw value: the 1m outlier cap and the tick floor
 * (docs/reference/original-system.md#atr-rules) are applied on top of the series by `atrRules.ts`.
 */
export class AtrIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly #trueRange = new TR();
  readonly #smoothing: WSMA;
  #candles = 0;
  #value: number | undefined;

  constructor(period = 14) {
    this.#smoothing = new WSMA(period);
    this.warmUpCandles = period + 1;
  }

  get value(): number | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    const trueRange = this.#trueRange.update(candle, false);
    this.#candles += 1;
    if (this.#candles === 1) return;
    this.#value = this.#smoothing.update(trueRange, false) ?? undefined;
  }
}
