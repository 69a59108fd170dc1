import { Decimal } from 'decimal.js';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';

/**
 * The trigger arithmetic of the original (docs/reference/original-system.md#entry-zone-worker), pure. Percentages are
 * the YAML's (`0.1` = 0.1 %), turned into ratios once by the caller.
 */
const ONE = new Dec(1);

export type Direction = 'long' | 'short';
/**
 * Why the worker closes: the stop (`trailing` once it moved after TP1), a target, the time stop, or
 * a person's request through the control API (`manual`: the dashboard's close and flatten). The
 * callbacks carry it (`CLOSE_REASONS` of the callback contract).
 */
export type CloseReason = 'stop_loss' | 'take_profit' | 'trailing' | 'time_stop' | 'manual';

/** The price at which the entry zone is entered: `[min·(1−tol), max·(1+tol)]`. */
export function inEntryZone(price: Dec, zone: { min: Dec; max: Dec }, tolerance: Dec): boolean {
  return price.gte(zone.min.mul(ONE.sub(tolerance))) && price.lte(zone.max.mul(ONE.add(tolerance)));
}

/**
 * The limit price of a maker entry: the touch on our side of the book (best bid for a long, best
 * ask for a short; the last price when the venue gave no book), clamped into the zone and rounded
 * to the tick away from the other side so a post-only order is not made marketable by rounding.
 * With `atTouch` false (the original's `immediate_if_in_zone: false`) the order rests at the zone's
 * favourable edge instead: min for a long, max for a short.
 */
export function entryLimitPrice(
  side: Direction,
  touch: Dec,
  zone: { min: Dec; max: Dec },
  tickSize: Dec,
  atTouch: boolean,
): Dec {
  if (!atTouch) return side === 'long' ? zone.min : zone.max;
  // Never past the touch: a long bid raised to the zone's floor (the price entered it by the
  // tolerance only) crosses the book, and the venue cancels a maker-only order that would take.
  const clamped = side === 'long' ? Dec.min(touch, zone.max) : Dec.max(touch, zone.min);
  return roundToStep(clamped, tickSize, side === 'long' ? Decimal.ROUND_DOWN : Decimal.ROUND_UP);
}

/**
 * Which protection the price has reached, SL first (original-system.md#entry-zone-worker, `slip` a ratio):
 * long: SL when `price ≤ SL·(1+slip)`, TP when `price ≥ TP·(1−slip)`;
 * short: SL when `price ≥ SL·(1−slip)`, TP when `price ≤ TP·(1+slip)`.
 */
export function protectionReached(
  side: Direction,
  price: Dec,
  levels: { stopLoss: Dec | undefined; takeProfit: Dec | undefined },
  slippage: { stopLoss: Dec; takeProfit: Dec },
): 'stop_loss' | 'take_profit' | undefined {
  const { stopLoss, takeProfit } = levels;
  if (side === 'long') {
    if (stopLoss && price.lte(stopLoss.mul(ONE.add(slippage.stopLoss)))) return 'stop_loss';
    if (takeProfit && price.gte(takeProfit.mul(ONE.sub(slippage.takeProfit)))) return 'take_profit';
    return undefined;
  }
  if (stopLoss && price.gte(stopLoss.mul(ONE.sub(slippage.stopLoss)))) return 'stop_loss';
  if (takeProfit && price.lte(takeProfit.mul(ONE.add(slippage.takeProfit)))) return 'take_profit';
  return undefined;
}
