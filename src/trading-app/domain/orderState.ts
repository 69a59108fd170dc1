import { Dec } from '../../platform/decimal/index.ts';

/**
 * How far along its life an order is. Statuses come from order signals (SUBMITTED,
 * PARTIALLY_FILLED, FILLED, CANCELLED) and from the entry callbacks (docs/reference/seed-contracts.md#callbacks:
 * PLACED, FAILED, TIMEOUT). Deliveries arrive out of order (retries, two senders), so the current status only
 * ever moves to a higher rank: a late SUBMITTED after FILLED is kept as an event, not applied.
 * End states share the top rank, so the first one known wins.
 */
const STATUS_RANK: Readonly<Record<string, number>> = {
  SUBMITTED: 1,
  PLACED: 1,
  PARTIALLY_FILLED: 2,
  FILLED: 3,
  CANCELLED: 3,
  FAILED: 3,
  TIMEOUT: 3,
};

export function statusRank(status: string): number {
  return STATUS_RANK[status] ?? 0;
}

/** The current state of an order as the store keeps it (decimal strings, nullable fields). */
export interface OrderState {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  readonly parentClientOrderId: string | null;
  readonly symbol: string;
  readonly kind: string;
  readonly status: string;
  readonly type: string;
  readonly side: string;
  readonly price: string;
  readonly size: string;
  readonly dealSize: string | null;
  readonly dealAvgPrice: string | null;
  readonly leverage: string | null;
  readonly submittedAt: Date;
}

/**
 * Folds a newer delivery into the stored state. A status-advancing delivery brings its own
 * description of the order; any delivery fills what is still unknown; fills only grow (a late
 * smaller `deal_size` is stale); the submission time is the earliest seen.
 */
export function mergeOrderState(current: OrderState, incoming: OrderState): OrderState {
  const advances = statusRank(incoming.status) > statusRank(current.status);
  const base = advances ? incoming : current;
  const fills = pickFill(current, incoming);
  return {
    ...base,
    clientOrderId: current.clientOrderId,
    orderId: current.orderId ?? incoming.orderId,
    parentClientOrderId: current.parentClientOrderId ?? incoming.parentClientOrderId,
    leverage: base.leverage ?? current.leverage ?? incoming.leverage,
    status: advances ? incoming.status : current.status,
    dealSize: fills.dealSize,
    dealAvgPrice: fills.dealAvgPrice,
    submittedAt: new Date(Math.min(incoming.submittedAt.getTime(), current.submittedAt.getTime())),
  };
}

function pickFill(current: OrderState, incoming: OrderState): Pick<OrderState, 'dealSize' | 'dealAvgPrice'> {
  if (incoming.dealSize === null) return current;
  if (current.dealSize === null || new Dec(incoming.dealSize).gte(new Dec(current.dealSize))) {
    return { dealSize: incoming.dealSize, dealAvgPrice: incoming.dealAvgPrice ?? current.dealAvgPrice };
  }
  return current;
}

/** BitMart's order side ("1".."4") → the side of the position it opens or closes. */
export function positionSideOfOrderSide(side: string): 'long' | 'short' | undefined {
  // 1 buy_open_long, 2 buy_close_short, 3 sell_close_long, 4 sell_open_short.
  if (side === '1' || side === '3') return 'long';
  if (side === '2' || side === '4') return 'short';
  return undefined;
}
