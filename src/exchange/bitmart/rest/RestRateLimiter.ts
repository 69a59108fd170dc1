import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import { BudgetLink } from '../../../platform/rateBudget/BudgetLink.ts';
import type { RateBudget } from '../../../platform/rateBudget/RateBudget.ts';
import type { RestRateLimitFamily } from '../protocol/rateLimits.ts';

/**
 * Keeps a process under BitMart's REST limits (docs/reference/bitmart-wire.md#rate-limits) by waiting, on the injected
 * clock, before a request that would overflow its window, instead of letting BitMart answer 429.
 *
 * - A sliding log of send times per bucket (endpoint + IP or key): no more than `limit` sends in
 *   any window of `windowMs + marginMs`. Any such interval contains BitMart's fixed windows, and
 *   the margin absorbs latency jitter between our send and BitMart's count.
 * - Responses correct it: `X-BM-RateLimit-Remaining` (really the count already used), `-Limit`
 *   and `-Reset` reveal other users of the same key or IP; their use is added to the log, and a
 *   window reported full blocks the bucket for `Reset` seconds.
 * - A 429 blocks the bucket for the retry delay and logs a warning.
 * - Two lanes: a `protective` request (one that closes or protects a position) may use the whole
 *   window; a `normal` one leaves the last sixth of it free (4 of submit-order's 24 per 2 s). A burst
 *   of entries therefore never makes a stop-loss close wait for the next window.
 *
 * One instance is meant to be shared by every client of the process that uses the same key: pass
 * it to `createBitmartExchange`. It holds no timers between calls. Processes that share the key
 * share the budget too when given one (`shared`, decision 0038): the log is then the budget's,
 * across processes, and every request waits for its answer (no same-turn send).
 */
export interface RestRateLimiterOptions {
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Added to every window; default 100 ms. */
  readonly marginMs?: number;
  /** The budget shared with the other processes of the key (QUEUE=postgres|redis). */
  readonly shared?: RateBudget;
}

/** The three `X-BM-RateLimit-*` headers, parsed; absent ones are undefined. */
export interface RateLimitObservation {
  readonly used: number | undefined;
  readonly limit: number | undefined;
  readonly resetMs: number | undefined;
}

/** Which share of a window a request may use: see the class comment. */
export type RateLimitLane = 'normal' | 'protective';

/** Share of each window that only protective requests may use. */
const PROTECTIVE_RESERVE_SHARE = 1 / 6;

interface BucketState {
  /** Send times in the current sliding window, ascending. */
  sent: number[];
  /** The documented limit of the bucket, once a request has named it. */
  family: RestRateLimitFamily | undefined;
  blockedUntil: number;
  /** A stricter limit than the documented one, as reported by BitMart. */
  limit: number | undefined;
}

export class RestRateLimiter {
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #marginMs: number;
  readonly #buckets = new Map<string, BucketState>();
  readonly #shared: BudgetLink | undefined;

  constructor(options: RestRateLimiterOptions) {
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#marginMs = options.marginMs ?? 100;
    this.#shared = options.shared ? new BudgetLink(options.shared, options.logger) : undefined;
  }

  /** Resolves when one more request of `bucket` fits; the request is counted from then. */
  async acquire(bucket: string, family: RestRateLimitFamily, lane: RateLimitLane = 'normal'): Promise<void> {
    for (;;) {
      const waitMs = this.#shared
        ? await this.#takeShared(this.#shared, bucket, family, lane)
        : this.#take(bucket, family, lane);
      if (waitMs === 0) return;
      await this.#clock.sleep(waitMs);
    }
  }

  /**
   * Takes a slot at once when one is free (true, the request is counted from now), without a
   * promise: the signed client's hot path sends a submit-order in the same turn of the event loop.
   * Always false with a shared budget: only its answer counts.
   */
  tryAcquire(bucket: string, family: RestRateLimitFamily, lane: RateLimitLane = 'normal'): boolean {
    return !this.#shared && this.#take(bucket, family, lane) === 0;
  }

