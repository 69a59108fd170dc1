import { Dec } from '../../../platform/decimal/index.ts';
import type { MarginMode, Order, OrderStatus, PositionMode } from '../../port/types.ts';

/**
 * BitMart's order type, order state, position and margin modes → the port's vocabulary
 * (docs/reference/bitmart-wire.md#enums), in one place so REST and WebSocket mappers agree. The codes of the
 * order fields we send (side, time in force, price source) and the kline intervals are
 * `protocol/`'s, which the simulator shares.
 */

/**
 * BitMart's order `type`, both vocabularies (REST rows: `liquidate`, `planorder`, `trailing`; WS
 * pushes: `plan_order`, `trailing_order`, `take_profit`, `stop_loss`; bitmart-wire.md#enums) → the port's type and
 * the trigger that submitted it. The WS push of a triggered order names its trigger but not
 * whether it executes at market or at a limit: `other`.
 */
const ORDER_TYPE_FROM_WIRE: Readonly<Record<string, Pick<Order, 'type' | 'trigger'>>> = {
  limit: { type: 'limit' },
  market: { type: 'market' },
  liquidate: { type: 'liquidation' },
  bankruptcy: { type: 'liquidation' },
  adl: { type: 'liquidation' },
  planorder: { type: 'other', trigger: 'plan' },
  plan_order: { type: 'other', trigger: 'plan' },
  trailing: { type: 'other', trigger: 'trailing' },
  trailing_order: { type: 'other', trigger: 'trailing' },
  take_profit: { type: 'other', trigger: 'take_profit' },
  stop_loss: { type: 'other', trigger: 'stop_loss' },
};

export function orderTypeFromWire(type: string): Pick<Order, 'type' | 'trigger'> {
  return ORDER_TYPE_FROM_WIRE[type] ?? { type: 'other' };
}

/**
 * BitMart has no canceled state: state 4 is "finished", filled or canceled, told apart by
 * comparing the filled size with the size (as hummingbot does).
 */
export function orderStatusFromWire(state: number, size: string, dealSize: string): OrderStatus {
  if (state === 1) return 'pending';
  const filled = new Dec(dealSize || 0);
  if (state === 4) return filled.gte(new Dec(size || 0)) ? 'filled' : 'canceled';
  return filled.isZero() ? 'open' : 'partially_filled';
}

export function positionModeFromWire(mode: string): PositionMode {
  return mode === 'one_way_mode' ? 'one_way' : 'hedge';
}

export function positionModeToWire(mode: PositionMode): 'hedge_mode' | 'one_way_mode' {
  return mode === 'one_way' ? 'one_way_mode' : 'hedge_mode';
}

export function marginModeFromWire(openType: string | number): MarginMode {
  // REST says "cross"/"isolated"; the WS position push says 1 isolated, 2 cross.
  if (openType === 1 || String(openType).toLowerCase() === 'isolated') return 'isolated';
  return 'cross';
}
