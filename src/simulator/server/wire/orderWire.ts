import { toWire } from '../../../platform/decimal/index.ts';
import type { PresetTrigger, SimFill, SimOrder, SimPlanOrder, SimTransaction } from '../../engine/types.ts';

/**
 * Engine orders, fills, plan orders and ledger rows → BitMart's REST JSON
 * (docs/reference/bitmart-wire.md#transaction-history, #order-queries). Ids are strings here; only
 * submit-order and submit-plan-order answer numeric ids.
 */

function presetPrice(trigger: PresetTrigger | undefined): string {
  return trigger ? toWire(trigger.price) : '';
}

/** The order detail (bitmart-wire.md#order-detail; also the rows of order-history and get-open-orders). */
export function orderWire(order: SimOrder) {
  return {
    symbol: order.symbol,
    order_id: order.orderId,
    client_order_id: order.clientOrderId,
    side: order.side,
    type: order.type,
    mode: order.mode,
    leverage: toWire(order.leverage),
    open_type: order.openType,
    deal_avg_price: toWire(order.dealAvgPrice),
    deal_size: String(order.dealSize),
    price: toWire(order.price),
    size: String(order.size),
    state: order.state,
    activation_price: '',
    callback_rate: '',
    activation_price_type: 0,
    executive_order_id: '',
    preset_take_profit_price_type: order.presetTakeProfit?.priceType ?? 0,
    preset_stop_loss_price_type: order.presetStopLoss?.priceType ?? 0,
    preset_take_profit_price: presetPrice(order.presetTakeProfit),
    preset_stop_loss_price: presetPrice(order.presetStopLoss),
    create_time: order.createTime,
    update_time: order.updateTime,
    position_mode: order.positionMode,
    account: 'futures',
  };
}

/**
 * A row of order-history: the detail plus the trigger fields BitMart adds there. The engine does
 * not keep a plan's trigger on the order it created, so they read "0" as in BitMart's own sample
 * of an executed plan order.
 */
export function orderHistoryWire(order: SimOrder) {
  return { ...orderWire(order), trigger_price: '0', execution_price: '0' };
}

/** A row of `/contract/private/trades`: `vol` in contracts, `paid_fees` positive = paid. */
export function tradeWire(fill: SimFill) {
  return {
    order_id: fill.orderId,
    trade_id: fill.tradeId,
    symbol: fill.symbol,
    side: fill.side,
    price: toWire(fill.price),
    vol: String(fill.size),
    exec_type: fill.role === 'maker' ? 'Maker' : 'Taker',
    profit: fill.realizedPnl.greaterThan(0),
    create_time: fill.time,
    realised_profit: toWire(fill.realizedPnl),
    paid_fees: toWire(fill.fee),
    account: 'futures',
  };
}

/** A row of `/contract/private/current-plan-order` (bitmart-wire.md#plan-order-list). */
export function planOrderWire(plan: SimPlanOrder) {
  return {
    order_id: plan.orderId,
    client_order_id: plan.clientOrderId,
    symbol: plan.symbol,
    side: plan.side,
    type: plan.type,
    mode: plan.mode,
    size: String(plan.size),
    leverage: toWire(plan.leverage),
    open_type: plan.openType,
    trigger_price: toWire(plan.triggerPrice),
    executive_price: toWire(plan.executivePrice),
    price_way: plan.priceWay,
    price_type: plan.priceType,
    plan_category: plan.planCategory,
    state: plan.state,
    position_mode: plan.positionMode,
    create_time: plan.createTime,
    update_time: plan.updateTime,
  };
}

/** A row of `/contract/private/transaction-history`: `time` and `tran_id` are strings, `amount` signed. */
export function transactionWire(transaction: SimTransaction) {
  return {
    symbol: transaction.symbol,
    flow_type: transaction.flowType,
    type: transaction.type,
    amount: toWire(transaction.amount),
    asset: transaction.asset,
    account: 'futures',
    time: String(transaction.time),
    tran_id: transaction.tranId,
  };
}
