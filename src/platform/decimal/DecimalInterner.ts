import { Dec } from './index.ts';

/**
 * Parses decimal strings through a bounded cache. Market data repeats itself (the same prices,
 * sizes and volumes arrive push after push), and a `Dec` is immutable, so one instance per
 * distinct string is safe to share; a hit costs a map lookup instead of a decimal parse.
 */
export class DecimalInterner {
  readonly #values = new Map<string, Dec>();
  readonly #capacity: number;

  constructor(capacity = 50_000) {
    this.#capacity = capacity;
  }

  parse(raw: string): Dec {
    let value = this.#values.get(raw);
    if (value === undefined) {
      // Clearing all at once keeps the hot path a single lookup; the cache refills in a few pushes.
      if (this.#values.size >= this.#capacity) this.#values.clear();
      value = new Dec(raw);
      this.#values.set(raw, value);
    }
    return value;
  }

  get size(): number {
    return this.#values.size;
  }
}
