import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

/** FNV-1a over the UTF-16 code units: a stable 32-bit number for a symbol or a label. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: every input bit flips about half of the output bits. */
function avalanche(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * A sub-seed from the master seed and integer coordinates (symbol hash, tree level, start time…).
 * Coordinates may exceed 32 bits (Unix seconds will): both halves are mixed in.
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let hash = avalanche((seed >>> 0) ^ 0x9e3779b9);
  for (const part of parts) {
    const high = Math.floor(part / 4_294_967_296);
    hash = avalanche(hash ^ avalanche(part >>> 0));
    hash = avalanche(hash ^ avalanche((high >>> 0) + 0x6a09e667));
  }
  return hash;
}

/**
 * Doubles and normal variates on top of pure-rand's xoroshiro128+. Mutable on purpose (the unsafe
 * API): one instance is owned by one generator and drawing must cost nanoseconds.
 */
export class SeededRandom {
  readonly #generator: RandomGenerator;
  #spareNormal: number | undefined;

  constructor(seed: number) {
    this.#generator = xoroshiro128plus(seed | 0);
  }

  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number {
    const high = this.#generator.unsafeNext() >>> 5;
    const low = this.#generator.unsafeNext() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  /** Standard normal (Box–Muller; the second variate is kept for the next call). */
  normal(): number {
    const spare = this.#spareNormal;
    if (spare !== undefined) {
      this.#spareNormal = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.#spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Student's t with 3 degrees of freedom, unit scale: the fat tail of crypto jumps. */
  studentT3(): number {
    const a = this.normal();
    const b = this.normal();
    const c = this.normal();
    return this.normal() / Math.sqrt((a * a + b * b + c * c) / 3);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }
}
