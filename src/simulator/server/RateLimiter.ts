import type { FastifyReply } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';
import type { RateLimitFamily } from './rateLimitFamilies.ts';

export interface RateLimitDecision {
  /** Requests counted in the current window, this one included when it was admitted. */
  readonly used: number;
  readonly allowed: boolean;
}

interface WindowCount {
  windowStart: number;
  count: number;
}

/**
 * Fixed-window request counters on the injected clock (windows aligned to multiples of the
 * family's length, as BitMart's reset header suggests). With limits off the simulated venue has
 * no limit to report: nothing is counted and no rate-limit header is sent, so a client that paces
 * itself on those headers is paced by its own configuration only.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #enforce: boolean;
  readonly #windows = new Map<string, WindowCount>();

  constructor(clock: Clock, enforce: boolean) {
    this.#clock = clock;
    this.#enforce = enforce;
  }

  /** Counts one request against `bucket`; a refused request is not counted. */
  take(bucket: string, family: RateLimitFamily): RateLimitDecision {
    if (!this.#enforce) return { used: 0, allowed: true };
    const window = this.#current(bucket, family);
    if (window.count >= family.limit) return { used: window.count, allowed: false };
    window.count += 1;
    return { used: window.count, allowed: true };
  }

  /** Current usage without counting, for responses refused before the limiter (auth, bad body). */
  peek(bucket: string, family: RateLimitFamily): number {
    if (!this.#enforce) return 0;
    return this.#current(bucket, family).count;
  }

  #current(bucket: string, family: RateLimitFamily): WindowCount {
    const windowMs = family.windowSeconds * 1000;
    const windowStart = Math.floor(this.#clock.now() / windowMs) * windowMs;
    let window = this.#windows.get(bucket);
    if (!window) {
      window = { windowStart, count: 0 };
      this.#windows.set(bucket, window);
    } else if (window.windowStart !== windowStart) {
      window.windowStart = windowStart;
      window.count = 0;
    }
    return window;
  }

  /**
   * docs/reference/bitmart-wire.md#rate-limits: Remaining is, confusingly, the number of requests
   * already used in the window.
   */
  writeHeaders(reply: FastifyReply, family: RateLimitFamily, used: number): void {
    if (!this.#enforce) return;
    reply.header('X-BM-RateLimit-Remaining', String(used));
    reply.header('X-BM-RateLimit-Limit', String(family.limit));
    reply.header('X-BM-RateLimit-Reset', String(family.windowSeconds));
  }
}
