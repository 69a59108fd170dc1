import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import { BudgetLink } from '../../../platform/rateBudget/BudgetLink.ts';
import type { RateBudget } from '../../../platform/rateBudget/RateBudget.ts';
import type { OkxRateLimit } from './rateLimits.ts';

/**
 * Keeps a process under OKX's REST limits (rateLimits.ts) by waiting, on the injected clock, before
 * a request that would overflow its window, instead of letting OKX answer 50011.
 *
 * - A sliding log of send times per bucket (method, path, scope and, for trading endpoints, the
 *   instrument: OKX counts place/cancel/amend per instId): no more than `limit` sends in any
 *   window of `windowMs + marginMs`; the margin absorbs jitter between our send and OKX's count.
 * - OKX sends no rate-limit headers: a 50011 (HTTP 429 or 200) blocks the bucket for one window.
 * - Two lanes, as BitMart's limiter (docs/decisions/0011-rate-limit-protective-lane.md): a
 *   `protective` request (one that closes or protects a position) may use the whole window; a
 *   `normal` one leaves the last sixth free, so a burst of entries on an instrument never makes
 *   its stop-loss close wait for the next window.
 *
 * Share one instance between the clients of a process that use the same key. No timers between calls.
 * Processes that share the key share the budget too when given one (`shared`, decision 0038): the
 * log is then the budget's, across processes, and every request waits for its answer.
 */
export type OkxRateLimitLane = 'normal' | 'protective';

const PROTECTIVE_RESERVE_SHARE = 1 / 6;

interface Bucket {
  sent: number[];
  rule: OkxRateLimit | undefined;
  blockedUntil: number;
}

export interface OkxRateLimiterOptions {
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Added to every window; default 100 ms. */
  readonly marginMs?: number;
  /** The budget shared with the other processes of the key (QUEUE=postgres|redis). */
  readonly shared?: RateBudget;
}

export class OkxRateLimiter {
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #marginMs: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #shared: BudgetLink | undefined;

  constructor(options: OkxRateLimiterOptions) {
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#marginMs = options.marginMs ?? 100;
    this.#shared = options.shared ? new BudgetLink(options.shared, options.logger) : undefined;
  }

  /** Resolves when one more request of `bucket` fits; it is counted from then. */
  async acquire(bucket: string, rule: OkxRateLimit, lane: OkxRateLimitLane = 'normal'): Promise<void> {
    for (;;) {
      const waitMs = this.#shared
        ? await this.#takeShared(this.#shared, bucket, rule, lane)
        : this.#take(bucket, rule, lane);
      if (waitMs === 0) return;
      await this.#clock.sleep(waitMs);
    }
  }

  /**
   * Takes a slot now if one is free (no promise: the hot path sends in the caller's turn). Always
   * false with a shared budget: only its answer counts.
   */
  tryAcquire(bucket: string, rule: OkxRateLimit, lane: OkxRateLimitLane = 'normal'): boolean {
    return !this.#shared && this.#take(bucket, rule, lane) === 0;
  }

  /** After a 50011: nothing more for this bucket until `retryAfterMs` has passed. */
  backOff(bucket: string, retryAfterMs: number): void {
    const state = this.#state(bucket);
    state.blockedUntil = Math.max(state.blockedUntil, this.#clock.now() + retryAfterMs);
    this.#shared?.block(bucket, state.blockedUntil);
    this.#logger?.warn({ bucket, retryAfterMs }, 'OKX answered 50011 (rate limited): backing off this endpoint');
  }

  /** Each bucket seen so far: requests in its window, its limit, and any imposed wait. */
  usage(): readonly { bucket: string; used: number; limit: number; blockedForMs: number }[] {
    const now = this.#clock.now();
    return [...this.#buckets].flatMap(([bucket, state]) => {
      if (!state.rule) return [];
      this.#prune(bucket, state.rule, now);
      return [
        {
          bucket,
          used: Math.min(state.sent.length, state.rule.limit),
          limit: state.rule.limit,
          blockedForMs: Math.max(0, state.blockedUntil - now),
        },
      ];
    });
  }

  #take(bucket: string, rule: OkxRateLimit, lane: OkxRateLimitLane): number {
    const now = this.#clock.now();
    const state = this.#prune(bucket, rule, now);
    if (now < state.blockedUntil) return Math.max(1, state.blockedUntil - now);
    const allowed = laneLimit(rule, lane);
    if (state.sent.length < allowed) {
      state.sent.push(now);
      return 0;
    }
    return Math.max(1, (state.sent[state.sent.length - allowed] ?? now) + rule.windowMs + this.#marginMs - now);
  }

  /** The budget's answer; a slot it gives is also logged here (`usage`, and the fallback's view). */
  async #takeShared(shared: BudgetLink, bucket: string, rule: OkxRateLimit, lane: OkxRateLimitLane): Promise<number> {
    const now = this.#clock.now();
    const state = this.#prune(bucket, rule, now);
    if (now < state.blockedUntil) return Math.max(1, state.blockedUntil - now);
    const waitMs = await shared.take(bucket, laneLimit(rule, lane), rule.windowMs + this.#marginMs, now);
    if (waitMs === undefined) return this.#take(bucket, rule, lane);
    if (waitMs === 0) state.sent.push(now);
    return waitMs;
  }

  #state(bucket: string): Bucket {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = { sent: [], rule: undefined, blockedUntil: 0 };
      this.#buckets.set(bucket, state);
    }
    return state;
  }

  #prune(bucket: string, rule: OkxRateLimit, now: number): Bucket {
    const state = this.#state(bucket);
    state.rule = rule;
    const oldestKept = now - rule.windowMs - this.#marginMs;
    let drop = 0;
    while (drop < state.sent.length && (state.sent[drop] ?? now) <= oldestKept) drop += 1;
    if (drop > 0) state.sent.splice(0, drop);
    return state;
  }
}

function laneLimit(rule: OkxRateLimit, lane: OkxRateLimitLane): number {
  return lane === 'protective' ? rule.limit : rule.limit - Math.floor(rule.limit * PROTECTIVE_RESERVE_SHARE);
}
