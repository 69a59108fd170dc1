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
    symbol: entry.symbol,
    clientOrderId: entryClientOrderId(entry.clientOrderIdBase, attempt),
    side: entry.side === 'long' ? 'open_long' : 'open_short',
    type: limit ? 'limit' : 'market',
    size: entry.quantity,
    ...(limit && { price, timeInForce: orders.order_type.post_only ? 'post_only' : 'gtc' }),
    ...(entry.leverage !== undefined && { leverage: new Dec(entry.leverage), marginMode: ENTRY_MARGIN_MODE }),
    ...(entry.takeProfit && { takeProfit: { triggerPrice: entry.takeProfit, priceSource: 'last' } }),
    ...(entry.stopLoss && { stopLoss: { triggerPrice: entry.stopLoss, priceSource: 'last' } }),
  };
}