  /** 0 when a slot was taken, else how long to wait before trying again (≥ 1 ms). */
  #take(bucket: string, family: RestRateLimitFamily, lane: RateLimitLane): number {
    const now = this.#clock.now();
    const state = this.#prune(bucket, family, now);
    const limit = this.#laneLimit(state, family, lane);
    if (now < state.blockedUntil) return Math.max(1, state.blockedUntil - now);
    if (state.sent.length < limit) {
      state.sent.push(now);
      return 0;
    }
    return Math.max(1, (state.sent[state.sent.length - limit] ?? now) + this.#windowOf(family) - now);
  }

  /** The budget's answer; a slot it gives is also logged here (`usage`, and the fallback's view). */
  async #takeShared(
    shared: BudgetLink,
    bucket: string,
    family: RestRateLimitFamily,
    lane: RateLimitLane,
  ): Promise<number> {
    const now = this.#clock.now();
    const state = this.#prune(bucket, family, now);
    if (now < state.blockedUntil) return Math.max(1, state.blockedUntil - now);
    const limit = this.#laneLimit(state, family, lane);
    const waitMs = await shared.take(bucket, limit, this.#windowOf(family), now);
    if (waitMs === undefined) return this.#take(bucket, family, lane);
    if (waitMs === 0) state.sent.push(now);
    return waitMs;
  }

  #laneLimit(state: BucketState, family: RestRateLimitFamily, lane: RateLimitLane): number {
    const whole = Math.min(family.limit, state.limit ?? family.limit);
    return lane === 'protective' ? whole : whole - Math.floor(whole * PROTECTIVE_RESERVE_SHARE);
  }

  /** Corrects the bucket with what BitMart reported about it. */
  observe(bucket: string, family: RestRateLimitFamily, observation: RateLimitObservation): void {
    const now = this.#clock.now();
    const state = this.#prune(bucket, family, now);
    if (observation.limit !== undefined && observation.limit > 0 && observation.limit < family.limit) {
      state.limit = observation.limit;
    }
    const limit = Math.min(family.limit, state.limit ?? family.limit);
    const used = observation.used;
    if (used === undefined) return;
    // Someone else spends the same budget: count their requests as if sent now.
    const unseen = Math.min(used, limit) - state.sent.length;
    for (let index = 0; index < unseen; index += 1) state.sent.push(now);
    if (used >= limit) {
      state.blockedUntil = Math.max(state.blockedUntil, now + (observation.resetMs ?? family.windowMs));
      this.#shared?.block(bucket, state.blockedUntil);
    }
  }

  /** Each bucket seen so far: requests in its current window, its limit, and any imposed wait. */
  usage(): readonly { bucket: string; used: number; limit: number; blockedForMs: number }[] {
    const now = this.#clock.now();
    return [...this.#buckets].flatMap(([bucket, state]) => {
      if (!state.family) return [];
      const { sent } = this.#prune(bucket, state.family, now);
      const limit = Math.min(state.family.limit, state.limit ?? state.family.limit);
      return [
        { bucket, used: Math.min(sent.length, limit), limit, blockedForMs: Math.max(0, state.blockedUntil - now) },
      ];
    });
  }

  /** After a 429: nothing more for this bucket until `retryAfterMs` has passed. */
  backOff(bucket: string, retryAfterMs: number): void {
    const state = this.#state(bucket);
    state.blockedUntil = Math.max(state.blockedUntil, this.#clock.now() + retryAfterMs);
    this.#shared?.block(bucket, state.blockedUntil);
    this.#logger?.warn(
      { bucket, retryAfterMs },
      'BitMart answered 429 (rate limited): backing off this endpoint before the next request',
    );
  }

  #windowOf(family: RestRateLimitFamily): number {
    return family.windowMs + this.#marginMs;
  }

  #state(bucket: string): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = { sent: [], family: undefined, blockedUntil: 0, limit: undefined };
      this.#buckets.set(bucket, state);
    }
    return state;
  }

  #prune(bucket: string, family: RestRateLimitFamily, now: number): BucketState {
    const state = this.#state(bucket);
    state.family = family;
    const oldestKept = now - this.#windowOf(family);
    let drop = 0;
    while (drop < state.sent.length && (state.sent[drop] ?? now) <= oldestKept) drop += 1;
    if (drop > 0) state.sent.splice(0, drop);
    return state;
  }
}
