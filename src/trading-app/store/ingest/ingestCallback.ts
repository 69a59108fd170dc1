import { eq, or } from 'drizzle-orm';
import type { OrderCallback } from '../../../contracts/signals/orderCallback.ts';
import { positionSideOfOrderSide, statusRank } from '../../domain/orderState.ts';
import { closeFailedAlert, type PositionAlert } from '../../domain/positionAlerts.ts';
import type { IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { alerts, orderEvents, orders } from '../schema.ts';
import { orderKey } from './orderKeys.ts';
import { closePosition, markCloseFailed, openPosition } from './positionWrites.ts';
import { recordCallback } from './recordDelivery.ts';
import { applyCallbackToTrade } from './tradeWrites.ts';

type EntryCallback = Extract<OrderCallback, { status: 'placed' | 'failed' | 'timeout' }>;

export interface CallbackIngestResult {
  readonly outcome: IngestOutcome;
  /** Alerts written in the transaction, to be logged once it commits. */
  readonly fired: readonly PositionAlert[];
}

/**
 * Callbacks (docs/reference/seed-contracts.md#callbacks): `placed`, `failed`, `timeout` name the entry request
 * (`order_id`), `closed` and `close_failed` the position (`position_id`, the same request id). Each becomes a
 * lifecycle event of the entry order; the entry ones may end the order, `placed` opens the
 * position and the closing ones close or annotate it; `close_failed` also raises an alert.
 */
export async function ingestCallbackIn(
  tx: StoreTransaction,
  callback: OrderCallback,
  receivedAt: Date,
  now: Date,
): Promise<CallbackIngestResult> {
  const subjectId = 'order_id' in callback ? callback.order_id : callback.position_id;
  const key = orderKey(subjectId);
  const dedupeKey = callback.trace_id ?? `${callback.status}:${key}`;
  const outcome = await recordCallback(tx, {
    dedupeKey,
    traceId: callback.trace_id ?? null,
    status: callback.status,
    subjectId,
    payload: callback,
    receivedAt,
  });
  if (outcome.status === 'duplicate') return { outcome, fired: [] };
  const occurredAt = occurredAtOf(callback, receivedAt);
  const { status, trace_id: _traceId, timestamp: _timestamp, ...detail } = callback;
  await tx.insert(orderEvents).values({
    clientOrderKey: key,
    status: status.toUpperCase(),
    source: 'callback',
    dealSize: null,
    dealAvgPrice: null,
    detail,
    occurredAt,
    traceId: dedupeKey,
    receivedAt,
  });
  const moment = { occurredAt, now };
  await applyCallbackToTrade(tx, key, callback, moment);
  switch (callback.status) {
    case 'placed': {
      const entry = await advanceEntryOrder(tx, key, callback, now);
      await openPosition(tx, key, callback, entry, moment);
      break;
    }
    case 'failed':
    case 'timeout':
      await advanceEntryOrder(tx, key, callback, now);
      break;
    case 'closed':
      await closePosition(
        tx,
        key,
        {
          positionId: callback.position_id,
          reason: callback.reason,
          price: callback.close_price,
          orderId: callback.close_order_id,
        },
        moment,
      );
      break;
    case 'close_failed': {
      await markCloseFailed(tx, key, callback, moment);
      const alert = closeFailedAlert(callback);
      await tx.insert(alerts).values({ ...alert, traceId: dedupeKey, createdAt: now });
      return { outcome, fired: [alert] };
    }
  }
  return { outcome, fired: [] };
}

/** The callback's own time when it carries a readable one, else when it arrived. */
function occurredAtOf(callback: OrderCallback, receivedAt: Date): Date {
  const parsed = callback.timestamp === undefined ? Number.NaN : Date.parse(callback.timestamp);
  return Number.isNaN(parsed) ? receivedAt : new Date(parsed);
}

/**
 * Moves the entry order's status forward (never back) and learns its exchange id. The order may
 * be unknown yet (its signal can come later): then only the event is kept. Returns what the
 * order says about the position: its symbol and side.
 */
async function advanceEntryOrder(
  tx: StoreTransaction,
  key: string,
  callback: EntryCallback,
  now: Date,
): Promise<{ symbol: string | null; side: 'long' | 'short' | null }> {
  const exchangeOrderId = callback.status === 'placed' ? callback.exchange_order_id : undefined;
  const match = exchangeOrderId
    ? or(eq(orders.clientOrderKey, key), eq(orders.orderId, exchangeOrderId))
    : eq(orders.clientOrderKey, key);
  const [order] = await tx.select().from(orders).where(match).limit(1).for('update');
  if (order === undefined) return { symbol: null, side: null };
  const status = callback.status.toUpperCase();
  await tx
    .update(orders)
    .set({
      status: statusRank(status) > statusRank(order.status) ? status : order.status,
      orderId: order.orderId ?? exchangeOrderId ?? null,
      updatedAt: now,
    })
    .where(eq(orders.clientOrderKey, order.clientOrderKey));
  return { symbol: order.symbol, side: positionSideOfOrderSide(order.side) ?? null };
}
