import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OrderCallback } from '../../../contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../../../contracts/signals/orderSignal.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import { exitReasonOfCallback } from '../../domain/tradeExit.ts';
import type { StoreTransaction } from '../executor.ts';
import { callbacksReceived, trades } from '../schema.ts';
import { orderKey } from './orderKeys.ts';

interface Moment {
  readonly occurredAt: Date;
  readonly now: Date;
}

/**
 * What a callback tells the trade record of the decision that sent the request (the request id is
 * the decision key; `key` is its upper case, as positions are keyed). A request the app did not
 * send (the seeds' own curl example, another tool) has no trade: nothing is written. Statuses only move
 * forward: `submitted` → `open` (the entry's first fill, from its order signal) → `closed`; `failed`
 * and `cancelled` end an entry that never filled. The figures written here come from prices; the
 * reconciliation (../../trades/TradeReconciler.ts) replaces them with the venue's fills, fees and
 * funding.
 */
export async function applyCallbackToTrade(
  tx: StoreTransaction,
  key: string,
  callback: OrderCallback,
  moment: Moment,
): Promise<void> {
  const match = sql`upper(${trades.decisionKey}) = ${key}`;
  const updatedAt = moment.now;
  switch (callback.status) {
    case 'placed':
      // The entry order rests on the venue; the trade opens with its first fill (`applyEntryFill`).
      await tx
        .update(trades)
        .set({ status: 'submitted', submittedAt: sql`coalesce(${trades.submittedAt}, ${moment.now})`, updatedAt })
        .where(and(match, eq(trades.status, 'planned')));
      return;
    case 'failed':
    case 'timeout':
      await tx
        .update(trades)
        .set({
          status: callback.status === 'failed' ? 'failed' : 'cancelled',
          reason: callback.status === 'failed' ? 'entry_failed' : 'entry_timeout',
          detail: callback.status === 'failed' ? callback.error : callback.reason,
          updatedAt,
        })
        .where(and(match, inArray(trades.status, ['planned', 'submitted'])));
      return;
    case 'closed': {
      const [trade] = await tx.select().from(trades).where(match).for('update');
      if (!trade || trade.status === 'closed') return;
      const exitPrice = callback.average_close_price ?? callback.close_price;
      const quantity = callback.closed_quantity ?? trade.quantity;
      const tp1ClosedBefore = await partiallyClosed(tx, key);
      // Figures the venue already settled (the reconciliation saw it flat) are not replaced by prices.
      const settled = trade.accounting === 'final';
      await tx
        .update(trades)
        .set({
          status: 'closed',
          exitReason: exitReasonOfCallback(callback.reason, tp1ClosedBefore),
          ...(settled ? {} : { exitPrice, realizedPnl: grossPnl(trade, exitPrice, quantity) }),
          closedAt: moment.occurredAt,
          updatedAt,
        })
        .where(eq(trades.decisionKey, trade.decisionKey));
      return;
    }
    default:
      return;
  }
}

/**
 * An entry order's fill opens the trade of the request it serves (`position_id`, the decision key):
 * the entry price and quantity are the fills', cumulative, so a partial fill then the rest leave
 * the whole. The `placed` callback only says the order rests on the venue.
 */
export async function applyEntryFill(tx: StoreTransaction, signal: OrderSignal, moment: Moment): Promise<void> {
  const filled = signal.deal_size ?? '0';
  if (signal.kind !== 'ENTRY' || !signal.position_id || !signal.deal_avg_price || new Dec(filled).lte(0)) return;
  await tx
    .update(trades)
    .set({
      status: 'open',
      entryPrice: signal.deal_avg_price,
      quantity: filled,
      openedAt: sql`coalesce(${trades.openedAt}, ${moment.occurredAt})`,
      // The first entry order that filled: where the reconciliation starts reading the trade's fills.
      ...(signal.order_id ? { entryOrderId: sql`coalesce(${trades.entryOrderId}, ${signal.order_id})` } : {}),
      updatedAt: moment.now,
    })
    .where(
      and(
        sql`upper(${trades.decisionKey}) = ${orderKey(signal.position_id)}`,
        inArray(trades.status, ['planned', 'submitted', 'open']),
      ),
    );
}

/** Whether TP1 closed part of the position before (its `partially_closed` callback was stored). */
async function partiallyClosed(tx: StoreTransaction, key: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: callbacksReceived.id })
    .from(callbacksReceived)
    .where(and(eq(callbacksReceived.status, 'partially_closed'), sql`upper(${callbacksReceived.subjectId}) = ${key}`))
    .limit(1);
  return row !== undefined;
}

/** (exit − entry) × contracts × contract size, signed by the side; fees and funding not included. */
function grossPnl(trade: typeof trades.$inferSelect, exitPrice: string, quantity: string | null): string | null {
  const contractSize = (trade.plan as { contract_size?: string } | null)?.contract_size;
  if (!trade.entryPrice || !quantity || !contractSize) return null;
  const sign = trade.side === 'long' ? 1 : -1;
  return new Dec(exitPrice).sub(trade.entryPrice).mul(sign).mul(quantity).mul(contractSize).toFixed();
}
