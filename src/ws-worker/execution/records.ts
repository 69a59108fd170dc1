import type { QuantityUnit } from '../../contracts/api/placeOrder.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import type { FallbackRule, Target, Trailing } from './tradePlan.ts';
import type { CloseReason, Direction } from './triggers.ts';

/**
 * What the execution keeps per request, in memory with `Dec` fields and on disk as strings. A
 * request is an *entry* while no position came of it yet, then a *position* until closed; its id
 * stays the request id throughout (the callback's `order_id`, then `position_id`), and its orders'
 * client order ids derive from `clientOrderIdBase` (`clientOrderIds.ts`).
 */
/**
 * An order handed to the venue. `sentAt` (clock ms; undefined in files written before it) dates the
 * venue's visibility window: an order the venue still does not know once the window has passed
 * never reached it (`UNKNOWN_OUTCOME_WAIT_MS`).
 */
export interface SentOrder {
  readonly clientOrderId: string;
  orderId: string | undefined;
  readonly price: Dec | undefined;
  readonly sentAt: number | undefined;
}

export interface EntryRecord {
  readonly id: string;
  readonly clientOrderIdBase: string;
  readonly symbol: string;
  readonly side: Direction;
  readonly zoneMin: Dec;
  readonly zoneMax: Dec;
  /** Contracts. */
  readonly quantity: Dec;
  /** The request's own `quantity` and unit, shown back in `GET /api/orders/status`. */
  readonly requestedQuantity: Dec;
  readonly quantityUnit: QuantityUnit;
  readonly leverage: number | undefined;
  readonly stopLoss: Dec | undefined;
  /** The last target's price (the entry's preset take-profit); undefined without a target. */
  readonly takeProfit: Dec | undefined;
  readonly callbackUrl: string | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  /** Trade management (`tradePlan.ts`): [] without a take profit; one target is the seed's `take_profit`. */
  readonly targets: readonly Target[];
  readonly trailing: Trailing | undefined;
  readonly timeStopSeconds: number | undefined;
  readonly fallback: FallbackRule | undefined;
  readonly createdAt: number;
  readonly timeoutAt: number;
  /** Entry orders sent so far; attempt n uses `entryClientOrderId(clientOrderIdBase, n)`. */
  attempt: number;
  /** The attempt's order while it may be live on the venue; undefined while waiting for the zone. */
  order: SentOrder | undefined;
  /** Set once the timeout passed: a live order is being canceled, no new one is sent. */
  expired: boolean;
}

export interface PositionRecord {
  readonly id: string;
  readonly clientOrderIdBase: string;
  readonly symbol: string;
  readonly side: Direction;
  /** Contracts still to close: filled by the entry order (grows with partial fills), less what our closes filled. */
  size: Dec;
  entryPrice: Dec;
  /** The stop the worker acts on: the request's, then where break-even or trailing moved it. */
  stopLoss: Dec | undefined;
  /** The last target's price: the close of what remains (replaced by `POST /api/positions/:id/protections`). */
  takeProfit: Dec | undefined;
  readonly callbackUrl: string | undefined;
  readonly entryOrderId: string;
  /** The client order id of the order that opened it, when known: the parent of its closes' roles. */
  readonly entryClientOrderId: string | undefined;
  readonly createdAt: number;
  /** Close attempts sent so far; attempt n's parts use `closeClientOrderId(clientOrderIdBase, n, k)`. */
  closeAttempt: number;
  /** The close in flight: while set, no other close is sent. */
  closing: Closing | undefined;
  /** Failed close attempts in a row (reset by one that fills); at `MAX_CLOSE_FAILURES` the worker gives up. */
  closeFailures: number;
  /** What our closes filled so far, for the close price of the final callback. */
  closed: { size: Dec; value: Dec };
  /** Trade management; a monitored position (monitor-position) has its one target and nothing else. */
  readonly management: Management;
}

/** What a position does beyond SL and TP (issue 11), and where it stands. */
export interface Management {
  /** Replaced, with `takeProfit`, by `POST /api/positions/:id/protections`. */
  targets: readonly Target[];
  readonly trailing: Trailing | undefined;
  /** Clock ms: the remainder is closed at market then (first fill + `time_stop_seconds`). */
  readonly timeStopAt: number | undefined;
  readonly initialStopLoss: Dec | undefined;
  /** Contracts the entry order filled, which the target sizes are computed from. */
  entryFilled: Dec;
  /** Targets closed so far (TP1 of two: 1). */
  targetsFilled: number;
  /** Set once the stop moved after TP1: a close on it is a `trailing` exit. */
  stopMoved: boolean;
  /** The best price since TP1 (highest for a long, lowest for a short), for the chandelier. */
  extreme: Dec | undefined;
  /** What the partial targets closed (contracts, value), to report the final leg apart. */
  targetClosed: { size: Dec; value: Dec };
  readonly protections: Protections;
}

/**
 * The position's orders on the exchange, its safety net if the worker dies. The stop is a
 * position-level stop-loss (the entry's preset, then `<base>s<n>` as it moves): it always covers
 * the whole position. TP1 of two targets is an order-level take-profit of its own size
 * (`<base>t1`, re-placed as `<base>t1v<n>` when the filled size changes it); the last target is
 * the entry's preset, a position-level take-profit of whatever is left.
 */
export interface Protections {
  stop: ExchangeTrigger | undefined;
  /** Stop orders sent so far: the next is `<base>s<stopOrders + 1>`. */
  stopOrders: number;
  target: ExchangeTrigger | undefined;
  /** TP1 orders sent so far: the next is `targetClientOrderId(base, 1, targetOrders + 1)`. */
  targetOrders: number;
  /**
   * Position-level take-profits the worker placed to replace the last target (the entry's preset
   * until then): the next is `finalTargetClientOrderId(base, finalTargetOrders + 1)`.
   */
  finalTargetOrders: number;
}

/** A trigger order of ours on the exchange (`orderId` once the venue named it). */
export interface ExchangeTrigger {
  readonly clientOrderId: string;
  orderId: string | undefined;
  readonly triggerPrice: Dec;
  /** Order-level size; undefined for a position-level trigger (the whole position). */
  readonly size: Dec | undefined;
}

/**
 * One close attempt: a reduce-only market order, or several when the size is above the market
 * maximum. It settles once every part is final; what then remains is closed by the next attempt.
 */
export interface Closing {
  readonly reason: CloseReason;
  readonly attempt: number;
  /**
   * A partial close for a target (TP1 of two): the target's number and the contracts it still had
   * to close when this attempt began. Undefined: the attempt closes the whole position.
   */
  readonly target: { readonly number: number; readonly size: Dec } | undefined;
  readonly parts: ClosePart[];
  /** Dates the venue's visibility window of the parts (undefined in files written before it). */
  sentAt: number | undefined;
  /** Its fills are taken off the position (once, even if a restart settles it again). */
  settled: boolean;
}

export interface ClosePart {
  readonly clientOrderId: string;
  readonly size: Dec;
  orderId: string | undefined;
  /** Set once final: what filled (and at what average price), or why the venue refused it. */
  outcome: { filled: Dec; price: Dec | undefined } | { refused: string } | undefined;
}
