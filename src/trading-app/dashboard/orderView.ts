import type { Order, PlanOrder } from '../../exchange/port/types.ts';

/** An open order or a waiting trigger as the exchange lists it (`GET /api/dashboard/orders`). */
export interface OrderView {
  /** The exchange's id: what `POST /api/controls/orders/:orderId/cancel` takes. */
  readonly order_id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  /** `order`: a regular order; `plan`, `stop_loss`, `take_profit`: a trigger waiting on the exchange. */
  readonly kind: 'order' | PlanOrder['kind'];
  readonly side: Order['side'];
  /** Regular orders: limit or market; triggers: null. */
  readonly type: string | null;
  /** The limit price (or a trigger's execution price); null at market. */
  readonly price: string | null;
  readonly trigger_price: string | null;
  /** Contracts; a position-level trigger's is the whole position: null. */
  readonly size: string | null;
  readonly filled_size: string | null;
  readonly created_at: string;
}

export function orderViews(orders: readonly Order[], plans: readonly PlanOrder[]): OrderView[] {
  const regular = orders.map(
    (order): OrderView => ({
      order_id: order.orderId,
      client_order_id: order.clientOrderId,
      symbol: order.symbol,
      kind: 'order',
      side: order.side,
      type: order.type,
      price: order.price?.toFixed() ?? null,
      trigger_price: null,
      size: order.size.toFixed(),
      filled_size: order.filledSize.toFixed(),
      created_at: new Date(order.createdAt).toISOString(),
    }),
  );
  const triggers = plans.map(
    (plan): OrderView => ({
      order_id: plan.orderId,
      client_order_id: plan.clientOrderId,
      symbol: plan.symbol,
      kind: plan.kind,
      side: plan.side,
      type: null,
      price: plan.executionPrice?.toFixed() ?? null,
      trigger_price: plan.triggerPrice.toFixed(),
      size: plan.size.isZero() ? null : plan.size.toFixed(),
      filled_size: null,
      created_at: new Date(plan.createdAt).toISOString(),
    }),
  );
  return [...regular, ...triggers].sort((a, b) => a.created_at.localeCompare(b.created_at));
}
