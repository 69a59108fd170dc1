/**
 * Id sequences. BitMart order ids are 16-digit numbers (e.g. "3000013086011694"); ours start at
 * 3000100000000000 plus a seed-derived offset so that two simulators with different seeds do not
 * hand out the same ids, and stay below 2^53 so that clients parsing them as numbers lose nothing.
 */
export class IdSequence {
  #nextOrder: number;
  #nextTrade: number;
  #nextTransaction: number;

  constructor(seed: number) {
    const offset = Math.abs(Math.trunc(seed)) % 100_000;
    this.#nextOrder = 3_000_100_000_000_000 + offset * 1_000_000;
    this.#nextTrade = 6_000_000_000 + offset * 10_000;
    this.#nextTransaction = 9_000_000_000 + offset * 10_000;
  }

  /** Orders and plan orders share one sequence, as on BitMart. */
  order(): string {
    return String(this.#nextOrder++);
  }

  trade(): string {
    return String(this.#nextTrade++);
  }

  transaction(): string {
    return String(this.#nextTransaction++);
  }
}
