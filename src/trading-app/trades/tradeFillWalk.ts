import type { Fill, OrderSide } from '../../exchange/port/types.ts';
import { Dec, ZERO } from '../../platform/decimal/index.ts';

export type TradeSide = 'long' | 'short';

/** The fills of one trade, oldest first, and what they did to its position. */
export interface TradeFillWalk {
  readonly fills: readonly Fill[];
  /** The last fill left the position flat: the trade is over on the venue. */
  readonly flat: boolean;
  /** The most contracts held at once. */
  readonly largestSize: Dec;
}

export function openingSide(side: TradeSide): OrderSide {
  return side === 'long' ? 'open_long' : 'open_short';
}

export function closingSide(side: TradeSide): OrderSide {
  return side === 'long' ? 'close_long' : 'close_short';
}

/** Venue time, then the venue's trade id (numeric strings of any length) for fills of one millisecond. */
export function fillOrder(a: Fill, b: Fill): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.tradeId.length !== b.tradeId.length) return a.tradeId.length - b.tradeId.length;
  return a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0;
}

/**
 * Picks a trade's fills out of its symbol's fills. The platform holds at most one trade per symbol
 * (the risk gate's `symbol_busy`), so the trade is the run of fills that starts with its entry and
 * ends when its side of the position is flat again; fills before (the previous trade's close) and
 * after (the next trade) are someone else's. The start is the first fill of the entry order the
 * worker reported (`entryOrderId`), preceded by any opening fills of an earlier entry attempt
 * with no close between; without that id, the first opening fill at or after `notBefore`. Fills
 * of the other side are left out (hedge mode: another position). Undefined when the entry is not
 * among the fills (not visible yet, or outside the window read).
 */
export function walkTradeFills(
  symbolFills: readonly Fill[],
  side: TradeSide,
  start: { readonly entryOrderId: string | null; readonly notBefore: number },
): TradeFillWalk | undefined {
  const opens = openingSide(side);
  const closes = closingSide(side);
  const ours = symbolFills.filter((fill) => fill.side === opens || fill.side === closes).sort(fillOrder);
  let first =
    start.entryOrderId === null
      ? ours.findIndex((fill) => fill.side === opens && fill.time >= start.notBefore)
      : ours.findIndex((fill) => fill.orderId === start.entryOrderId);
  if (first < 0) return undefined;
  while (first > 0 && ours[first - 1]?.side === opens) first -= 1;
  const fills: Fill[] = [];
  let size = ZERO;
  let largestSize = ZERO;
  for (const fill of ours.slice(first)) {
    fills.push(fill);
    size = fill.side === opens ? size.plus(fill.size) : size.minus(fill.size);
    largestSize = Dec.max(largestSize, size);
    if (size.lte(0)) return { fills, flat: true, largestSize };
  }
  return { fills, flat: false, largestSize };
}
