import { sql } from 'drizzle-orm';
import type { CloseReason, OrderCallback } from '../../../contracts/signals/orderCallback.ts';
import { VAGUE_CLOSE_REASON } from '../../domain/positionClose.ts';
import type { StoreTransaction } from '../executor.ts';
import { positions } from '../schema.ts';

type Placed = Extract<OrderCallback, { status: 'placed' }>;
type CloseFailed = Extract<OrderCallback, { status: 'close_failed' }>;

export interface Moment {
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

/** What ends a position: a `closed` callback, or the signal of the order that closed it. */
export interface PositionClose {
  /** The request id the position is known by (the callbacks' `position_id`). */
  readonly positionId: string;
  readonly reason: CloseReason;
  readonly price: string | null;
  /** The closing order's exchange id; null (or "") when unknown. */
  readonly orderId: string | null;
}

/**
 * Closes the position (recording it closed when it is unknown yet). Whichever of the callback and
 * the closing order's signal comes first, the row ends the same: the telling reason wins over
 * `exchange` and brings its price and order with it, otherwise what is known is kept; the earliest
 * close time is kept. A closed position never reopens.
 */
export async function closePosition(tx: StoreTransaction, key: string, close: PositionClose, moment: Moment) {
  const stored = (column: string) => `"positions"."${column}"`;
  const incomingTells = `(${stored('close_reason')} is null or (${stored('close_reason')} = '${VAGUE_CLOSE_REASON}' and excluded."close_reason" <> '${VAGUE_CLOSE_REASON}'))`;
  const preferred = (column: string) =>
    sql.raw(
      `case when ${incomingTells} then coalesce(excluded."${column}", ${stored(column)}) else coalesce(${stored(column)}, excluded."${column}") end`,
    );
  await tx
    .insert(positions)
    .values({
      positionKey: key,
      positionId: close.positionId,
      status: 'closed',
      closeReason: close.reason,
      closePrice: close.price,
      closeOrderId: close.orderId === '' ? null : close.orderId,
      closedAt: moment.occurredAt,
      updatedAt: moment.now,
    })
    .onConflictDoUpdate({
      target: positions.positionKey,
      set: {
        status: 'closed',
        closeReason: preferred('close_reason'),
        closePrice: preferred('close_price'),
        closeOrderId: preferred('close_order_id'),
        closedAt: sql.raw(`least(${stored('closed_at')}, excluded."closed_at")`),
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
