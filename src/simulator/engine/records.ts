import { type Dec, ZERO } from '../../platform/decimal/index.ts';
import { money } from './money.ts';
import type {
  LastTrade,
  OpenType,
  OrderMode,
  OrderSide,
  OrderState,
  OrderType,
  PlanOrderType,
  PositionMode,
  PositionType,
  PresetTrigger,
  PriceType,
  SimOrder,
  SimPlanOrder,
} from './types.ts';

/** The engine's mutable order; only `orderSnapshot` copies ever leave the engine. */
export interface OrderRecord {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly mode: OrderMode;
  price: Dec;
  size: number;
  dealSize: number;
  /** Σ price × contracts of the fills, for the average price. */
  dealValue: Dec;
  readonly leverage: Dec;
  readonly openType: OpenType;
  state: OrderState;
  canceled: boolean;
  readonly positionMode: PositionMode;
  readonly presetTakeProfit: PresetTrigger | undefined;
  readonly presetStopLoss: PresetTrigger | undefined;
  readonly planOrderId: string;
  readonly planType: PlanOrderType | undefined;
  lastTrade: LastTrade | undefined;
  readonly createTime: number;
  updateTime: number;
  readonly arrivalMicros: number;
  /** USDT held per unfilled contract (margin + taker fee at the limit price); 0 for closing orders. */
  frozenPerContract: Dec;
  /** USDT this order currently holds in the account's `frozen`. */
  frozen: Dec;
  /** Contracts this order reserves in its position's `frozenAmount` (closing orders only). */
  closingReserved: number;
  /** The position type a closing order reduces. */
  readonly closes: PositionType | undefined;
  presetsAttached: boolean;
}

export interface PositionRecord {
  readonly symbol: string;
  readonly positionType: PositionType;
  amount: number;
  frozenAmount: number;
  entryPrice: Dec;
  leverage: Dec;
  openType: OpenType;
  margin: Dec;
  realizedPnl: Dec;
  feesPaid: Dec;
  closedVolume: number;
  /** Σ exit price × contracts, for the close average. */
  closedValue: Dec;
  openTime: number;
  updateTime: number;
}

export interface PlanRecord {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: PlanOrderType;
  readonly executionType: 'limit' | 'market';
  readonly mode: OrderMode;
  readonly size: number;
  readonly triggerPrice: Dec;
  readonly executivePrice: Dec;
  readonly priceType: PriceType;
  readonly priceWay: 1 | 2;
  readonly planCategory: 1 | 2;
  readonly leverage: Dec;
  readonly openType: OpenType;
  readonly positionMode: PositionMode;
  readonly presetTakeProfit: PresetTrigger | undefined;
  readonly presetStopLoss: PresetTrigger | undefined;
  state: 2 | 4;
  readonly createTime: number;
  updateTime: number;
}

export function emptyPosition(symbol: string, positionType: PositionType, leverage: Dec, openType: OpenType) {
  const position: PositionRecord = {
    symbol,
    positionType,
    amount: 0,
    frozenAmount: 0,
    entryPrice: ZERO,
    leverage,
    openType,
    margin: ZERO,
    realizedPnl: ZERO,
    feesPaid: ZERO,
    closedVolume: 0,
    closedValue: ZERO,
    openTime: 0,
    updateTime: 0,
  };
  return position;
}

export function orderSnapshot(order: OrderRecord): SimOrder {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    mode: order.mode,
    price: order.price,
    size: order.size,
    dealSize: order.dealSize,
    dealAvgPrice: order.dealSize === 0 ? ZERO : money(order.dealValue.div(order.dealSize)),
    leverage: order.leverage,
    openType: order.openType,
    state: order.state,
    canceled: order.canceled,
    positionMode: order.positionMode,
    presetTakeProfit: order.presetTakeProfit,
    presetStopLoss: order.presetStopLoss,
    planOrderId: order.planOrderId,
    planType: order.planType,
    lastTrade: order.lastTrade,
    createTime: order.createTime,
    updateTime: order.updateTime,
    arrivalMicros: order.arrivalMicros,
  };
}

export function planSnapshot(plan: PlanRecord): SimPlanOrder {
  return {
    orderId: plan.orderId,
    clientOrderId: plan.clientOrderId,
    symbol: plan.symbol,
    side: plan.side,
    type: plan.type,
    executionType: plan.executionType,
    mode: plan.mode,
    size: plan.size,
    triggerPrice: plan.triggerPrice,
    executivePrice: plan.executivePrice,
    priceType: plan.priceType,
    priceWay: plan.priceWay,
    planCategory: plan.planCategory,
    leverage: plan.leverage,
    openType: plan.openType,
    positionMode: plan.positionMode,
    state: plan.state,
    createTime: plan.createTime,
    updateTime: plan.updateTime,
  };
}
