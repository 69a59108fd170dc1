import { AtrIndicator } from './AtrIndicator.ts';
import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import { SeriesWindow } from './SeriesWindow.ts';

/** How many raw ATR values the 1m outlier cap looks back over, and how many the context keeps. */
export const ATR_WINDOW = 50;
const OUTLIER_MULTIPLE = 3;
const FLAT_FLOOR_TICKS = 2;

export interface RuledAtrOptions {
  /** The cap only applies on '1m' (docs/reference/original-system.md#atr-rules). */
  readonly timeframe: string;
  /** Contract tick size; 0 or absent disables the flat-candle floor. */
  readonly tickSize?: number;
  readonly period?: number;
}

/**
 * ATR(14) with the original's `AtrCalculator::computeWithRules` (original-system.md#atr-rules) on top
 * of the raw Wilder ATR:
 * - on 1m, a value above 3 × the median of the last 50 raw ATR values (this one included; median =
 *   element ⌊(n−1)/2⌋ of the sorted tail, the lower median) is capped there, so one spike candle
 *   cannot blow up a stop distance;
 * - with a tick size, when the candles are flat (high = low on every one of the last 50, or all of
 *   them if fewer; the original checked its whole 200-candle sample), the value is floored at
 *   2 ticks so that a stop is never placed at the entry price. The floor is applied after the cap
 *   so that it is the last word.
 * `series` keeps the raw (uncapped) values, newest first, as the original's median did.
 */
export class RuledAtr implements StreamingIndicator<number> {
  readonly warmUpCandles: number;
  readonly series = new SeriesWindow(ATR_WINDOW);
  readonly #atr: AtrIndicator;
  readonly #capOutliers: boolean;
  readonly #floor: number;
  readonly #scratch = new Float64Array(ATR_WINDOW);
  #candles = 0;
  #flatRun = 0;
  #value: number | undefined;

  constructor(options: RuledAtrOptions) {
    this.#atr = new AtrIndicator(options.period ?? 14);
    this.warmUpCandles = this.#atr.warmUpCandles;
    this.#capOutliers = options.timeframe === '1m';
    const tickSize = options.tickSize ?? 0;
    if (!(Number.isFinite(tickSize) && tickSize >= 0)) throw new RangeError(`tick size must be ≥ 0, got ${tickSize}`);
    this.#floor = FLAT_FLOOR_TICKS * tickSize;
  }

  get value(): number | undefined {
    return this.#value;
  }

  update(candle: IndicatorCandle): void {
    this.#candles += 1;
    this.#flatRun = candle.high > candle.low ? 0 : this.#flatRun + 1;
    this.#atr.update(candle);
    const raw = this.#atr.value;
    if (raw === undefined) return;
    this.series.push(raw);
    let atr = raw;
    if (this.#capOutliers && atr > OUTLIER_MULTIPLE * this.#smallest()) {
      const median = this.#lowerMedian();
      if (median > 0 && atr > OUTLIER_MULTIPLE * median) atr = OUTLIER_MULTIPLE * median;
    }
    if (this.#floor > 0 && this.#flatRun >= Math.min(this.#candles, ATR_WINDOW) && atr < this.#floor) {
      atr = this.#floor;
    }
    this.#value = atr;
  }

  /** The median is at least the smallest value, so below 3 × that nothing needs sorting. */
  #smallest(): number {
    let smallest = Number.POSITIVE_INFINITY;
    for (let age = 0; age < this.series.size; age += 1) smallest = Math.min(smallest, this.series.at(age)!);
    return smallest;
  }

  #lowerMedian(): number {
    const n = this.series.size;
    for (let age = 0; age < n; age += 1) this.#scratch[age] = this.series.at(age)!;
    const sorted = this.#scratch.subarray(0, n).sort();
    return sorted[Math.floor((n - 1) / 2)]!;
  }
}
