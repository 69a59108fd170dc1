import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { OrderSignal } from '../../../contracts/signals/orderSignal.ts';
import { mergeOrderState, type OrderState, positionSideOfOrderSide } from '../../domain/orderState.ts';
import type { IngestOutcome } from '../../TradingAppServices.ts';
import type { StoreTransaction } from '../executor.ts';
import { orderEvents, orders, positions } from '../schema.ts';
import { orderKey, signalOrderKey } from './orderKeys.ts';
import { closedAtOf, closePositionByOrder } from './positionByOrder.ts';
import { recordSignal } from './recordDelivery.ts';
import { applyEntryFill } from './tradeWrites.ts';

/** Signal row, lifecycle event, current state, then what it tells about a position. */
export async function ingestOrderIn(
  tx: StoreTransaction,
  signal: OrderSignal,
  receivedAt: Date,
  now: Date,
): Promise<IngestOutcome> {
  const outcome = await recordSignal(tx, { traceId: signal.trace_id, kind: 'order', payload: signal, receivedAt });
  if (outcome.status === 'duplicate') return outcome;
  const key = signalOrderKey(signal);
  const incoming = orderStateOf(signal);
  await tx.insert(orderEvents).values({
    clientOrderKey: key,
    status: signal.status,
    source: 'order_signal',
    dealSize: incoming.dealSize,
    dealAvgPrice: incoming.dealAvgPrice,
    detail: { order_id: signal.order_id ?? null, context: signal.context ?? null },
    occurredAt: incoming.submittedAt,
    traceId: signal.trace_id,
    receivedAt,
  });
  await upsertOrderState(tx, key, incoming, now);
  if (signal.kind === 'ENTRY') {
    await describeEntryPosition(tx, key, signal, now);
    await applyEntryFill(tx, signal, { occurredAt: closedAtOf(signal, receivedAt), now });
  } else await closePositionByOrder(tx, signal, { occurredAt: closedAtOf(signal, receivedAt), now });
  return outcome;
}

function orderStateOf(signal: OrderSignal): OrderState {
  const context = signal.context ?? {};
  // The PHP worker puts fills in `context`; ours may send them at the top level.
  const dealSize = signal.deal_size ?? decimalOrNull(context['deal_size']);
  const dealAvgPrice = signal.deal_avg_price ?? decimalOrNull(context['deal_avg_price']);
  return {
    clientOrderId: signal.client_order_id,
    orderId: signal.order_id ?? null,
    parentClientOrderId: signal.parent_client_order_id ?? null,
    symbol: signal.symbol,
    kind: signal.kind,
    status: signal.status,
    type: signal.type,
    side: signal.side,
    price: signal.price,
    size: signal.size,
    dealSize,
    dealAvgPrice,
    leverage: signal.leverage ?? null,
    submittedAt: new Date(signal.submitted_at),
  };
}

function decimalOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? value : null;
}

/**
 * Inserts the order, or, when it exists, locks its row and folds the delivery in. Locking
 * serialises two signals of one order arriving at once, so neither overwrites the other's status.
 */
async function upsertOrderState(tx: StoreTransaction, key: string, incoming: OrderState, now: Date): Promise<void> {
  const inserted = await tx
    .insert(orders)
    .values({ clientOrderKey: key, ...incoming, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: orders.clientOrderKey })
    .returning({ key: orders.clientOrderKey });
  if (inserted.length > 0) return;
  const [current] = await tx.select().from(orders).where(eq(orders.clientOrderKey, key)).for('update');
  if (current === undefined) throw new Error(`order ${key} conflicted but could not be read back`);
  const merged = mergeOrderState(current, incoming);
  await tx
    .update(orders)
    .set({ ...merged, updatedAt: now })
    .where(eq(orders.clientOrderKey, key));
}

/**
 * Callbacks name the request, not the symbol or side; the entry order's signal knows both. The
 * request id is the first attempt's client order id, and later attempts share the exchange id.
 */
async function describeEntryPosition(tx: StoreTransaction, key: string, signal: OrderSignal, now: Date) {
  const side = positionSideOfOrderSide(signal.side);
  const keys = signal.position_id ? [key, orderKey(signal.position_id)] : [key];
  const sameOrder = signal.order_id
    ? or(inArray(positions.positionKey, keys), eq(positions.exchangeOrderId, signal.order_id))
    : inArray(positions.positionKey, keys);
  await tx
    .update(positions)
    .set({
      symbol: sql`coalesce(${positions.symbol}, ${signal.symbol})`,
      side: side === undefined ? sql`${positions.side}` : sql`coalesce(${positions.side}, ${side})`,
      updatedAt: now,
    })
    .where(and(sameOrder, or(isNull(positions.symbol), isNull(positions.side))));
}
