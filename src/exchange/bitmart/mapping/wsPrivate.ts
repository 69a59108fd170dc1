import { Dec, ZERO } from '../../../platform/decimal/index.ts';
import type { Balance, Fill, Order, Position } from '../../port/types.ts';
import { sideFromWire } from '../protocol/orderCodes.ts';
import {
  type BitmartWsAssetPush,
  type BitmartWsOrder,
  type BitmartWsOrderEvent,
  type BitmartWsPosition,
  type BitmartWsPositionPush,
  bitmartDecimal,
} from '../protocol/wire/index.ts';
import { marginModeFromWire, orderStatusFromWire, orderTypeFromWire, positionModeFromWire } from './enums.ts';

/** Private WS pushes (docs/reference/bitmart-wire.md#private-channels) → port values. */

/**
 * Actions that report a match (bitmart-wire.md#enums: 1 fill, 8 passive ADL, 9 active ADL). `last_trade` is the
 * order's latest fill and is repeated on later pushes (a cancel after a partial fill), so a fill
 * is reported only on these actions, never twice for one trade.
 */
const MATCH_ACTIONS: ReadonlySet<number> = new Set([1, 8, 9]);
/** Partial liquidation and bankruptcy orders are the venue's, not ours. */
const LIQUIDATION_ACTIONS: ReadonlySet<number> = new Set([6, 7]);

export function orderFromWs(event: BitmartWsOrderEvent): Order {
  const order = event.order;
  const filled = new Dec(order.deal_size);
  return {
    orderId: order.order_id,
    clientOrderId: order.client_order_id,
    symbol: order.symbol,
    side: sideFromWire(order.side),
    ...orderTypeOf(event),
    status: orderStatusFromWire(order.state, order.size, order.deal_size),
    // A market order's `price` is a protection price BitMart fills in, not the order's.
    price: order.type === 'market' ? undefined : new Dec(order.price),
    size: new Dec(order.size),
    filledSize: filled,
    averageFillPrice: filled.isZero() ? undefined : new Dec(order.deal_avg_price),
    leverage: new Dec(order.leverage),
    marginMode: marginModeFromWire(order.open_type),
    createdAt: order.create_time,
    updatedAt: order.update_time,
  };
}

function orderTypeOf(event: BitmartWsOrderEvent): Pick<Order, 'type' | 'trigger'> {
  if (LIQUIDATION_ACTIONS.has(event.action)) return { type: 'liquidation' };
  return orderTypeFromWire(event.order.type);
}

/**
 * The fill a push reports, if it reports one. `fee` keeps BitMart's sign [?]: the simulator
 * sends positive = paid like REST `paid_fees`; the docs' one sample ("-0.00027") is ambiguous.
 */
export function fillFromWs(event: BitmartWsOrderEvent): Fill | undefined {
  const trade = event.order.last_trade;
  if (!trade || !MATCH_ACTIONS.has(event.action)) return undefined;
  const order: BitmartWsOrder = event.order;
  return {
    tradeId: String(trade.lastTradeID),
    orderId: order.order_id,
    symbol: order.symbol,
    side: sideFromWire(order.side),
    price: new Dec(trade.fillPrice),
    size: new Dec(trade.fillQty),
    fee: new Dec(trade.fee),
    role: undefined,
    realizedPnl: undefined,
    time: order.update_time,
  };
}

/**
 * The open positions of a push; rows with `hold_volume` "0" are closed and left out, as the port
 * reports open positions only. The push carries no leverage: `leverageOf` supplies the latest
 * known one (from order pushes, since BitMart requires an order's leverage to match its
 * position's), and 0 means "not known yet".
 */
export function positionsFromWs(
  push: BitmartWsPositionPush,
  leverageOf: (symbol: string) => Dec | undefined,
): Position[] {
  return push.data
    .filter((row) => !new Dec(row.hold_volume).isZero())
    .map((row) => positionFromWs(row, leverageOf(row.symbol) ?? extraDecimal(row, 'leverage')));
}

function positionFromWs(row: BitmartWsPosition, leverage: Dec | undefined): Position {
  const liquidation = new Dec(row.liquidate_price);
  return {
    symbol: row.symbol,
    side: row.position_type === 1 ? 'long' : 'short',
    // ccxt's sample lacks position_mode; one row per side there means hedge, BitMart's default.
    mode: positionModeFromWire(row.position_mode ?? 'hedge_mode'),
    size: new Dec(row.hold_volume),
    entryPrice: new Dec(row.hold_avg_price),
    markPrice: undefined,
    leverage,
    marginMode: marginModeFromWire(row.open_type),
    margin: undefined,
    unrealizedPnl: undefined,
    realizedPnl: undefined,
    liquidationPrice: liquidation.isZero() ? undefined : liquidation,
    updatedAt: row.update_time,
  };
}

/**
 * `futures/asset:<CURRENCY>`. The documented push has no equity or unrealized PnL; when the
 * extra fields seen in the wild are present they are used, else unrealized is 0 and equity the
 * sum of what the push does carry.
 */
export function balanceFromWs(push: BitmartWsAssetPush): Balance {
  const data = push.data;
  const available = new Dec(data.available_balance);
  const frozen = new Dec(data.frozen_balance);
  const positionMargin = new Dec(data.position_deposit);
  const unrealizedPnl = extraDecimal(data, 'unrealized') ?? extraDecimal(data, 'unrealized_value') ?? ZERO;
  return {
    currency: data.currency,
    available,
    frozen,
    positionMargin,
    unrealizedPnl,
    equity: extraDecimal(data, 'equity') ?? available.add(frozen).add(positionMargin).add(unrealizedPnl),
  };
}

/** An undocumented decimal field of a loose wire object, when present and well-formed. */
function extraDecimal(object: Record<string, unknown>, key: string): Dec | undefined {
  const parsed = bitmartDecimal.safeParse(object[key]);
  return parsed.success ? new Dec(parsed.data) : undefined;
}
