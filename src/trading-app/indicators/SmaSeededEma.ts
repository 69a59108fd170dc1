import { EMA, SMA } from 'trading-signals';

/**
 * EMA over numbers, seeded as TA-Lib's `TA_EMA` (which the original used through PECL trader):
 * the seed is the simple average of the first `period` inputs, the first EMA value, and every later
 * value is `previous + k·(input − previous)` with k = 2/(period+1).
 *
 * Why not trading-signals' `EMA` alone: it takes its FIRST input as the seed (its first result is
 * that price) and only counts `period` inputs before calling itself stable, so its values differ
 * from TA-Lib's for a few dozen periods. Its recurrence is the same, so the first `period` inputs
 * go to a trading-signals `SMA` and its average becomes the EMA's first input, which the EMA takes
 * as is. The SMA is dropped once seeded, so each later update is O(1).
 */
export class SmaSeededEma {
  readonly period: number;
  #seed: SMA | undefined;
  readonly #ema: EMA;
  #value: number | undefined;
  #previous: number | undefined;

  constructor(period: number) {
    this.period = period;
    this.#seed = new SMA(period);
    this.#ema = new EMA(period);
  }

  /** The EMA after the last input, undefined during the first `period − 1` inputs. */
  get value(): number | undefined {
    return this.#value;
  }

  /** The EMA one input earlier. */
  get previous(): number | undefined {
    return this.#previous;
  }

  update(input: number): number | undefined {
    this.#previous = this.#value;
    if (this.#seed === undefined) {
      this.#value = this.#ema.update(input, false);
      return this.#value;
    }
    const average = this.#seed.update(input, false);
    if (average === null) return undefined;
    this.#seed = undefined;
    this.#ema.update(average, false);
    this.#value = average;
    return average;
  }
}
