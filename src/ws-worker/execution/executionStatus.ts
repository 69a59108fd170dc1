import type { ExecutionStatus } from './Execution.ts';
import type { ExecutionStore } from './ExecutionStore.ts';
import type { EntryRecord, PositionRecord } from './records.ts';

/**
 * `GET /api/orders/status` of PR #6 (reference §1.11): the PHP queue's fields (times in Unix
 * seconds, as PHP's `time()`), plus where each record stands now. Keys and `id` are the caller's
 * ids; `quantity` is in contracts, `requested_quantity` in the request's `quantity_unit`.
 */
export function statusOf(store: ExecutionStore, inFlight: (id: string) => boolean): ExecutionStatus {
  const orders: Record<string, unknown> = {};
  for (const entry of store.entries.values()) orders[entry.id] = entryView(entry, inFlight(entry.id));
  const positions: Record<string, unknown> = {};
  for (const position of store.positions.values()) positions[position.id] = positionView(position);
  return { pending_orders: store.entries.size, monitored_positions: store.positions.size, orders, positions };
}

function entryView(entry: EntryRecord, submitting: boolean) {
  const state = submitting ? 'submitting' : entry.expired ? 'expiring' : entry.order ? 'live' : 'waiting';
  return {
    id: entry.id,
    symbol: entry.symbol,
    side: entry.side,
    entry_zone_min: entry.zoneMin.toFixed(),
    entry_zone_max: entry.zoneMax.toFixed(),
    quantity: entry.quantity.toFixed(),
    requested_quantity: entry.requestedQuantity.toFixed(),
    quantity_unit: entry.quantityUnit,
    leverage: entry.leverage ?? null,
    stop_loss: entry.stopLoss?.toFixed() ?? null,
    take_profit: entry.takeProfit?.toFixed() ?? null,
    callback_url: entry.callbackUrl ?? null,
    timeout_at: Math.floor(entry.timeoutAt / 1000),
    created_at: Math.floor(entry.createdAt / 1000),
    metadata: entry.metadata ?? {},
    state,
    attempts: entry.attempt,
    client_order_id_base: entry.clientOrderIdBase,
    client_order_id: entry.order?.clientOrderId ?? null,
    exchange_order_id: entry.order?.orderId ?? null,
    limit_price: entry.order?.price?.toFixed() ?? null,
  };
}

function positionView(position: PositionRecord) {
  return {
    id: position.id,
    symbol: position.symbol,
    order_id: position.entryOrderId,
    client_order_id_base: position.clientOrderIdBase,
    side: position.side,
    size: position.size.toFixed(),
    entry_price: position.entryPrice.toFixed(),
    stop_loss: position.stopLoss?.toFixed() ?? null,
    take_profit: position.takeProfit?.toFixed() ?? null,
    callback_url: position.callbackUrl ?? null,
    created_at: Math.floor(position.createdAt / 1000),
    closing: position.closing
      ? {
          reason: position.closing.reason,
          attempt: position.closing.attempt,
          // The first part's ids, as before closes were split; every part below.
          client_order_id: position.closing.parts[0]?.clientOrderId ?? null,
          order_id: position.closing.parts[0]?.orderId ?? null,
          parts: position.closing.parts.map((part) => ({
            client_order_id: part.clientOrderId,
            size: part.size.toFixed(),
            order_id: part.orderId ?? null,
            state: part.outcome === undefined ? 'working' : 'refused' in part.outcome ? 'refused' : 'final',
          })),
        }
      : null,
    close_failures: position.closeFailures,
  };
}
