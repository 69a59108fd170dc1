import type { Clock } from '../../platform/clock/index.ts';
import type { TradingRest } from '../port/FuturesExchange.ts';
import type { Unsubscribe, UserStream } from '../port/streams.ts';
import type { Order, OrderRef } from '../port/types.ts';
import { type FollowUntil, FollowUpWait } from './FollowUpWait.ts';
import { matches, OrderSightings } from './OrderSightings.ts';

export type { FollowUntil } from './FollowUpWait.ts';

export interface OrderFollowUpOptions {
  readonly exchange: Pick<TradingRest, 'order'>;
  readonly clock: Clock;
  /** The account's stream, subscribed to `orders` by its owner; without it, polling starts at once. */
  readonly userStream?: UserStream;
  /**
   * How long a stream event may take before polling starts
   * (docs/reference/seed-contracts.md#order-follow-up: "1–2 s"); default 1 000 ms.
   */
  readonly eventGraceMs?: number;
  /** Delays between polls, the last repeating (seed-contracts.md#order-follow-up: 0.25, 0.5, 1, 2 s); default that. */
  readonly pollBackoffMs?: readonly number[];
  /** Default `timeoutMs` of `awaitOrder`; 30 000 ms. */
  readonly defaultTimeoutMs?: number;
  /** Orders whose latest sighting is kept; 1 000. */
  readonly sightingsCapacity?: number;
}

export interface AwaitOrderOptions {
  /** `known`: the first sighting in any state; `final`: filled or canceled. Default `known`. */
  readonly until?: FollowUntil;
  readonly timeoutMs?: number;
}

const DEFAULT_BACKOFF_MS = [250, 500, 1_000, 2_000] as const;

/**
 * Follows an order after submit, venue-neutrally (docs/reference/seed-contracts.md#order-follow-up): the
 * venue acknowledges an order before its detail is readable, so the stream's order event is
 * awaited first, and if none comes within `eventGraceMs`, `exchange.order(ref)` is polled with
 * backoff, an `undefined` answer meaning "not visible yet". Without a stream the first poll is
 * one backoff step after the call.
 *
 * Call `start()` before submitting: stream events can beat the submit's answer, and the sightings
 * kept since then resolve a later `awaitOrder` at once.
 */
export class OrderFollowUp {
  readonly #exchange: Pick<TradingRest, 'order'>;
  readonly #clock: Clock;
  readonly #userStream: UserStream | undefined;
  readonly #eventGraceMs: number;
  readonly #pollDelaysMs: readonly number[];
  readonly #defaultTimeoutMs: number;
  readonly #sightings: OrderSightings;
  readonly #waits = new Set<FollowUpWait>();
  #unsubscribe: Unsubscribe | undefined;

  constructor(options: OrderFollowUpOptions) {
    this.#exchange = options.exchange;
    this.#clock = options.clock;
    this.#userStream = options.userStream;
    this.#eventGraceMs = options.eventGraceMs ?? 1_000;
    const backoff = options.pollBackoffMs ?? DEFAULT_BACKOFF_MS;
    if (backoff.length === 0 || backoff.some((delay) => !(delay > 0))) {
      throw new RangeError('pollBackoffMs needs at least one positive delay');
    }
    this.#pollDelaysMs = this.#userStream ? [this.#eventGraceMs, ...backoff] : [...backoff];
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
    this.#sightings = new OrderSightings(options.sightingsCapacity ?? 1_000);
  }

  start(): void {
    if (this.#unsubscribe || !this.#userStream) return;
    this.#unsubscribe = this.#userStream.onEvent((event) => {
      if (event.type === 'order') this.#onStreamOrder(event.order);
    });
  }

  /** Stops listening; callers still waiting are rejected with `OrderFollowUpStoppedError`. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const wait of [...this.#waits]) wait.stop();
  }

  /**
   * Resolves with the latest sighting of the order once it satisfies `until`; rejects with
   * `OrderFollowUpTimeoutError` (carrying the ref and the last sighting) after `timeoutMs`, or
   * with the exchange's error when a poll is refused (invalid, rejected, fatal).
   */
  awaitOrder(ref: OrderRef, options: AwaitOrderOptions = {}): Promise<Order> {
    return new Promise<Order>((resolve, reject) => {
      const wait: FollowUpWait = new FollowUpWait(
        {
          exchange: this.#exchange,
          clock: this.#clock,
          pollDelaysMs: this.#pollDelaysMs,
          afterEventDelayMs: this.#eventGraceMs,
          record: (order) => this.#sightings.record(order),
          onSettled: () => this.#waits.delete(wait),
        },
        {
          ref,
          until: options.until ?? 'known',
          timeoutMs: options.timeoutMs ?? this.#defaultTimeoutMs,
          seen: this.#sightings.find(ref),
        },
        { resolve, reject },
      );
      this.#waits.add(wait);
      wait.begin();
    });
  }

  #onStreamOrder(order: Order): void {
    const latest = this.#sightings.record(order);
    for (const wait of [...this.#waits]) {
      if (matches(wait.ref, order)) wait.onStreamSighting(latest);
    }
  }
}
