import { Dec } from './index.ts';

/**
 * Decimals of a fixed set of fields ("slots", e.g. the ten prices and sizes of one symbol's
 * ticker), each remembering the last two strings it parsed. A field of a market push is mostly
 * the same as in the previous push, or the value before (a last price bouncing between bid and
 * ask), so a hit is one or two string compares, usually of the very same string instance, instead
 * of hashing a fresh string into a map; a miss parses and forgets the older value, so a field that
 * changes every push (a 24 h volume) costs no cache churn. `Dec` is immutable: sharing is safe.
 */
export class DecimalInternerSlots {
  /** Per slot: the newest raw string, then the one before; `#values` likewise. */
  readonly #raws: (string | undefined)[];
  readonly #values: (Dec | undefined)[];

  constructor(slots: number) {
    this.#raws = new Array<string | undefined>(slots * 2).fill(undefined);
    this.#values = new Array<Dec | undefined>(slots * 2).fill(undefined);
  }

  parse(slot: number, raw: string): Dec {
    const newest = slot * 2;
    const raws = this.#raws;
    const values = this.#values;
    if (raws[newest] === raw) return values[newest]!;
    const older = newest + 1;
    const value = raws[older] === raw ? values[older]! : new Dec(raw);
    raws[older] = raws[newest];
    values[older] = values[newest];
    raws[newest] = raw;
    values[newest] = value;
    return value;
  }
}
