import type { MarketTick } from '../market/types.ts';
import type { EngineContext, OpenOrderEntry } from './context.ts';
import { applyFill } from './execution.ts';
import { isBuySide } from './matching.ts';

/**
 * Fills resting limit orders of the tick's symbol as makers, at their own price, once the last
 * price reaches them (buy: last ≤ price; sell: last ≥ price). Each tick offers at most the size of
 * the opposite touch level to each side, shared by price then time priority, so an order larger
 * than the touch fills partially over several ticks.
 */
export function fillRestingOrders(context: EngineContext, tick: MarketTick): void {
  const entries = context.openOrders.of(tick.symbol);
  if (entries.length === 0) return;
  const book = context.market.book(tick.symbol, 1);
  const buys = entries
    .filter((entry) => isBuySide(entry.order.side) && entry.order.price.gte(tick.lastPrice))
    .sort((a, b) => b.order.price.comparedTo(a.order.price));
  const sells = entries
    .filter((entry) => !isBuySide(entry.order.side) && entry.order.price.lte(tick.lastPrice))
    .sort((a, b) => a.order.price.comparedTo(b.order.price));
  fillSide(context, buys, book.asks[0]?.size ?? 0);
  fillSide(context, sells, book.bids[0]?.size ?? 0);
}

function fillSide(context: EngineContext, entries: readonly OpenOrderEntry[], liquidity: number): void {
  let left = liquidity;
  for (const { account, order } of entries) {
    if (left <= 0) return;
    if (order.state === 4) continue;
    const size = Math.min(order.size - order.dealSize, left);
    applyFill(context, account, order, order.price, size, 'maker');
    left -= size;
  }
}
