import type { OrderRequest } from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { entryClientOrderId } from './clientOrderIds.ts';
import { ENTRY_MARGIN_MODE, type Quote } from './context.ts';
import type { OrdersConfig } from './ordersConfig.ts';
import type { EntryRecord } from './records.ts';
import { entryLimitPrice } from './triggers.ts';

/**
 * The entry order of attempt `attempt`: by default a maker-only limit at the touch inside the
 * zone, with the request's TP/SL as presets so the venue protects the position from its first fill
 * even if the worker is gone (they become position plan orders, which cancel-all-after spares).
 */
export function entryOrderRequest(
  entry: EntryRecord,
  attempt: number,
  quote: Quote,
  tickSize: Dec,
  orders: OrdersConfig['orders'],
): OrderRequest {
  const limit = orders.order_type.default === 'limit';
  const touch = (entry.side === 'long' ? quote.bid : quote.ask) ?? quote.last;
  const zone = { min: entry.zoneMin, max: entry.zoneMax };
  const price = entryLimitPrice(entry.side, touch, zone, tickSize, orders.entry_zone.immediate_if_in_zone);
  return {
    ...entryBase(entry, attempt),
    type: limit ? 'limit' : 'market',
    ...(limit && { price, timeInForce: orders.order_type.post_only ? 'post_only' : 'gtc' }),
  };
}

/**
 * The fallback's taker entry (`EntryFallback`): a limit IOC at `price`, the touch moved by at most
 * the request's slippage, so it takes what the book has up to that price and never more; same
 * presets as the maker.
 */
export function takerEntryRequest(entry: EntryRecord, attempt: number, price: Dec): OrderRequest {
  return { ...entryBase(entry, attempt), type: 'limit', price, timeInForce: 'ioc' };
}

/**
 * What every entry order of the request carries: its client order id, size, leverage, and the
 * presets. The preset take-profit is the last target (a position-level TP of whatever is left);
 * TP1 of two is placed as its own order once the entry fills (`ExchangeProtections`).
 */
function entryBase(entry: EntryRecord, attempt: number) {
  return {
    symbol: entry.symbol,
    clientOrderId: entryClientOrderId(entry.clientOrderIdBase, attempt),
    side: entry.side === 'long' ? ('open_long' as const) : ('open_short' as const),
    size: entry.quantity,
    ...(entry.leverage !== undefined && { leverage: new Dec(entry.leverage), marginMode: ENTRY_MARGIN_MODE }),
    ...(entry.takeProfit && { takeProfit: { triggerPrice: entry.takeProfit, priceSource: 'last' as const } }),
    ...(entry.stopLoss && { stopLoss: { triggerPrice: entry.stopLoss, priceSource: 'last' as const } }),
  };
}
