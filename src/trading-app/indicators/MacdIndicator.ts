import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import type { MacdValue } from './IndicatorContext.ts';
import { SmaSeededEma } from './SmaSeededEma.ts';

/**
 * MACD(fast, slow, signal) of the close with TA-Lib's `TA_MACD` semantics (the original's
 * production path through PECL trader):
 * - all three EMAs are SMA-seeded (see SmaSeededEma);
 * - the fast EMA is lined up in time with the slow one: TA-Lib starts it `slow − fast` candles
 *   late, so its SMA seed covers the `fast` closes that end on the candle where the slow EMA is
 *   seeded. The first MACD line value is then on candle `slow`, and both EMAs are of the same
 *   candles from there on;
 * - the signal EMA is seeded with the average of the first `signal` MACD values, so the first
 *   full value is on candle slow + signal − 1 (34 for 12/26/9).
 * The PHP fallback's bug (fast and slow paired by array index, not by time,
 * docs/reference/original-system.md#bug-macd-fallback) is not reproduced. trading-signals' `MACD`
 * class is not used: it takes EMAs that seed with their first input.
 */
export class MacdIndicator implements StreamingIndicator<MacdValue> {
  readonly warmUpCandles: number;
  readonly #fast: SmaSeededEma;
  readonly #slow: SmaSeededEma;
  readonly #signal: SmaSeededEma;
  /** Closes skipped by the fast EMA so that its seed ends where the slow EMA's does. */
  readonly #fastDelay: number;
  #candles = 0;
  #value: MacdValue | undefined;
  #previous: MacdValue | undefined;

  constructor(fast = 12, slow = 26, signal = 9) {
    if (!(fast < slow)) throw new RangeError(`MACD fast period (${fast}) must be below the slow one (${slow})`);
    this.#fast = new SmaSeededEma(fast);
    this.#slow = new SmaSeededEma(slow);
    this.#signal = new SmaSeededEma(signal);
    this.#fastDelay = slow - fast;
    this.warmUpCandles = slow + signal - 1;
  }

  get value(): MacdValue | undefined {
    return this.#value;
  }

  /** The value one candle earlier (`macdPrev`). */
  get previous(): MacdValue | undefined {
    return this.#previous;
  }

  update(candle: IndicatorCandle): void {
    this.#previous = this.#value;
    this.#candles += 1;
    const slow = this.#slow.update(candle.close);
    const fast = this.#candles > this.#fastDelay ? this.#fast.update(candle.close) : undefined;
    if (slow === undefined || fast === undefined) return;
    const macd = fast - slow;
    const signal = this.#signal.update(macd);
    if (signal === undefined) return;
    this.#value = { macd, signal, hist: macd - signal };
  }
}
