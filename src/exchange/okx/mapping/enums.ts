import type {
  MarginMode,
  OrderSide,
  OrderStatus,
  OrderTrigger,
  OrderType,
  PositionMode,
  PriceSource,
  TimeInForce,
} from '../../port/types.ts';
import type { OkxOrdType, OkxPosMode, OkxPosSide, OkxSide, OkxTriggerPxType } from '../protocol/fields.ts';

/**
 * OKX's order vocabulary ⇄ the port's (https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order).
 * A port side is OKX's `side` plus, in long/short mode, `posSide`, or in net mode `reduceOnly` for
 * the closing sides (https://www.okx.com/docs-v5/en/#trading-account-rest-api-set-position-mode).
 */
export interface OkxSideFields {
  readonly side: OkxSide;
  readonly posSide: OkxPosSide;
  readonly reduceOnly: boolean;
}

export function sideToWire(side: OrderSide, mode: PositionMode): OkxSideFields {
  const buy = side === 'open_long' || side === 'close_short';
  const closing = side === 'close_long' || side === 'close_short';
  const long = side === 'open_long' || side === 'close_long';
  if (mode === 'hedge') return { side: buy ? 'buy' : 'sell', posSide: long ? 'long' : 'short', reduceOnly: false };
  return { side: buy ? 'buy' : 'sell', posSide: 'net', reduceOnly: closing };
}

/**
 * The port side of an order or fill. In net mode a sell is a close only when OKX says it reduces
 * (`reduceOnly`, or a fill that realised PnL); otherwise it opens (or adds to) a short.
 */
export function sideFromWire(side: string, posSide: string, reduces: boolean): OrderSide {
  const buy = side === 'buy';
  if (posSide === 'long') return buy ? 'open_long' : 'close_long';
  if (posSide === 'short') return buy ? 'close_short' : 'open_short';
  if (reduces) return buy ? 'close_short' : 'close_long';
  return buy ? 'open_long' : 'open_short';
}

/** The port's type and time in force → OKX's one `ordType`. */
export function ordTypeToWire(type: OrderType, timeInForce: TimeInForce | undefined): OkxOrdType {
  if (type === 'market') return 'market';
  switch (timeInForce ?? 'gtc') {
    case 'gtc':
      return 'limit';
    case 'post_only':
      return 'post_only';
    case 'fok':
      return 'fok';
    case 'ioc':
      return 'ioc';
  }
}

export function orderTypeFromWire(ordType: string, category: unknown): OrderType | 'liquidation' | 'other' {
  if (category === 'full_liquidation' || category === 'partial_liquidation' || category === 'adl') return 'liquidation';
  if (ordType === 'market' || ordType === 'optimal_limit_ioc') return 'market';
  if (ordType === 'limit' || ordType === 'post_only' || ordType === 'fok' || ordType === 'ioc') return 'limit';
  return 'other';
}

export function orderStatusFromWire(state: string): OrderStatus {
  switch (state) {
    case 'live':
      return 'open';
    case 'partially_filled':
      return 'partially_filled';
    case 'filled':
      return 'filled';
    default:
      // canceled, mmp_canceled
      return 'canceled';
  }
}

/** `source` 6: a trigger (plan) order fired; 25: a trailing stop; 7: a TP/SL, which leg it does not say. */
export function orderTriggerFromWire(source: string): OrderTrigger | undefined {
  if (source === '6') return 'plan';
  if (source === '7') return 'take_profit_or_stop_loss';
  if (source === '25') return 'trailing';
  return undefined;
}

export function positionModeFromWire(posMode: OkxPosMode): PositionMode {
  return posMode === 'long_short_mode' ? 'hedge' : 'one_way';
}

export function positionModeToWire(mode: PositionMode): OkxPosMode {
  return mode === 'hedge' ? 'long_short_mode' : 'net_mode';
}

export function marginModeFromWire(mgnMode: string): MarginMode {
  return mgnMode === 'isolated' ? 'isolated' : 'cross';
}

export function priceSourceToWire(source: PriceSource): OkxTriggerPxType {
  return source;
}

export function priceSourceFromWire(value: string): PriceSource {
  return value === 'mark' ? 'mark' : 'last';
}
