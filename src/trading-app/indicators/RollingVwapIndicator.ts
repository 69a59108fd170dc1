import type { IndicatorCandle, StreamingIndicator } from './IndicatorCandle.ts';
import { SeriesWindow } from './SeriesWindow.ts';

/**
 * VWAP over the last `window` candles: Σ TP·V / Σ V, TP = (H + L + C)/3, volume clamped at ≥ 0.
 * The anchor of the original's entry zone (pivox/tradingV3 `EntryZoneCalculator`: VWAP of the 200
 * candles it loaded on the zone's timeframe). It stays near the price all day, where the daily
 * VWAP of the MTF conditions drifts away by the afternoon. O(1) per candle, amortised: the two
 * sums are recomputed from the window once per `window` candles, and when a candle leaving it held
 * most of the volume or of the weighted sum, so float error can neither accumulate nor dominate.
 */
export class RollingVwapIndicator implements StreamingIndicator<number> {
  readonly warmUpCandles = 1;
  readonly #weighted: SeriesWindow;
  readonly #volumes: SeriesWindow;
  #weightedSum = 0;
  #volumeSum = 0;
  #sinceResync = 0;

  constructor(readonly window = 200) {
    this.#weighted = new SeriesWindow(window);
    this.#volumes = new SeriesWindow(window);
  }

  get value(): number | undefined {
    return this.#volumeSum > 0 ? this.#weightedSum / this.#volumeSum : undefined;
  }

  update(candle: IndicatorCandle): void {
    const volume = Math.max(candle.volume, 0);
    const weighted = ((candle.high + candle.low + candle.close) / 3) * volume;
    const full = this.#volumes.size === this.window;
    const outgoing = full ? (this.#volumes.at(this.window - 1) ?? 0) : 0;
    const outgoingWeighted = full ? (this.#weighted.at(this.window - 1) ?? 0) : 0;
    this.#weightedSum -= outgoingWeighted;
    this.#volumeSum -= outgoing;
    this.#weighted.push(weighted);
    this.#volumes.push(volume);
    this.#weightedSum += weighted;
    this.#volumeSum += volume;
    this.#sinceResync += 1;
    // Subtracting most of a sum leaves mostly rounding error: start the sums over instead.
    if (this.#sinceResync >= this.window || outgoing > this.#volumeSum || outgoingWeighted > this.#weightedSum) {
      this.#resync();
    }
  }

  #resync(): void {
    this.#sinceResync = 0;
    this.#weightedSum = sum(this.#weighted);
    this.#volumeSum = sum(this.#volumes);
  }
}

function sum(window: SeriesWindow): number {
  let total = 0;
  for (let age = 0; age < window.size; age += 1) total += window.at(age) ?? 0;
  return total;
}
