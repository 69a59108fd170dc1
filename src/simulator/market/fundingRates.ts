import { Dec } from '../../platform/decimal/index.ts';
import { deriveSeed, SeededRandom } from './SeededRandom.ts';
import type { FundingInfo } from './types.ts';

/** BitMart's cap on the funding rate of USDT-M perpetuals (docs/reference/bitmart-wire.md#funding-rate). */
const FUNDING_LIMIT = new Dec('0.0375');
/** Rates drift around a small positive base (longs usually pay), within about ±0.00015 of it. */
const BASE_RATE = 0.00005;
const RATE_SWING = 0.0001;
/** The seeded anchors of the slow rate curve lie this many funding periods apart. */
const PERIODS_PER_ANCHOR = 6;

/**
 * Funding rates as a slow, seeded curve of time: value noise (random anchors every 6 periods,
 * smoothly interpolated), so any moment's rate is known without replaying the past. The rate of a
 * period is the curve at its settlement; the expected rate is the curve now.
 */
export class FundingRates {
  readonly #seed: number;
  readonly #periodMs: number;

  constructor(seed: number, symbolHash: number, intervalHours: number) {
    this.#seed = deriveSeed(seed, symbolHash, 0xf0d1);
    this.#periodMs = intervalHours * 3_600_000;
  }

  /** Next settlement strictly after `nowMs`: 00:00, 08:00, 16:00 UTC for an 8 h interval. */
  nextFundingTime(nowMs: number): number {
    return (Math.floor(nowMs / this.#periodMs) + 1) * this.#periodMs;
  }

  info(symbol: string, nowMs: number): FundingInfo {
    const next = this.nextFundingTime(nowMs);
    return {
      symbol,
      rate: this.#rateAt(next - this.#periodMs),
      expectedRate: this.#rateAt(nowMs),
      nextFundingTime: next,
      upperLimit: FUNDING_LIMIT,
      lowerLimit: FUNDING_LIMIT.neg(),
    };
  }

  #rateAt(timeMs: number): Dec {
    const position = timeMs / (this.#periodMs * PERIODS_PER_ANCHOR);
    const index = Math.floor(position);
    const fraction = position - index;
    const smooth = fraction * fraction * (3 - 2 * fraction);
    const noise = this.#anchor(index) * (1 - smooth) + this.#anchor(index + 1) * smooth;
    const rate = Math.max(-0.0375, Math.min(0.0375, BASE_RATE + RATE_SWING * noise));
    return new Dec(rate.toFixed(10));
  }

  /** A value in [-1, 1) for anchor `index`. */
  #anchor(index: number): number {
    return new SeededRandom(deriveSeed(this.#seed, index)).uniform() * 2 - 1;
  }
}
