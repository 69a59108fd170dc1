import type { Dec } from '../../platform/decimal/index.ts';
import type { ExecutionStatus } from './Execution.ts';
import type { ExecutionStore } from './ExecutionStore.ts';
import type { EntryRecord, ExchangeTrigger, PositionRecord } from './records.ts';
import type { Target, Trailing } from './tradePlan.ts';

/** What the monitors know of an entry beyond its record. */
export interface EntryLiveState {
  inFlight(id: string): boolean;
  /** The end-of-zone fallback's state, null without one. */
  fallback(entry: EntryRecord): string | null;
}

/**
 * `GET /api/orders/status` (docs/reference/seed-contracts.md#orders-status): the PHP queue's fields (times in Unix
 * seconds, as PHP's `time()`), plus where each record stands now: targets, trailing, the time stop
 * and the protections on the exchange. Keys and `id` are the caller's ids; `quantity` and sizes
 * are in contracts, `requested_quantity` in the request's `quantity_unit`.
 */
export function statusOf(store: ExecutionStore, live: EntryLiveState): ExecutionStatus {
  const orders: Record<string, unknown> = {};
  for (const entry of store.entries.values()) orders[entry.id] = entryView(entry, live);
  const positions: Record<string, unknown> = {};
  for (const position of store.positions.values()) positions[position.id] = positionView(position);
  return { pending_orders: store.entries.size, monitored_positions: store.positions.size, orders, positions };
}

function entryView(entry: EntryRecord, live: EntryLiveState) {
  const submitting = live.inFlight(entry.id);
  const state = submitting ? 'submitting' : entry.expired ? 'expiring' : entry.order ? 'live' : 'waiting';
  const fallback = entry.fallback;
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
    targets: entry.targets.map(targetView),
    trailing: trailingView(entry.trailing),
    time_stop_seconds: entry.timeStopSeconds ?? null,
    fallback_end_of_zone: fallback
      ? {
          seconds_before_end: fallback.secondsBeforeEnd,
          max_spread_bps: fallback.maxSpreadBps.toNumber(),
          max_slippage_bps: fallback.maxSlippageBps.toNumber(),
          only_within_zone: fallback.onlyWithinZone,
          state: live.fallback(entry),
        }
      : null,
  };
}

function positionView(position: PositionRecord) {
  const { management } = position;
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
          target: position.closing.target?.number ?? null,
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
    entry_filled: management.entryFilled.toFixed(),
    initial_stop_loss: management.initialStopLoss?.toFixed() ?? null,
    targets: management.targets.map((target, index) => ({
      ...targetView(target),
      state: index < management.targetsFilled ? 'filled' : 'open',
    })),
    trailing: management.trailing
      ? {
          ...trailingView(management.trailing),
          active: management.targetsFilled > 0,
          stop_moved: management.stopMoved,
          best_price: management.extreme?.toFixed() ?? null,
        }
      : null,
    time_stop_at: management.timeStopAt === undefined ? null : Math.floor(management.timeStopAt / 1000),
    protections: {
      // No order of ours: the entry's preset, at the request's stop.
      stop: triggerView(management.protections.stop) ?? {
        preset: true,
        trigger_price: decimal(management.initialStopLoss),
      },
      target: triggerView(management.protections.target),
    },
  };
}

function targetView(target: Target) {
  return { price: target.price.toFixed(), fraction: target.fraction.toFixed() };
}

function trailingView(trailing: Trailing | undefined) {
  if (!trailing) return null;
  return trailing.mode === 'break_even'
    ? { mode: trailing.mode }
    : { mode: trailing.mode, atr: trailing.atr.toFixed(), atr_k: trailing.atrK.toNumber() };
}

function triggerView(trigger: ExchangeTrigger | undefined) {
  if (!trigger) return null;
  return {
    preset: false,
    client_order_id: trigger.clientOrderId,
    order_id: trigger.orderId ?? null,
    trigger_price: trigger.triggerPrice.toFixed(),
    size: trigger.size?.toFixed() ?? null,
  };
}

function decimal(value: Dec | undefined): string | null {
  return value?.toFixed() ?? null;
}
