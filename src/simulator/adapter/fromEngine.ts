import { ledgerKindFromFlow } from '../../exchange/bitmart/mapping/restLedger.ts';
import { sideFromWire } from '../../exchange/bitmart/protocol/orderCodes.ts';
import type {
  Balance,
  Fill,
  LedgerEntry,
  Order,
  OrderStatus,
  OrderTrigger,
  PlanOrder,
  Position,
  PositionMode,
} from '../../exchange/port/types.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type {
  PositionMode as EnginePositionMode,
  SimAsset,
  SimFill,
  SimOrder,
  SimPlanOrder,
  PlanOrderType as SimPlanOrderType,
  SimPosition,
  SimTransaction,
} from '../engine/types.ts';

/** Engine snapshots (BitMart vocabulary) → the port's venue-neutral objects. */

/** BitMart has no canceled state: a finished order that did not fill completely was canceled. */
function statusOf(order: SimOrder): OrderStatus {
  if (order.state === 1) return 'pending';
  if (order.state === 4) return order.canceled ? 'canceled' : 'filled';
  return order.dealSize === 0 ? 'open' : 'partially_filled';
}

function typeOf(order: SimOrder): Order['type'] {
  if (order.type === 'limit' || order.type === 'market') return order.type;
  return 'liquidation';
}

/** The plan that submitted the order, in the port's words (the WS push names it the same way). */
const TRIGGER_OF_PLAN: Readonly<Record<SimPlanOrderType, OrderTrigger>> = {
  plan: 'plan',
  take_profit: 'take_profit',
  stop_loss: 'stop_loss',
};

/** 0 is the engine's "none" for prices it has not got (average before a fill, liquidation when flat). */
function unlessZero(value: Dec): Dec | undefined {
  return value.isZero() ? undefined : value;
}

export function positionModeOf(mode: EnginePositionMode): PositionMode {
  return mode === 'one_way_mode' ? 'one_way' : 'hedge';
}

export function orderOf(order: SimOrder): Order {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: sideFromWire(order.side),
    type: typeOf(order),
    ...(order.planType ? { trigger: TRIGGER_OF_PLAN[order.planType] } : {}),
    status: statusOf(order),
    // A market order's price is the protection bound it was given, not a price asked for.
    price: order.type === 'limit' ? order.price : undefined,
    size: new Dec(order.size),
    filledSize: new Dec(order.dealSize),
    averageFillPrice: unlessZero(order.dealAvgPrice),
    leverage: order.leverage,
    marginMode: order.openType,
    createdAt: order.createTime,
    updatedAt: order.updateTime,
  };
}

export function fillOf(fill: SimFill): Fill {
  return {
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    symbol: fill.symbol,
    side: sideFromWire(fill.side),
    price: fill.price,
    size: new Dec(fill.size),
    fee: fill.fee,
    role: fill.role,
    realizedPnl: fill.realizedPnl,
    time: fill.time,
  };
}

/** The fill an order event reports (WS action 1); the event does not say maker or taker. */
export function lastFillOf(order: SimOrder): Fill | undefined {
  const trade = order.lastTrade;
  if (!trade) return undefined;
  return {
    tradeId: trade.tradeId,
    orderId: order.orderId,
    symbol: order.symbol,
    side: sideFromWire(order.side),
    price: trade.price,
    size: new Dec(trade.size),
    fee: trade.fee,
    role: undefined,
    realizedPnl: undefined,
    time: order.updateTime,
  };
}

export function positionOf(position: SimPosition): Position {
  return {
    symbol: position.symbol,
    side: position.positionType === 1 ? 'long' : 'short',
    mode: positionModeOf(position.positionMode),
    size: new Dec(position.amount),
    entryPrice: position.entryPrice,
    markPrice: position.markPrice,
    leverage: position.leverage,
    marginMode: position.openType,
    margin: position.margin,
    unrealizedPnl: position.unrealizedPnl,
    realizedPnl: position.realizedPnl,
    liquidationPrice: unlessZero(position.liquidationPrice),
    updatedAt: position.updateTime,
  };
}

export function balanceOf(asset: SimAsset): Balance {
  return {
    currency: asset.currency,
    available: asset.available,
    frozen: asset.frozen,
    positionMargin: asset.positionDeposit,
    unrealizedPnl: asset.unrealized,
    equity: asset.equity,
  };
}

export function planOrderOf(plan: SimPlanOrder): PlanOrder {
  return {
    orderId: plan.orderId,
    clientOrderId: plan.clientOrderId,
    symbol: plan.symbol,
    kind: plan.type,
    side: sideFromWire(plan.side),
    // 0 = the whole position (position TP/SL).
    size: new Dec(plan.size),
    triggerPrice: plan.triggerPrice,
    priceSource: plan.priceType === 2 ? 'mark' : 'last',
    executionPrice: plan.executivePrice.isZero() ? undefined : plan.executivePrice,
    createdAt: plan.createTime,
  };
}

export function ledgerEntryOf(row: SimTransaction): LedgerEntry {
  return {
    id: row.tranId,
    symbol: row.symbol === '' ? undefined : row.symbol,
    kind: ledgerKindFromFlow(row.flowType),
    amount: row.amount,
    currency: row.asset,
    time: row.time,
  };
}
