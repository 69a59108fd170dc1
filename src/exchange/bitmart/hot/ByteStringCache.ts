/**
 * Strings by their bytes: a direct-mapped cache (one slot per hash, the newer string wins) so that
 * a key or value the frames repeat is returned as the same string instead of a new one. Returning
 * the same instance also lets every later `Map` lookup on it reuse the hash V8 keeps in the string.
 * A slot keeps a copy of its string's bytes, so a hit is checked byte against byte (never trusted
 * to the hash alone). Only for ASCII bytes (the callers check), where a byte is a UTF-16 unit.
 */
const DEFAULT_SLOTS = 4096;
/** Longer strings are not cached: prices, sizes and groups are far shorter. */
const MAX_CACHED_LENGTH = 48;

export class ByteStringCache {
  readonly #strings: (string | undefined)[];
  readonly #lengths: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #mask: number;

  /** `slots` is rounded up to a power of two. */
  constructor(slots = DEFAULT_SLOTS) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(1, slots)));
    this.#strings = new Array<string | undefined>(size).fill(undefined);
    this.#lengths = new Int32Array(size).fill(-1);
    this.#bytes = new Uint8Array(size * MAX_CACHED_LENGTH);
    this.#mask = size - 1;
  }

  /** The string of `bytes[start, end)`; `hash` is any hash of those bytes, the same for the same bytes. */
  get(bytes: Buffer, start: number, end: number, hash: number): string {
    const length = end - start;
    if (length > MAX_CACHED_LENGTH) return bytes.toString('latin1', start, end);
    const slot = (hash ^ (hash >>> 15)) & this.#mask;
    const copy = this.#bytes;
    const base = slot * MAX_CACHED_LENGTH;
    if (this.#lengths[slot] === length) {
      let index = 0;
      while (index < length && copy[base + index] === bytes[start + index]) index += 1;
      if (index === length) return this.#strings[slot]!;
    }
    const fresh = bytes.toString('latin1', start, end);
    this.#strings[slot] = fresh;
    this.#lengths[slot] = length;
    // A loop, not `copy.set(bytes.subarray(...))`: no Buffer view allocated per miss.
    for (let index = 0; index < length; index++) copy[base + index] = bytes[start + index]!;
    return fresh;
  }
}
