import { eq, or } from 'drizzle-orm';
import type { OrderSignal } from '../../../contracts/signals/orderSignal.ts';
import { closeReasonOfOrder, closesWholePosition } from '../../domain/positionClose.ts';
import type { StoreTransaction } from '../executor.ts';
import { orders, positions } from '../schema.ts';
import { orderKey } from './orderKeys.ts';
import { closePosition, type Moment } from './positionWrites.ts';

/**
 * A filled close the venue or another tool made (a preset stop or take profit firing, a
 * liquidation, a manual close) ends the position it names: by `position_id` (the request id), or
 * by `parent_client_order_id` (the order that opened it). A close naming neither touches no
 * position: the app cannot tell which of its positions on that symbol it was.
 */
export async function closePositionByOrder(tx: StoreTransaction, signal: OrderSignal, moment: Moment): Promise<void> {
  const reason = closeReasonOfOrder(signal);
  if (reason === undefined) return;
  const target = await positionNamedBy(tx, signal);
  if (target === undefined) return;
  const dealSize = signal.deal_size ?? null;
  if (!closesWholePosition(dealSize, target.quantity)) return;
  await closePosition(
    tx,
    target.key,
    { positionId: target.positionId, reason, price: signal.deal_avg_price ?? null, orderId: signal.order_id ?? null },
    moment,
  );
}

/** When the order closed: the venue's update time the worker puts in `context`, else its arrival. */
export function closedAtOf(signal: OrderSignal, receivedAt: Date): Date {
  const updatedAt = signal.context?.['updated_at'];
  const parsed = typeof updatedAt === 'string' ? Date.parse(updatedAt) : Number.NaN;
  return Number.isNaN(parsed) ? receivedAt : new Date(parsed);
}

interface Target {
  readonly key: string;
  readonly positionId: string;
  readonly quantity: string | null;
}

async function positionNamedBy(tx: StoreTransaction, signal: OrderSignal): Promise<Target | undefined> {
  if (signal.position_id) {
    const key = orderKey(signal.position_id);
    const [row] = await tx
      .select({ quantity: positions.quantity })
      .from(positions)
      .where(eq(positions.positionKey, key))
      .for('update');
    return { key, positionId: signal.position_id, quantity: row?.quantity ?? null };
  }
  if (!signal.parent_client_order_id) return undefined;
  const parentKey = orderKey(signal.parent_client_order_id);
  const [parent] = await tx
    .select({ orderId: orders.orderId })
    .from(orders)
    .where(eq(orders.clientOrderKey, parentKey));
  const opened = parent?.orderId
    ? or(eq(positions.positionKey, parentKey), eq(positions.exchangeOrderId, parent.orderId))
    : eq(positions.positionKey, parentKey);
  const [row] = await tx
    .select({ key: positions.positionKey, positionId: positions.positionId, quantity: positions.quantity })
    .from(positions)
    .where(opened)
    .limit(1)
    .for('update');
  return row ? { key: row.key, positionId: row.positionId, quantity: row.quantity } : undefined;
}
