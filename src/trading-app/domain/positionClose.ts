import type { CloseReason } from '../../contracts/signals/orderCallback.ts';
import type { OrderSignalKind } from '../../contracts/signals/orderSignal.ts';
import { Dec } from '../../platform/decimal/index.ts';

/**
 * How an order signal tells that a position ended. A close the venue made (its preset stop or take
 * profit, a liquidation) or another tool made reaches the app as an order signal of that kind;
 * the worker's own closes (CLOSE) are told by its `closed` callback, which knows why it closed.
 */
const CLOSE_REASON_OF_KIND: Readonly<Partial<Record<OrderSignalKind, CloseReason>>> = {
  STOP_LOSS: 'stop_loss',
  TAKE_PROFIT: 'take_profit',
  LIQUIDATION: 'liquidation',
  MANUAL: 'manual',
};

/** BitMart sides 2 (buy to close a short) and 3 (sell to close a long) reduce a position. */
const CLOSING_SIDES: ReadonlySet<string> = new Set(['2', '3']);

/** The reason a filled closing order gives its position, or undefined when it closes none. */
export function closeReasonOfOrder(order: { kind: string; side: string; status: string }): CloseReason | undefined {
  if (order.status !== 'FILLED' || !CLOSING_SIDES.has(order.side)) return undefined;
  return CLOSE_REASON_OF_KIND[order.kind as OrderSignalKind];
}

/**
 * `exchange` (the worker's `closed` callback when the venue closed the position) says only who
 * closed it; the closing order's own signal says how (stop loss, liquidation, …). The telling
 * reason wins whichever arrives first, so both orders of arrival end in the same row.
 */
export const VAGUE_CLOSE_REASON: CloseReason = 'exchange';

/**
 * True when a filled close of `closedSize` ends a position of `quantity` (unknown: assume it
 * does). A smaller close (a partial manual close) leaves it open; its callback, if any, decides.
 */
export function closesWholePosition(closedSize: string | null, quantity: string | null): boolean {
  if (quantity === null || closedSize === null) return true;
  return new Dec(closedSize).gte(new Dec(quantity));
}
