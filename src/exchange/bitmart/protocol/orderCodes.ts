import type { OrderSide, PriceSource, TimeInForce } from '../../port/types.ts';
import type { BitmartOrderMode, BitmartSide } from './wire/enums.ts';

/**
 * The port's order fields ↔ BitMart's numeric codes (their meaning is written in `wire/enums.ts`),
 * in one place so the REST and WebSocket mappers, the simulator and the worker's order signals
 * (which carry the code as text) agree.
 */
const SIDE_TO_WIRE: Readonly<Record<OrderSide, BitmartSide>> = {
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

export function sideToWire(side: OrderSide): BitmartSide {
  return SIDE_TO_WIRE[side];
}

export function sideFromWire(side: number): OrderSide {
  const mapped = WIRE_TO_SIDE[side];
  if (!mapped) throw new RangeError(`unknown BitMart side ${side}`);
  return mapped;
}

const TIME_IN_FORCE_TO_WIRE: Readonly<Record<TimeInForce, BitmartOrderMode>> = {
  gtc: 1,
  fok: 2,
  ioc: 3,
  post_only: 4,
};

export function timeInForceToWire(timeInForce: TimeInForce): BitmartOrderMode {
  return TIME_IN_FORCE_TO_WIRE[timeInForce];
}

export function timeInForceFromWire(mode: number): TimeInForce {
  return (['gtc', 'gtc', 'fok', 'ioc', 'post_only'] as const)[mode] ?? 'gtc';
}

export function priceSourceToWire(source: PriceSource): 1 | 2 {
  return source === 'mark' ? 2 : 1;
}

export function priceSourceFromWire(priceType: number | string): PriceSource {
  return priceType === 2 || priceType === 'fair_price' ? 'mark' : 'last';
}
