import type { OrderSignalKind } from '../../../contracts/signals/index.ts';
import type { Order } from '../../../exchange/port/types.ts';
import { kindFromClientOrderId, parentClientOrderId } from './orderSignalKind.ts';

/**
 * What an order is for, and what it belongs to: the kind of its signal, the place-order request it
 * serves (sent as `position_id`: the id the callbacks name the position by) and the client order
 * id of the order that opened the position it closes (`parent_client_order_id`).
 */
export interface OrderRole {
  readonly kind: OrderSignalKind;
  readonly requestId?: string;
  readonly parentClientOrderId?: string;
}

/** The execution's knowledge of an order it placed or protects; undefined when it knows nothing. */
export type OrderRoleLookup = (order: Order) => OrderRole | undefined;

/** What the execution knows first; else what the order itself tells (`fallbackOrderRole`). */
export function orderRoleOf(order: Order, lookup?: OrderRoleLookup): OrderRole {
  const known = lookup?.(order);
  if (!known) return fallbackOrderRole(order);
  const parent = known.parentClientOrderId ?? parentClientOrderId(order.clientOrderId);
  return { ...known, ...(parent ? { parentClientOrderId: parent } : {}) };
}

/**
 * The one table of what an order tells by itself, first rule that holds:
 *
 * | the order                                              | kind                         |
 * | ------------------------------------------------------ | ---------------------------- |
 * | the venue's forced close (liquidation, bankruptcy, ADL) | LIQUIDATION                 |
 * | submitted by a take-profit / stop-loss trigger         | TAKE_PROFIT / STOP_LOSS      |
 * | a client id marking a protection (`…-SL`, `…_TP1_…`)   | STOP_LOSS / TAKE_PROFIT      |
 * | no client id, or the venue's plan id `PLAN_<id>`       | MANUAL (the UI, another tool, a user's plan) |
 * | a closing side (close_long, close_short)               | CLOSE                        |
 * | anything else                                          | ENTRY                        |
 *
 * Without the execution's knowledge the worker's own closes (`<id>c<n>`) are CLOSE here, never
 * ENTRY: a closing side opens nothing.
 */
export function fallbackOrderRole(order: Order): OrderRole {
  const parent = parentClientOrderId(order.clientOrderId);
  const kind = fallbackKind(order);
  return { kind, ...(parent ? { parentClientOrderId: parent } : {}) };
}

function fallbackKind(order: Order): OrderSignalKind {
  if (order.type === 'liquidation') return 'LIQUIDATION';
  if (order.trigger === 'take_profit') return 'TAKE_PROFIT';
  if (order.trigger === 'stop_loss') return 'STOP_LOSS';
  const marked = kindFromClientOrderId(order.clientOrderId);
  if (marked) return marked;
  if (order.clientOrderId === '' || VENUE_PLAN_ID.test(order.clientOrderId)) return 'MANUAL';
  if (order.side === 'close_long' || order.side === 'close_short') return 'CLOSE';
  return 'ENTRY';
}

/** BitMart names the order an executed plan submits `PLAN_<plan order id>` (order-history fixture). */
const VENUE_PLAN_ID = /^PLAN_\d+$/;
