import { type OrderSignal, type OrderSignalStatus, PAYLOAD_VERSION } from '../../../contracts/signals/index.ts';
import type { Fill, Order, OrderStatus, VenueNames } from '../../../exchange/port/index.ts';
import { type Dec, toWire } from '../../../platform/decimal/index.ts';
import { isoUtc } from '../isoUtc.ts';
import { fallbackOrderRole, type OrderRole } from './orderRole.ts';
import { stableTraceId } from './stableTraceId.ts';

/** An order signal as enqueued: the outbox sets `retry_count` per attempt. */
export type OrderSignalPayload = Omit<OrderSignal, 'retry_count'>;

export interface OrderSignalContext {
  /** BitMart's action text (`SUBMIT_ORDER`, `MATCH_DEAL`, …); derived from the event when omitted. */
  readonly action?: string;
  /** BitMart's state text (`APPROVAL`, `CHECK`, `FINISH`); derived from the status when omitted. */
  readonly state?: string;
  /** What the order is for; `fallbackOrderRole` (what the order tells by itself) when omitted. */
  readonly role?: OrderRole;
}

const SIGNAL_STATUS: Readonly<Record<OrderStatus, OrderSignalStatus>> = {
  pending: 'SUBMITTED',
  open: 'SUBMITTED',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  canceled: 'CANCELLED',
};

const STATE_TEXT: Readonly<Record<OrderStatus, string>> = {
  pending: 'APPROVAL',
  open: 'CHECK',
  partially_filled: 'CHECK',
  filled: 'FINISH',
  canceled: 'FINISH',
};

/**
 * The order signal for one order event (docs/reference/seed-contracts.md#order-signal fields). Unlike the PHP worker,
 * which only sent submissions of orders with a client order id, every status change of every
 * order is a signal: SUBMITTED, PARTIALLY_FILLED, FILLED, CANCELLED, including the venue's own
 * orders (a preset stop or take profit firing, a liquidation) and other tools' (the seeds promise
 * a signal for every order detected). Those carry `client_order_id: ""` and the app keys them by
 * `order_id`. Returns undefined for an order with neither id, which nobody could match.
 */
export function orderSignalFrom(
  order: Order,
  fill: Fill | undefined,
  venue: Pick<VenueNames, 'orderSide'>,
  context: OrderSignalContext = {},
): OrderSignalPayload | undefined {
  if (order.clientOrderId.length === 0 && order.orderId.length === 0) return undefined;
  const status = SIGNAL_STATUS[order.status];
  const dealSize = decimal(order.filledSize);
  const dealAveragePrice = order.averageFillPrice ? decimal(order.averageFillPrice) : '0';
  const role = context.role ?? fallbackOrderRole(order);
  return {
    kind: role.kind,
    status,
    client_order_id: order.clientOrderId,
    ...(role.parentClientOrderId ? { parent_client_order_id: role.parentClientOrderId } : {}),
    ...(role.requestId ? { position_id: role.requestId } : {}),
    ...(order.orderId ? { order_id: order.orderId } : {}),
    symbol: order.symbol.toUpperCase(),
    // The venue's side code as text, like the PHP worker sent it (it cast BitMart's `order.side`).
    side: venue.orderSide(order.side),
    type: order.type,
    price: order.price ? decimal(order.price) : '0',
    size: decimal(order.size),
    deal_size: dealSize,
    deal_avg_price: dealAveragePrice,
    ...(order.leverage ? { leverage: decimal(order.leverage) } : {}),
    submitted_at: isoUtc(order.createdAt > 0 ? order.createdAt : order.updatedAt),
    context: {
      source: 'bitmart_ws_worker',
      action: context.action ?? actionText(order.status, fill),
      state: context.state ?? STATE_TEXT[order.status],
      deal_size: dealSize,
      deal_avg_price: dealAveragePrice,
      updated_at: isoUtc(order.updatedAt),
      ...(order.trigger ? { trigger: order.trigger } : {}),
      ...(fill ? { fill: fillContext(fill) } : {}),
    },
    // Order id, status and filled size identify the event: a replay after a reconnect repeats all three.
    trace_id: orderTraceId(order),
    payload_version: PAYLOAD_VERSION,
  };
}

/** The trace id of an order's current state: the same however often (or by whichever path) it is told. */
export function orderTraceId(order: Order): string {
  return stableTraceId(
    'order',
    order.orderId || order.clientOrderId,
    SIGNAL_STATUS[order.status],
    decimal(order.filledSize),
  );
}

function actionText(status: OrderStatus, fill: Fill | undefined): string {
  if (fill) return 'MATCH_DEAL';
  return status === 'canceled' ? 'CANCEL_ORDER' : 'SUBMIT_ORDER';
}

function fillContext(fill: Fill): Record<string, unknown> {
  return {
    trade_id: fill.tradeId,
    price: decimal(fill.price),
    size: decimal(fill.size),
    fee: decimal(fill.fee),
    role: fill.role ?? null,
    time: isoUtc(fill.time),
  };
}

/** Wire decimal without exponent; "-0" (possible after arithmetic) becomes "0". */
export function decimal(value: Dec): string {
  return value.isZero() ? '0' : toWire(value);
}
