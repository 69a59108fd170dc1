import { tableDelay } from '../../platform/backoff/backoff.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import { ExchangeError } from '../../platform/errors/exchangeErrors.ts';
import type { TradingRest } from '../port/FuturesExchange.ts';
import type { Order, OrderRef } from '../port/types.ts';
import { OrderFollowUpStoppedError, OrderFollowUpTimeoutError } from './errors.ts';
import { isFinal, later } from './OrderSightings.ts';

export type FollowUntil = 'known' | 'final';

export interface FollowUpWaitDeps {
  readonly exchange: Pick<TradingRest, 'order'>;
  readonly clock: Clock;
  /** Delays before each poll; the last one repeats until the deadline. */
  readonly pollDelaysMs: readonly number[];
  /** Delay before the first poll after a stream event (the stream is alive: give it time). */
  readonly afterEventDelayMs: number;
  /** Every sighting (stream or poll) goes through here, so other waits see it too. */
  readonly record: (order: Order) => Order;
  readonly onSettled: () => void;
}

/**
 * One caller waiting for one order: resolves as soon as a sighting satisfies `until`, from the
 * stream or from a poll. A poll that answers `undefined` means "not visible yet" (the venue's
 * visibility window), never "rejected"; network trouble while polling only delays the next poll.
 */
export class FollowUpWait {
  readonly #deps: FollowUpWaitDeps;
  readonly #ref: OrderRef;
  readonly #until: FollowUntil;
  readonly #timeoutMs: number;
  readonly #resolve: (order: Order) => void;
  readonly #reject: (error: Error) => void;
  #latest: Order | undefined;
  #pollTimer: TimerHandle | undefined;
  #deadline: TimerHandle | undefined;
  #attempt = 0;
  #polling = false;
  #settled = false;

  constructor(
    deps: FollowUpWaitDeps,
    request: { ref: OrderRef; until: FollowUntil; timeoutMs: number; seen: Order | undefined },
    settle: { resolve: (order: Order) => void; reject: (error: Error) => void },
  ) {
    this.#deps = deps;
    this.#ref = request.ref;
    this.#until = request.until;
    this.#timeoutMs = request.timeoutMs;
    this.#resolve = settle.resolve;
    this.#reject = settle.reject;
    this.#latest = request.seen;
  }

  get ref(): OrderRef {
    return this.#ref;
  }

  begin(): void {
    if (this.#latest && this.#satisfied(this.#latest)) {
      this.#finish(this.#latest);
      return;
    }
    this.#deadline = this.#deps.clock.setTimeout(() => this.#timeOut(), this.#timeoutMs);
    this.#schedulePoll(this.#deps.pollDelaysMs[0] ?? 0);
  }

  /** A stream event for this order: the stream works, so polling waits again. */
  onStreamSighting(order: Order): void {
    if (this.#settled) return;
    this.#latest = later(this.#latest, order);
    if (this.#satisfied(this.#latest)) {
      this.#finish(this.#latest);
      return;
    }
    if (this.#polling) return;
    this.#attempt = 0;
    this.#schedulePoll(this.#deps.afterEventDelayMs);
  }

  stop(): void {
    if (!this.#settled) this.#settle(() => this.#reject(new OrderFollowUpStoppedError(this.#ref)));
  }

  #satisfied(order: Order): boolean {
    return this.#until === 'known' || isFinal(order);
  }

  #schedulePoll(delayMs: number): void {
    this.#deps.clock.clearTimer(this.#pollTimer);
    this.#pollTimer = this.#deps.clock.setTimeout(() => void this.#poll(), delayMs);
  }

  #nextPollDelay(): number {
    this.#attempt += 1;
    return tableDelay(this.#attempt, this.#deps.pollDelaysMs);
  }

  async #poll(): Promise<void> {
    this.#pollTimer = undefined;
    this.#polling = true;
    try {
      const order = await this.#deps.exchange.order(this.#ref);
      if (this.#settled) return;
      if (order) {
        this.#latest = later(this.#latest, this.#deps.record(order));
        if (this.#satisfied(this.#latest)) {
          this.#finish(this.#latest);
          return;
        }
      }
      this.#schedulePoll(this.#nextPollDelay());
    } catch (error) {
      if (this.#settled) return;
      if (error instanceof ExchangeError && (error.kind === 'retryable' || error.kind === 'unknown_outcome')) {
        this.#schedulePoll(this.#nextPollDelay());
      } else {
        this.#settle(() => this.#reject(error instanceof Error ? error : new Error(String(error))));
      }
    } finally {
      this.#polling = false;
    }
  }

  #timeOut(): void {
    const error = new OrderFollowUpTimeoutError(this.#ref, this.#until, this.#timeoutMs, this.#latest);
    this.#settle(() => this.#reject(error));
  }

  #finish(order: Order): void {
    this.#settle(() => this.#resolve(order));
  }

  #settle(deliver: () => void): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#deps.clock.clearTimer(this.#pollTimer);
    this.#deps.clock.clearTimer(this.#deadline);
    this.#deps.onSettled();
    deliver();
  }
}
