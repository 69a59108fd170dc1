import { Dec } from '../../../platform/decimal/index.ts';
import type { Balance, Position } from '../../port/types.ts';
import type { BitmartAsset, BitmartPositionV2 } from '../protocol/wire/index.ts';
import { marginModeFromWire } from './enums.ts';

/** Account REST payloads (docs/reference/bitmart-wire.md#account-endpoints) → port types. */

export function balanceFromWire(asset: BitmartAsset): Balance {
  return {
    currency: asset.currency,
    available: new Dec(asset.available_balance),
    frozen: new Dec(asset.frozen_balance),
    positionMargin: new Dec(asset.position_deposit),
    unrealizedPnl: new Dec(asset.unrealized),
    equity: new Dec(asset.equity),
  };
}

/** BitMart sends "0" for a price it has none of (no liquidation price on a cross position at low leverage). */
function priceOrUndefined(value: string): Dec | undefined {
  const price = new Dec(value);
  return price.isZero() ? undefined : price;
}

/**
 * A position-v2 row, or undefined when flat. The size is `current_amount` (contracts held, never
 * negative): the docs' own flat rows carry `position_amount` "5" beside `current_amount` "0",
 * so `position_amount` is only read for its sign, which gives the side in one-way mode
 * (`position_side` "both": + long, − short).
 */
export function positionFromWire(row: BitmartPositionV2): Position | undefined {
  const size = new Dec(row.current_amount);
  if (size.lte(0)) return undefined;
  const oneWay = row.position_side === 'both';
  const side =
    row.position_side === 'both' ? (new Dec(row.position_amount).isNegative() ? 'short' : 'long') : row.position_side;
  return {
    symbol: row.symbol,
    side,
    mode: oneWay ? 'one_way' : 'hedge',
    size,
    entryPrice: new Dec(row.entry_price),
    markPrice: priceOrUndefined(row.mark_price),
    leverage: new Dec(row.leverage),
    marginMode: marginModeFromWire(row.open_type),
    margin: new Dec(row.position_cross),
    unrealizedPnl: new Dec(row.unrealized_pnl),
    realizedPnl: new Dec(row.realized_value),
    liquidationPrice: priceOrUndefined(row.liquidation_price),
    updatedAt: row.timestamp || undefined,
  };
}
