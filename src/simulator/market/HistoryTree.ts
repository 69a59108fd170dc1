import type { CandleAccumulator, TickCandle } from './CandleAccumulator.ts';
import { generateDailyHistory } from './dailyHistory.ts';
import type { LruCache } from './LruCache.ts';
import { deriveSeed, SeededRandom } from './SeededRandom.ts';
import { splitCandle } from './splitCandle.ts';
import { DAY_SECONDS, floorTo, LEAF_LEVEL, MINUTE_SECONDS, TREE_LEVELS } from './timeGrid.ts';

/** Children of generated nodes, shared by every symbol's tree; keys from `nodeKey`. */
export type NodeCache = LruCache<number, readonly TickCandle[]>;

export interface HistoryTreeOptions {
  readonly seed: number;
  /** Small integer, unique per symbol in one market: part of the cache key. */
  readonly symbolIndex: number;
  /** Stable hash of the symbol: part of every sub-seed, so a symbol's history never depends on the catalog order. */
  readonly symbolHash: number;
  /** End of the generated past (Unix seconds, on a minute): the live process takes over from here. */
  readonly endSec: number;
  readonly days: number;
  readonly referenceTicks: number;
  readonly annualVolatility: number;
  readonly dailyVolume: number;
  readonly cache: NodeCache;
}

const DAILY_LEVEL_LABEL = 0x0da1;

/**
 * The generated past of one symbol, coarse to fine. Daily candles come from a daily process; the
 * children of any node (1D → 6 × 4H → 4 × 1H → 4 × 15m → 3 × 5m → 5 × 1m) are drawn on demand from
 * a sub-seed of (seed, symbol, level, node open time), so any candle can be produced without its
 * neighbours and is the same whenever it is produced again. Children aggregate exactly to their
 * parent, hence every timeframe is the exact aggregate of its 1m candles.
 */
export class HistoryTree {
  /** Open time of the first generated day. */
  readonly startSec: number;
  readonly endSec: number;
  readonly #seed: number;
  readonly #symbolIndex: number;
  readonly #symbolHash: number;
  readonly #days: readonly TickCandle[];
  readonly #cache: NodeCache;

  constructor(options: HistoryTreeOptions) {
    this.#seed = options.seed;
    this.#symbolIndex = options.symbolIndex;
    this.#symbolHash = options.symbolHash;
    this.#cache = options.cache;
    this.endSec = options.endSec;
    this.startSec = floorTo(options.endSec, DAY_SECONDS) - (options.days - 1) * DAY_SECONDS;
    this.#days = generateDailyHistory({
      seed: deriveSeed(options.seed, options.symbolHash, DAILY_LEVEL_LABEL, this.startSec),
      days: options.days,
      referenceTicks: options.referenceTicks,
      annualVolatility: options.annualVolatility,
      dailyVolume: options.dailyVolume,
    });
  }

  /**
   * Folds the revealed history inside [fromSec, toSec) into `into`, in time order. Bounds must lie
   * on minutes. Nodes wholly inside the range are added as they are; the ones on its edges, and the
   * ones that straddle the end of the past, are opened up to their children.
   */
  accumulate(fromSec: number, toSec: number, into: CandleAccumulator): void {
    const from = Math.max(fromSec, this.startSec);
    const to = Math.min(toSec, this.endSec);
    if (from >= to) return;
    const firstDay = Math.floor((from - this.startSec) / DAY_SECONDS);
    const lastDay = Math.floor((to - 1 - this.startSec) / DAY_SECONDS);
    for (let day = firstDay; day <= lastDay; day++) {
      const candle = this.#days[day];
      if (candle) this.#fold(0, this.startSec + day * DAY_SECONDS, candle, from, to, into);
    }
  }

  #fold(level: number, startSec: number, candle: TickCandle, from: number, to: number, into: CandleAccumulator): void {
    const endSec = startSec + TREE_LEVELS[level]!.seconds;
    if (endSec <= from || startSec >= to) return;
    if (from <= startSec && endSec <= to) {
      into.add(candle);
      return;
    }
    if (level === LEAF_LEVEL) return;
    const children = this.#children(level, startSec, candle);
    const childSeconds = TREE_LEVELS[level + 1]!.seconds;
    for (let index = 0; index < children.length; index++) {
      this.#fold(level + 1, startSec + index * childSeconds, children[index]!, from, to, into);
    }
  }

  #children(level: number, startSec: number, candle: TickCandle): readonly TickCandle[] {
    const key = nodeKey(startSec, this.#symbolIndex, level);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const random = new SeededRandom(deriveSeed(this.#seed, this.#symbolHash, level + 1, startSec));
    const children = splitCandle(candle, TREE_LEVELS[level]!.childCount, random);
    this.#cache.set(key, children);
    return children;
  }
}

/** A numeric key (Map lookups on numbers beat strings): minute × 1024 + symbol × 8 + level. */
function nodeKey(startSec: number, symbolIndex: number, level: number): number {
  return (startSec / MINUTE_SECONDS) * 1024 + symbolIndex * 8 + level;
}
