import type { Dec } from '../../platform/decimal/index.ts';
import { ticksToPrice } from './CandleAccumulator.ts';
import { SeededRandom } from './SeededRandom.ts';
import type { BookLevel, OrderBook } from './types.ts';

export interface SyntheticBookOptions {
  readonly symbol: string;
  readonly lastTicks: number;
  readonly tickSize: Dec;
  readonly levels: number;
  /** Unix ms, stamped on the book. */
  readonly time: number;
  /** Sub-seed for this symbol and moment: the same book whenever it is asked for again. */
  readonly seed: number;
  /** Typical contracts resting at the touch. */
  readonly touchSize: number;
}

/** Each level away from the touch holds this much more than the one before (on average). */
const DEPTH_GROWTH_PER_LEVEL = 0.18;
/** Chance that a level is skipped, leaving a one-tick hole, as thin books have. */
const GAP_PROBABILITY = 0.25;

/**
 * A resting book around the last price: the best bid one tick below it, the best ask one tick above
 * (never crossed), sizes growing away from the touch with log-normal noise. The engine walks it for
 * the slippage and partial fills of market orders.
 */
export function syntheticBook(options: SyntheticBookOptions): OrderBook {
  const random = new SeededRandom(options.seed);
  return {
    symbol: options.symbol,
    bids: side(options, random, -1),
    asks: side(options, random, 1),
    time: options.time,
  };
}

function side(options: SyntheticBookOptions, random: SeededRandom, direction: 1 | -1): BookLevel[] {
  const levels: BookLevel[] = [];
  let ticks = options.lastTicks;
  for (let level = 0; level < options.levels; level++) {
    ticks += direction * (level > 0 && random.chance(GAP_PROBABILITY) ? 2 : 1);
    if (ticks < 1) break;
    const mean = options.touchSize * (1 + DEPTH_GROWTH_PER_LEVEL * level);
    const size = Math.max(1, Math.round(mean * Math.exp(0.5 * random.normal() - 0.125)));
    levels.push({ price: ticksToPrice(ticks, options.tickSize), size });
  }
  return levels;
}
