import { Dec } from '../../../platform/decimal/index.ts';
import type {
  MarginMode,
  Order,
  OrderSide,
  OrderStatus,
  PositionMode,
  PriceSource,
  Timeframe,
  TimeInForce,
} from '../../port/types.ts';

/**
 * BitMart's numeric and string enums ↔ the port's vocabulary (bitmart-api.md §5), in one place so
 * REST and WebSocket mappers agree.
 */
const SIDE_TO_WIRE: Readonly<Record<OrderSide, 1 | 2 | 3 | 4>> = {
  open_long: 1,
  close_short: 2,
  close_long: 3,
  open_short: 4,
};
const WIRE_TO_SIDE: Readonly<Record<number, OrderSide>> = {
  1: 'open_long',
  2: 'close_short',
  3: 'close_long',
  4: 'open_short',
};

export function sideToWire(side: OrderSide): 1 | 2 | 3 | 4 {
  return SIDE_TO_WIRE[side];
}

export function sideFromWire(side: number): OrderSide {
  const mapped = WIRE_TO_SIDE[side];
  if (!mapped) throw new RangeError(`unknown BitMart side ${side}`);
  return mapped;
}

const TIME_IN_FORCE_TO_WIRE: Readonly<Record<TimeInForce, 1 | 2 | 3 | 4>> = { gtc: 1, fok: 2, ioc: 3, post_only: 4 };

export function timeInForceToWire(timeInForce: TimeInForce): 1 | 2 | 3 | 4 {
  return TIME_IN_FORCE_TO_WIRE[timeInForce];
}

export function timeInForceFromWire(mode: number): TimeInForce {
  return (['gtc', 'gtc', 'fok', 'ioc', 'post_only'] as const)[mode] ?? 'gtc';
}

/**
 * BitMart's order `type`, both vocabularies (REST rows: `liquidate`, `planorder`, `trailing`; WS
 * pushes: `plan_order`, `trailing_order`, `take_profit`, `stop_loss`; §5) → the port's type and
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

export function priceSourceToWire(source: PriceSource): 1 | 2 {
  return source === 'mark' ? 2 : 1;
}

export function priceSourceFromWire(priceType: number | string): PriceSource {
  return priceType === 2 || priceType === 'fair_price' ? 'mark' : 'last';
}

/** REST `step` in minutes (bitmart-api.md §3.1). */
export const TIMEFRAME_TO_STEP: Readonly<Record<Timeframe, number>> = {
  '1m': 1,
  '3m': 3,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '4h': 240,
  '6h': 360,
  '12h': 720,
  '1d': 1440,
  '3d': 4320,
  '1w': 10080,
};

/** WS `klineBin<interval>` names, upper-case hours/days/weeks as BitMart documents them (§4.6). */
export const TIMEFRAME_TO_WS_INTERVAL: Readonly<Partial<Record<Timeframe, string>>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '2h': '2H',
  '4h': '4H',
  '6h': '6H',
  '12h': '12H',
  '1d': '1D',
  '1w': '1W',
};

const WS_INTERVAL_TO_TIMEFRAME: ReadonlyMap<string, Timeframe> = new Map(
  Object.entries(TIMEFRAME_TO_WS_INTERVAL).flatMap(([timeframe, interval]) => [
    [interval, timeframe as Timeframe],
    // bitmart-api's docs spell hours and days in lower case; the simulator accepts both (§4.6).
    [interval.toLowerCase(), timeframe as Timeframe],
  ]),
);

/** `klineBin1H` → "1h"; undefined for an interval the port has no timeframe for. */
export function timeframeFromWsInterval(interval: string): Timeframe | undefined {
  return WS_INTERVAL_TO_TIMEFRAME.get(interval);
}
