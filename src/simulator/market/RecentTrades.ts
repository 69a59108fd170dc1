import type { MarketTrade } from './types.ts';

/** The last `capacity` crowd trades of one symbol in a ring buffer: bounded memory, O(1) per trade. */
export class RecentTrades {
  readonly #slots: (MarketTrade | undefined)[];
  #next = 0;
  #count = 0;

  constructor(capacity = 500) {
    this.#slots = new Array<MarketTrade | undefined>(capacity).fill(undefined);
  }

  push(trade: MarketTrade): void {
    this.#slots[this.#next] = trade;
    this.#next = (this.#next + 1) % this.#slots.length;
    this.#count = Math.min(this.#count + 1, this.#slots.length);
  }

  /** Newest first, at most `limit`. */
  newest(limit: number): MarketTrade[] {
    const wanted = Math.max(0, Math.min(Math.floor(limit), this.#count));
    const trades: MarketTrade[] = [];
    for (let offset = 1; offset <= wanted; offset++) {
      const index = (this.#next - offset + this.#slots.length) % this.#slots.length;
      trades.push(this.#slots[index]!);
    }
    return trades;
  }
}
