import type { OrderSide } from '../../exchange/port/types.ts';
import { Dec, ZERO } from '../../platform/decimal/index.ts';
import type { ClosePart } from './records.ts';
import type { Direction } from './triggers.ts';

/**
 * A close attempt sends at most this many orders at once (BitMart's submit-order budget is 24 per
 * 2 s, decision 0011); a larger remainder is the next attempt's.
 */
export const MAX_CLOSE_PARTS = 12;

/** The reduce-only side that closes a position of `side`. */
export function closingSideOf(side: Direction): OrderSide {
  return side === 'long' ? 'close_long' : 'close_short';
}

/**
 * The order sizes of one close attempt: `size` in parts of at most the market maximum (BitMart
 * refuses a larger market order, 40044), whole contracts as the position is. Without a known
 * maximum, one order.
 */
export function splitClose(size: Dec, maxMarketSize: Dec | undefined): Dec[] {
  if (!maxMarketSize?.gt(0) || size.lte(maxMarketSize)) return [size];
  const parts: Dec[] = [];
  let left = size;
  while (left.gt(0) && parts.length < MAX_CLOSE_PARTS) {
    const part = Dec.min(left, maxMarketSize);
    parts.push(part);
    left = left.sub(part);
  }
  return parts;
}

/** What a settled attempt achieved: contracts filled and their value, and the refusals. */
export function attemptResult(parts: readonly ClosePart[]): { filled: Dec; value: Dec; refusals: string[] } {
  let filled = ZERO;
  let value = ZERO;
  const refusals: string[] = [];
  for (const { outcome } of parts) {
    if (!outcome) continue;
    if ('refused' in outcome) {
      refusals.push(outcome.refused);
      continue;
    }
    filled = filled.add(outcome.filled);
    value = value.add(outcome.filled.mul(outcome.price ?? ZERO));
  }
  return { filled, value, refusals };
}
