import { toWire } from '../../../platform/decimal/index.ts';
import type { LastTrade, OrderAction, PlanOrderType, SimAsset, SimOrder, SimPosition } from '../../engine/types.ts';
import type { AssetCurrency } from './topics.ts';

/**
 * Domain → BitMart private push data (docs/reference/bitmart-wire.md#private-channels; fixtures ws.futures.order,
 * ws.futures.position, ws.futures.asset). Note the WS position push's `open_type` is an int
 * (1 isolated, 2 cross) while orders keep the REST strings.
 */

export function orderData(action: OrderAction, order: SimOrder) {
  return [
    {
      action,
      order: {
        order_id: order.orderId,
        client_order_id: order.clientOrderId,
        price: toWire(order.price),
        size: String(order.size),
        symbol: order.symbol,
        state: order.state,
        side: order.side,
        type: wsOrderType(order),
        leverage: toWire(order.leverage),
        open_type: order.openType,
        deal_avg_price: toWire(order.dealAvgPrice),
        deal_size: String(order.dealSize),
        create_time: order.createTime,
        update_time: order.updateTime,
        plan_order_id: order.planOrderId,
        last_trade: order.lastTrade ? lastTradeData(order.lastTrade) : null,
        trigger_price: '-',
        trigger_price_type: '-',
        execution_price: '-',
        activation_price_type: '-',
        activation_price: '-',
        callback_rate: '-',
        position_mode: order.positionMode,
      },
    },
  ];
}

/**
 * The WS push has a `type` vocabulary of its own (bitmart-wire.md#private-channels, #enums): an order a plan submitted
 * is pushed as `plan_order`, one a take-profit or stop-loss (preset or position TP/SL) submitted as
 * `take_profit` / `stop_loss`; REST rows keep `limit` / `market` (fixture
 * rest.contract.private.order-history.plan-executed.docs.json).
 */
const WS_TYPE_OF_PLAN: Readonly<Record<PlanOrderType, string>> = {
  plan: 'plan_order',
  take_profit: 'take_profit',
  stop_loss: 'stop_loss',
};

function wsOrderType(order: SimOrder): string {
  return order.planType === undefined ? order.type : WS_TYPE_OF_PLAN[order.planType];
}

/**
 * BitMart sends `lastTradeID` as a number; ids beyond 2^53 stay strings so they are never rounded.
 * `fee` keeps the engine's sign (positive = paid), as REST `paid_fees` does (bitmart-wire.md#fee-sign).
 */
function lastTradeData(trade: LastTrade) {
  const numeric = Number(trade.tradeId);
  return {
    lastTradeID: /^\d+$/.test(trade.tradeId) && Number.isSafeInteger(numeric) ? numeric : trade.tradeId,
    fillQty: String(trade.size),
    fillPrice: toWire(trade.price),
    fee: toWire(trade.fee),
    feeCcy: 'USDT',
  };
}

export function positionData(positions: readonly SimPosition[]) {
  return positions.map((position) => ({
    symbol: position.symbol,
    hold_volume: String(position.amount),
    position_type: position.positionType,
    open_type: position.openType === 'isolated' ? 1 : 2,
    frozen_volume: String(position.frozenAmount),
    close_volume: String(position.closedVolume),
    hold_avg_price: toWire(position.entryPrice),
    close_avg_price: toWire(position.closeAvgPrice),
    open_avg_price: toWire(position.entryPrice),
    liquidate_price: toWire(position.liquidationPrice),
    create_time: position.openTime,
    update_time: position.updateTime,
    position_mode: position.positionMode,
  }));
}

export function assetData(asset: SimAsset) {
  return {
    currency: asset.currency,
    available_balance: toWire(asset.available),
    position_deposit: toWire(asset.positionDeposit),
    frozen_balance: toWire(asset.frozen),
    equity: toWire(asset.equity),
    unrealized: toWire(asset.unrealized),
  };
}

/** What an account holds of a currency it never funded. */
export function zeroAssetData(currency: AssetCurrency) {
  return {
    currency,
    available_balance: '0',
    position_deposit: '0',
    frozen_balance: '0',
    equity: '0',
    unrealized: '0',
  };
}
