import { type Dec, toWire } from '../../../platform/decimal/index.ts';
import type { SimAsset, SimPosition } from '../../engine/types.ts';

/**
 * Engine accounts and positions → BitMart's private REST JSON (docs/reference/bitmart-wire.md#account-endpoints).
 * Values that depend on the contract (value = contracts × contract_size × price) take the contract size.
 */

export function assetWire(asset: SimAsset) {
  return {
    currency: asset.currency,
    available_balance: toWire(asset.available),
    frozen_balance: toWire(asset.frozen),
    unrealized: toWire(asset.unrealized),
    equity: toWire(asset.equity),
    position_deposit: toWire(asset.positionDeposit),
  };
}

export interface PositionContext {
  readonly contractSize: Dec;
  readonly maxNotionalValue: Dec;
  readonly nowMs: number;
}

function marginType(position: SimPosition): 'Cross' | 'Isolated' {
  return position.openType === 'cross' ? 'Cross' : 'Isolated';
}

/** Fields `/position` and `/position-v2` share. */
function positionCommon(position: SimPosition, context: PositionContext) {
  const markValue = context.contractSize.mul(position.amount).mul(position.markPrice);
  return {
    symbol: position.symbol,
    leverage: toWire(position.leverage),
    timestamp: context.nowMs,
    current_fee: toWire(position.feesPaid),
    open_timestamp: position.amount > 0 ? position.openTime : 0,
    current_value: toWire(markValue),
    mark_value: toWire(markValue),
    mark_price: toWire(position.markPrice),
    position_value: toWire(context.contractSize.mul(position.amount).mul(position.entryPrice)),
    position_cross: toWire(position.margin),
    maintenance_margin: toWire(position.maintenanceMargin),
    close_vol: String(position.closedVolume),
    close_avg_price: toWire(position.closeAvgPrice),
    open_avg_price: toWire(position.entryPrice),
    entry_price: toWire(position.entryPrice),
    current_amount: String(position.amount),
    realized_value: toWire(position.realizedPnl),
    account: 'futures',
  };
}

/**
 * `/contract/private/position` row (bitmart-wire.md#positions): `position_type` 1 long / 2 short,
 * `margin_type` capitalised.
 */
export function positionWire(position: SimPosition, context: PositionContext) {
  return {
    ...positionCommon(position, context),
    unrealized_value: toWire(position.unrealizedPnl),
    margin_type: marginType(position),
    position_mode: position.positionMode,
    position_type: position.positionType,
  };
}

/** One-way mode signs the amount (+long, −short); hedge mode always reports it positive. */
function signedAmount(position: SimPosition): string {
  const signed = position.positionMode === 'one_way_mode' && position.positionType === 2;
  return String(signed && position.amount > 0 ? -position.amount : position.amount);
}

/** `/contract/private/position-v2` row, shaped like the 2025 docs samples in the fixtures. */
export function positionV2Wire(position: SimPosition, context: PositionContext) {
  return {
    ...positionCommon(position, context),
    position_amount: signedAmount(position),
    open_type: position.openType,
    position_side: position.positionSide,
    unrealized_pnl: toWire(position.unrealizedPnl),
    liquidation_price: toWire(position.liquidationPrice),
    max_notional_value: toWire(context.maxNotionalValue),
    initial_margin: toWire(position.margin),
    position_mode: position.positionMode,
    position_type: position.positionType,
  };
}

/** `/contract/private/position-risk` row (bitmart-wire.md#positions); `position_amt` is negative for shorts. */
export function positionRiskWire(position: SimPosition, context: PositionContext) {
  const notional = context.contractSize.mul(position.amount).mul(position.markPrice);
  return {
    symbol: position.symbol,
    position_amt: String(position.positionType === 2 && position.amount > 0 ? -position.amount : position.amount),
    mark_price: toWire(position.markPrice),
    unrealized_profit: toWire(position.unrealizedPnl),
    liquidation_price: toWire(position.liquidationPrice),
    leverage: toWire(position.leverage),
    max_notional_value: toWire(context.maxNotionalValue),
    margin_type: marginType(position),
    isolated_margin: position.openType === 'isolated' ? toWire(position.margin) : '0',
    position_side: position.positionType === 1 ? 'Long' : 'Short',
    notional: toWire(notional),
    update_time: position.updateTime,
    account: 'futures',
  };
}
