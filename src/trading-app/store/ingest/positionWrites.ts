import { sql } from 'drizzle-orm';
import type { OrderCallback } from '../../../contracts/signals/orderCallback.ts';
import type { StoreTransaction } from '../executor.ts';
import { positions } from '../schema.ts';

type Placed = Extract<OrderCallback, { status: 'placed' }>;
type Closed = Extract<OrderCallback, { status: 'closed' }>;
type CloseFailed = Extract<OrderCallback, { status: 'close_failed' }>;

interface Moment {
  readonly occurredAt: Date;
  readonly now: Date;
}

/** `coalesce(stored, incoming)`: what is already known is kept, what is missing is learnt. */
const keep = (column: { name: string }) => sql.raw(`coalesce("positions"."${column.name}", excluded."${column.name}")`);

/**
 * Each write is one `INSERT … ON CONFLICT DO UPDATE`, atomic on both drivers, so callbacks of one
 * position may come in any order: a late `placed` after `closed` fills the entry without
 * reopening, a `closed` for an unknown position records it closed.
 */
export async function openPosition(
  tx: StoreTransaction,
  key: string,
  callback: Placed,
  entry: { symbol: string | null; side: 'long' | 'short' | null },
  moment: Moment,
): Promise<void> {
  await tx
    .insert(positions)
    .values({
      positionKey: key,
      positionId: callback.order_id,
      exchangeOrderId: callback.exchange_order_id,
      symbol: entry.symbol,
      side: entry.side,
      status: 'open',
      entryPrice: callback.entry_price,
      quantity: callback.quantity,
      openedAt: moment.occurredAt,
      updatedAt: moment.now,
    })
    .onConflictDoUpdate({
      target: positions.positionKey,
      set: {
        exchangeOrderId: keep(positions.exchangeOrderId),
        symbol: keep(positions.symbol),
        side: keep(positions.side),
        entryPrice: keep(positions.entryPrice),
        quantity: keep(positions.quantity),
        openedAt: keep(positions.openedAt),
        updatedAt: moment.now,
      },
    });
}

export async function closePosition(tx: StoreTransaction, key: string, callback: Closed, moment: Moment) {
  await tx
    .insert(positions)
    .values({
      positionKey: key,
      positionId: callback.position_id,
      status: 'closed',
      closeReason: callback.reason,
      closePrice: callback.close_price,
      closeOrderId: callback.close_order_id,
      closedAt: moment.occurredAt,
      updatedAt: moment.now,
    })
    .onConflictDoUpdate({
      target: positions.positionKey,
      set: {
        status: 'closed',
        closeReason: keep(positions.closeReason),
        closePrice: keep(positions.closePrice),
        closeOrderId: keep(positions.closeOrderId),
        closedAt: keep(positions.closedAt),
        updatedAt: moment.now,
      },
    });
}

/** A failed SL/TP close leaves the position open and says why, for a human to act on. */
export async function markCloseFailed(tx: StoreTransaction, key: string, callback: CloseFailed, moment: Moment) {
  const annotation = {
    lastCloseFailureReason: callback.reason,
    lastCloseError: callback.error,
    lastCloseFailedAt: moment.occurredAt,
  };
  await tx
    .insert(positions)
    .values({
      positionKey: key,
      positionId: callback.position_id,
      status: 'open',
      ...annotation,
      updatedAt: moment.now,
    })
    .onConflictDoUpdate({ target: positions.positionKey, set: { ...annotation, updatedAt: moment.now } });
}
