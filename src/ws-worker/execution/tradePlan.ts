import { Decimal } from 'decimal.js';
import { Dec, roundToStep, ZERO } from '../../platform/decimal/index.ts';
import type { Direction } from './triggers.ts';

/**
 * The trade-management arithmetic of a request (issue 11), pure: how the filled size splits over
 * the targets, and where the stop goes once TP1 has filled. Prices round to the tick and sizes
 * to the size step here and nowhere else in the management code (`roundToStep`).
 */

/** A take-profit target. The last one takes whatever is left: its `fraction` is 1. */
export interface Target {
  readonly price: Dec;
  readonly fraction: Dec;
}

/** How the stop follows the trade after TP1 (`TrailingSchema` of the place-order contract). */
export type Trailing =
  | { readonly mode: 'break_even' }
  | { readonly mode: 'atr_chandelier'; readonly atr: Dec; readonly atrK: Dec };

/** Maker first, then a bounded taker entry near the end of the zone's life (`FallbackEndOfZoneSchema`). */
export interface FallbackRule {
  readonly secondsBeforeEnd: number;
  readonly maxSpreadBps: Dec;
  readonly maxSlippageBps: Dec;
  readonly onlyWithinZone: boolean;
}

const BPS = new Dec(10_000);

/** What a target split needs of the contract (a `Contract` is one). */
export interface SizeRules {
  readonly sizeStep: Dec;
  readonly minSize: Dec;
}

/**
 * The size rules when the contract could not be read: BitMart sizes are whole contracts, so TP1's
 * part is still computed (a target split never waits for a lookup that may not come).
 */
export const WHOLE_CONTRACTS: SizeRules = { sizeStep: new Dec(1), minSize: new Dec(1) };

/**
 * The contracts each target closes out of `filled`: TP1 its fraction rounded down to the size
 * step, the last target the rest. A split that leaves either below the contract's minimum puts
 * everything on TP1 (the original's rule, docs/reference/original-system.md#take-profit, with the venue's minimum): the
 * sizes are then `[filled, 0]`. One target: `[filled]`.
 */
export function targetSizes(filled: Dec, targets: readonly Target[], contract: SizeRules): Dec[] {
  const first = targets[0];
  if (targets.length < 2 || !first) return [filled];
  const tp1 = roundToStep(filled.mul(first.fraction), contract.sizeStep, Decimal.ROUND_DOWN);
  const rest = filled.sub(tp1);
  if (tp1.lt(contract.minSize) || rest.lt(contract.minSize)) return [filled, ZERO];
  return [tp1, rest];
}

/**
 * TP1 is a *partial* target when, at this filled size, it closes part of the position and leaves
 * the rest to TP2; otherwise (one target, or a split below the minimum) TP1 closes everything.
 */
export function partialFirstTarget(sizes: readonly Dec[]): Dec | undefined {
  const [tp1, rest] = sizes;
  return tp1 && rest?.gt(0) ? tp1 : undefined;
}

/**
 * Break-even: the entry price on the tick, rounded toward the trade's profit (up for a long, down
 * for a short), so the rest of the position can no longer lose on the stop.
 */
export function breakEvenStop(side: Direction, entryPrice: Dec, tick: Dec): Dec {
  return roundToStep(entryPrice, tick, side === 'long' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
}

/**
 * The chandelier exit: `atrK × atr` behind the best price since TP1 (the highest for a long, the
 * lowest for a short), rounded away from the market so the stop is never tighter than the rule.
 */
export function chandelierStop(
  side: Direction,
  extreme: Dec,
  trailing: { readonly atr: Dec; readonly atrK: Dec },
  tick: Dec,
): Dec {
  const distance = trailing.atr.mul(trailing.atrK);
  return side === 'long'
    ? roundToStep(extreme.sub(distance), tick, Decimal.ROUND_DOWN)
    : roundToStep(extreme.add(distance), tick, Decimal.ROUND_UP);
}

/** True when `candidate` is a stop more in the trade's favour than `current` (higher for a long). */
export function betterStop(side: Direction, candidate: Dec, current: Dec | undefined): boolean {
  if (!current) return true;
  return side === 'long' ? candidate.gt(current) : candidate.lt(current);
}

/** The better of the best price so far and `price`: the highest for a long, the lowest for a short. */
export function extremeOf(side: Direction, extreme: Dec | undefined, price: Dec): Dec {
  if (!extreme) return price;
  return side === 'long' ? Dec.max(extreme, price) : Dec.min(extreme, price);
}

/**
 * True when a stop at `level` would be hit at once at `price` (at or past it): such a stop is not
 * sent to the exchange, the worker closes on it instead.
 */
export function stopAlreadyReached(side: Direction, level: Dec, price: Dec): boolean {
  return side === 'long' ? price.lte(level) : price.gte(level);
}

/**
 * The price of a fallback taker entry: the opposite touch (the ask for a long, the bid for a
 * short) moved by at most `maxSlippageBps`, rounded inside that bound; or why the fallback may not
 * go now. `only_within_zone` reads the last price against the zone itself (no tolerance band).
 */
export function fallbackTakerPrice(
  side: Direction,
  quote: { readonly last: Dec; readonly bid: Dec | undefined; readonly ask: Dec | undefined },
  zone: { readonly min: Dec; readonly max: Dec },
  rule: FallbackRule,
  tick: Dec,
): { ok: true; price: Dec; spreadBps: Dec } | { ok: false; reason: string } {
  const { last, bid, ask } = quote;
  if (rule.onlyWithinZone && (last.lt(zone.min) || last.gt(zone.max))) {
    return { ok: false, reason: `price ${last.toFixed()} is outside the zone` };
  }
  if (!bid || !ask || bid.lte(0) || ask.lt(bid)) return { ok: false, reason: 'no book top to measure the spread' };
  const spreadBps = ask.sub(bid).div(ask.add(bid).div(2)).mul(BPS);
  if (spreadBps.gt(rule.maxSpreadBps)) {
    return { ok: false, reason: `spread ${spreadBps.toFixed(2)} bps is above ${rule.maxSpreadBps.toFixed()} bps` };
  }
  const slippage = rule.maxSlippageBps.div(BPS);
  const price =
    side === 'long'
      ? roundToStep(ask.mul(slippage.add(1)), tick, Decimal.ROUND_DOWN)
      : roundToStep(bid.mul(new Dec(1).sub(slippage)), tick, Decimal.ROUND_UP);
  return { ok: true, price, spreadBps };
}
