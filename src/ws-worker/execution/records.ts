import type { QuantityUnit } from '../../contracts/api/placeOrder.ts';
import type { Dec } from '../../platform/decimal/index.ts';
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
  readonly takeProfit: Dec | undefined;
  readonly callbackUrl: string | undefined;
  readonly metadata: Record<string, unknown> | undefined;
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
  readonly stopLoss: Dec | undefined;
  readonly takeProfit: Dec | undefined;
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
}

/**
 * One close attempt: a reduce-only market order, or several when the size is above the market
 * maximum. It settles once every part is final; what then remains is closed by the next attempt.
 */
export interface Closing {
  readonly reason: CloseReason;
  readonly attempt: number;
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
