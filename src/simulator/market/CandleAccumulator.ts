import { Dec } from '../../platform/decimal/index.ts';
import type { Candle } from './types.ts';

/** A candle in integer ticks and whole contracts: the simulator's internal currency for prices. */
export interface TickCandle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * Folds consecutive candles (in time order) into one: the first open, the extreme high and low,
 * the last close, the summed volume. Every kline step is built this way from tree nodes and live
 * candles, so it equals the aggregate of the 1m candles it covers by construction.
 */
export class CandleAccumulator {
  #open = 0;
  #high = 0;
  #low = 0;
  #close = 0;
  #volume = 0;
  /** Σ volume × mean price of each part, in tick·contracts: an estimate of the quote turnover. */
  #turnoverTicks = 0;
  #empty = true;

  get empty(): boolean {
    return this.#empty;
  }

  get open(): number {
    return this.#open;
  }

  get high(): number {
    return this.#high;
  }

  get low(): number {
    return this.#low;
  }

  get close(): number {
    return this.#close;
  }

  get volume(): number {
    return this.#volume;
  }

  get turnoverTicks(): number {
    return this.#turnoverTicks;
  }

  add(candle: TickCandle): void {
    if (this.#empty) {
      this.#empty = false;
      this.#open = candle.open;
      this.#high = candle.high;
      this.#low = candle.low;
    } else {
      if (candle.high > this.#high) this.#high = candle.high;
      if (candle.low < this.#low) this.#low = candle.low;
    }
    this.#close = candle.close;
    this.#volume += candle.volume;
    this.#turnoverTicks += (candle.volume * (candle.open + candle.high + candle.low + candle.close)) / 4;
  }

  reset(): void {
    this.#empty = true;
    this.#volume = 0;
    this.#turnoverTicks = 0;
  }

  /** The accumulated candle with prices converted from ticks (exact: ticks × tick size). */
  toCandle(openTime: number, tickSize: Dec): Candle {
    return {
      openTime,
      open: ticksToPrice(this.#open, tickSize),
      high: ticksToPrice(this.#high, tickSize),
      low: ticksToPrice(this.#low, tickSize),
      close: ticksToPrice(this.#close, tickSize),
      volume: this.#volume,
    };
  }
}

export function ticksToPrice(ticks: number, tickSize: Dec): Dec {
  return new Dec(ticks).mul(tickSize);
}
