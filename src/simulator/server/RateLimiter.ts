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
 * family's length, as BitMart's reset header suggests). Counting always happens, so the headers
 * are truthful; only `enforce` decides whether an over-limit request is refused.
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
    const window = this.#current(bucket, family);
    if (this.#enforce && window.count >= family.limit) return { used: window.count, allowed: false };
    window.count += 1;
    return { used: window.count, allowed: true };
  }

  /** Current usage without counting, for responses refused before the limiter (auth, bad body). */
  peek(bucket: string, family: RateLimitFamily): number {
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
}

/** §2.7: Remaining is, confusingly, the number of requests already used in the window. */
export function setRateLimitHeaders(reply: FastifyReply, family: RateLimitFamily, used: number): void {
  reply.header('X-BM-RateLimit-Remaining', String(used));
  reply.header('X-BM-RateLimit-Limit', String(family.limit));
  reply.header('X-BM-RateLimit-Reset', String(family.windowSeconds));
}
