/**
 * The last `capacity` values of a series in a ring buffer: `push` is O(1) and nothing grows with
 * the history. Read newest first, the order the `…Series` context fields use.
 */
export class SeriesWindow {
  readonly capacity: number;
  readonly #values: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer`);
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(value: number): void {
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size += 1;
  }

  /** The value `age` pushes ago (0 = newest), or undefined past what is held. */
  at(age: number): number | undefined {
    if (age < 0 || age >= this.#size) return undefined;
    return this.#values[(this.#next - 1 - age + this.capacity) % this.capacity];
  }

  /** A fresh array, newest first. */
  newestFirst(): number[] {
    const out = new Array<number>(this.#size);
    for (let age = 0; age < this.#size; age += 1) out[age] = this.at(age)!;
    return out;
  }

  /** A fresh array of the `count` newest values, oldest first. */
  latestOldestFirst(count: number): number[] {
    const n = Math.min(count, this.#size);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i += 1) out[i] = this.at(n - 1 - i)!;
    return out;
  }
}
