import { Dec } from '../../../platform/decimal/index.ts';
import type { TakeProfitRules } from '../config/TradeEntryProfile.ts';
import type { Grid } from './grid.ts';
import type { PivotLevels } from './pivots.ts';
import { type Skipped, skip } from './skip.ts';
import type { PlannedTarget, Side } from './TradePlan.ts';

/**
 * Targets at R multiples of the stop distance (reference: pivox/tradingV3 `TakeProfitCalculator`),
 * each moved onto the next pivot level beyond it when that keeps the R multiple within
 * [minKeep × r, r + maxExtraR] (`pivot_conservative`). Sizes: each target its fraction of the
 * position down to the size step, the last one the rest; a split that leaves a target below the
 * minimum size puts everything on the first target (the original's rule).
 */
export function takeProfits(
  side: Side,
  entry: Dec,
  stop: Dec,
  size: Dec,
  rules: TakeProfitRules,
  context: { readonly grid: Grid; readonly minSize: Dec; readonly pivots: PivotLevels | undefined },
): PlannedTarget[] | Skipped {
  const { grid } = context;
  const risk = entry.sub(stop).abs();
  const prices = rules.targets.map((target) => targetPrice(side, entry, risk, target.rMultiple, rules, context));
  // Two targets aligned on the same pivot would meet: TP2 stays at least a tick beyond TP1.
  for (let index = 1; index < prices.length; index += 1) {
    const previous = prices[index - 1] as Dec;
    const price = prices[index] as Dec;
    const beyond = side === 'long' ? price.gt(previous) : price.lt(previous);
    if (!beyond) prices[index] = side === 'long' ? previous.add(grid.tick) : previous.sub(grid.tick);
  }
  for (const price of prices) {
    if (price.lte(0) || (side === 'long' ? price.lte(entry) : price.gte(entry))) {
      return skip('target_not_beyond_entry', `target ${price.toFixed()} is not beyond the entry ${entry.toFixed()}`);
    }
  }
  const sizes = splitSizes(size, rules, grid, context.minSize);
  return sizes.map((targetSize, index) => {
    const price = prices[index] as Dec;
    return { price, size: targetSize, rMultiple: price.sub(entry).abs().div(risk).toDecimalPlaces(4) };
  });
}

function targetPrice(
  side: Side,
  entry: Dec,
  risk: Dec,
  r: number,
  rules: TakeProfitRules,
  context: { readonly grid: Grid; readonly pivots: PivotLevels | undefined },
): Dec {
  const sign = side === 'long' ? 1 : -1;
  const theoretical = context.grid.towardLoss(side, entry.add(risk.mul(r * sign)));
  const align = rules.pivotAlignment;
  if (!align || !context.pivots) return theoretical;
  const levels = Object.values(context.pivots).sort((a, b) => a.comparedTo(b));
  const beyond =
    side === 'long'
      ? levels.find((level) => level.gte(theoretical))
      : levels.reverse().find((level) => level.lte(theoretical));
  if (!beyond) return theoretical;
  const buffered =
    side === 'long'
      ? beyond.mul(1 - align.buffer).sub(context.grid.tick.mul(align.bufferTicks))
      : beyond.mul(1 + align.buffer).add(context.grid.tick.mul(align.bufferTicks));
  const pick = side === 'long' ? Dec.max(theoretical, buffered) : Dec.min(theoretical, buffered);
  const reached = pick.sub(entry).abs().div(risk);
  if (reached.lt(r * align.minKeepRatio)) return theoretical;
  if (reached.gt(r + align.maxExtraR))
    return context.grid.towardLoss(side, entry.add(risk.mul((r + align.maxExtraR) * sign)));
  return context.grid.towardLoss(side, pick);
}

function splitSizes(size: Dec, rules: TakeProfitRules, grid: Grid, minSize: Dec): Dec[] {
  const [first, ...rest] = rules.targets;
  if (!first || rest.length === 0) return [size];
  const firstSize = grid.size(size.mul(first.fraction));
  const remainder = size.sub(firstSize);
  if (firstSize.lt(minSize) || remainder.lt(minSize)) return [size];
  return [firstSize, remainder];
}
