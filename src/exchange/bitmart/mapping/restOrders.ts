import { Dec } from '../../../platform/decimal/index.ts';
import type { Fill, Order, PlanOrder } from '../../port/types.ts';
import { priceSourceFromWire, sideFromWire } from '../protocol/orderCodes.ts';
import type {
  BitmartFill,
  BitmartHistoricOrder,
  BitmartOpenOrder,
  BitmartOrder,
  BitmartPlanOrder,
} from '../protocol/wire/index.ts';
import { marginModeFromWire, orderStatusFromWire, orderTypeFromWire } from './enums.ts';

/** Order, fill and plan-order REST rows (docs/reference/bitmart-wire.md#order-queries) → port types. */

type BitmartOrderRow = BitmartOrder | BitmartHistoricOrder | BitmartOpenOrder;

/** BitMart sends "0" (or "") for a price an order does not have. */
function positiveOrUndefined(value: string | undefined): Dec | undefined {
  if (!value) return undefined;
  const price = new Dec(value);
  return price.gt(0) ? price : undefined;
}

/**
 * Market orders carry a protection price in `price` (bitmart-wire.md#order-detail), not a price the order asked for, so
 * only limit orders report one. The average fill price means something only once filled.
 */
export function orderFromWire(row: BitmartOrderRow): Order {
  const filledSize = new Dec(row.deal_size);
  return {
    orderId: row.order_id,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: sideFromWire(row.side),
    ...orderTypeFromWire(row.type),
    status: orderStatusFromWire(row.state, row.size, row.deal_size),
    price: row.type === 'limit' ? positiveOrUndefined(row.price) : undefined,
    size: new Dec(row.size),
    filledSize,
    averageFillPrice: filledSize.gt(0) ? positiveOrUndefined(row.deal_avg_price) : undefined,
    leverage: positiveOrUndefined(row.leverage),
    marginMode: marginModeFromWire(row.open_type),
    createdAt: row.create_time,
    updatedAt: row.update_time,
  };
}

/** `paid_fees` is positive when paid, as the port wants; `vol` is contracts. */
export function fillFromWire(row: BitmartFill): Fill {
  return {
    tradeId: row.trade_id,
    orderId: row.order_id,
    symbol: row.symbol,
    side: sideFromWire(row.side),
    price: new Dec(row.price),
    size: new Dec(row.vol),
    fee: new Dec(row.paid_fees),
    role: row.exec_type === 'Maker' ? 'maker' : 'taker',
    realizedPnl: new Dec(row.realised_profit),
    time: row.create_time,
  };
}

/** A waiting trigger order; market plans leave `executive_price` "" or "0". */
export function planOrderFromWire(row: BitmartPlanOrder): PlanOrder {
  return {
    orderId: row.order_id,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    kind: row.type,
    side: sideFromWire(row.side),
    size: new Dec(row.size),
    triggerPrice: new Dec(row.trigger_price),
    priceSource: priceSourceFromWire(row.price_type),
    executionPrice: positiveOrUndefined(row.executive_price),
    createdAt: row.create_time,
  };
}
