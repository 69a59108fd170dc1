import { Dec } from '../../../platform/decimal/index.ts';
import { percent } from './entryPrice.ts';
import { roundTripFeePerUnit } from './fees.ts';
import type { Grid } from './grid.ts';
import type { PivotLevels } from './pivots.ts';
import { type Skipped, skip } from './skip.ts';
import type { PlanInput, Side } from './TradePlan.ts';

export interface StopAndSize {
  readonly stop: Dec;
  /** Contracts, on the size step, at least the contract's minimum. */
  readonly size: Dec;
  readonly source: 'atr' | 'pivot' | 'risk';
}

/**
 * Stop and size together, since each depends on the other (reference: pivox/tradingV3
 * `StopLossCalculator`, `PositionSizer`):
 * 1. a first stop from the profile's source (k × ATR, a pivot level minus its buffer, or none);
 * 2. widened to the minimum distance (0.5 %), the profile's minimum in ATRs and beyond the entry
 *    zone's far edge (the worker may fill anywhere in it); refused beyond its maximum in ATRs;
 * 3. size = risk / ((distance + round-trip fees) × contract size), down to the step; below the
 *    minimum: refused. The original left fees out: with a 0.15 % stop, 0.12 % of taker fees made
 *    every stopped trade lose nearly twice its budget;
 * 4. for ATR and risk stops, the stop then moves out to where that size loses exactly the risk
 *    budget, fees included (the original's "conservative" pick of the further of the two).
 */
export function stopAndSize(
  input: PlanInput,
  entry: Dec,
  zone: { readonly low: Dec; readonly high: Dec },
  riskUsdt: Dec,
  grid: Grid,
): StopAndSize | Skipped {
  const { side, profile, contract } = input;
  const rules = profile.stop;
  const atr = input.market.atr[rules.atrTimeframe];
  const away = (distance: Dec) => grid.towardLoss(side, side === 'long' ? entry.sub(distance) : entry.add(distance));
  const distanceOf = (stop: Dec) => entry.sub(stop).abs();

  let stop: Dec | undefined;
  if (rules.from === 'atr') {
    if (!atr || atr.lte(0)) return skip('atr_not_ready', `ATR ${rules.atrTimeframe} is not warm yet`);
    stop = away(atr.mul(rules.atrK));
  } else if (rules.from === 'pivot') {
    const level = pivotLevel(input.market.pivots, side, entry, rules.pivotPolicy);
    if (!level)
      return skip(
        'no_pivot_for_stop',
        `no ${side === 'long' ? 'support below' : 'resistance above'} the entry in the daily pivots`,
      );
    const buffered = side === 'long' ? level.mul(1 - rules.pivotBuffer) : level.mul(1 + rules.pivotBuffer);
    stop = grid.towardLoss(side, buffered);
    // The file's own words: a pivot stop keeps at least this share of the ATR stop's distance.
    if (atr && distanceOf(stop).lt(atr.mul(rules.atrK).mul(rules.pivotMinKeepRatio))) {
      stop = away(atr.mul(rules.atrK).mul(rules.pivotMinKeepRatio));
    }
  }
  // The entry may fill anywhere in its zone: the stop stays beyond the zone's far edge.
  const clearOfZone = (side === 'long' ? entry.sub(zone.low) : zone.high.sub(entry)).add(grid.tick);
  let distance = Dec.max(
    stop ? distanceOf(stop) : grid.tick.mul(10),
    entry.mul(rules.minDistance),
    clearOfZone,
    grid.tick,
  );
  if (atr && rules.minAtrMultiple !== undefined) distance = Dec.max(distance, atr.mul(rules.minAtrMultiple));
  stop = away(distance);
  distance = distanceOf(stop);
  if (atr && rules.maxAtrMultiple !== undefined && distance.gt(atr.mul(rules.maxAtrMultiple))) {
    return skip(
      'stop_too_wide',
      `stop ${distance.toFixed()} away is more than ${rules.maxAtrMultiple} ATR (${atr.toFixed()})`,
    );
  }
  const size = sizeFor(riskUsdt, distance, entry, input, grid);
  if (!size) {
    return skip(
      'budget_too_small',
      `risking ${riskUsdt.toFixed()} USDT with a stop ${percent(distance.div(entry))} away buys less than ${contract.minSize.toFixed()} contract(s)`,
    );
  }
  if (rules.from === 'pivot') return { stop, size, source: 'pivot' };
  const riskStop = away(
    riskUsdt.div(contract.contractSize.mul(size)).sub(roundTripFeePerUnit(entry, input.account.takerFeeRate)),
  );
  const further = distanceOf(riskStop).gt(distance) ? riskStop : stop;
  const withinBounds =
    !atr || rules.maxAtrMultiple === undefined || distanceOf(further).lte(atr.mul(rules.maxAtrMultiple));
  return { stop: withinBounds ? further : stop, size, source: rules.from };
}

function sizeFor(riskUsdt: Dec, distance: Dec, entry: Dec, input: PlanInput, grid: Grid): Dec | undefined {
  const { contract } = input;
  const lossPerUnit = distance.add(roundTripFeePerUnit(entry, input.account.takerFeeRate));
  const size = grid.size(riskUsdt.div(lossPerUnit.mul(contract.contractSize)));
  if (size.lt(contract.minSize) || size.lte(0)) return undefined;
  const max = input.profile.entry.orderType === 'market' ? contract.maxMarketSize : contract.maxSize;
  return Dec.min(size, grid.size(max));
}

/**
 * The pivot the stop hangs from: supports (`s1`..`s6`) below a long's entry, resistances above a
 * short's. `nearest_*` takes the closest, `strongest_*` prefers s2 (r2), then s1, s3...; `s2`
 * (or `r2`) names the level.
 */
export function pivotLevel(pivots: PivotLevels | undefined, side: Side, entry: Dec, policy: string): Dec | undefined {
  if (!pivots) return undefined;
  const prefix = side === 'long' ? 's' : 'r';
  const candidates = Object.entries(pivots).filter(
    ([key, level]) => key.startsWith(prefix) && (side === 'long' ? level.lt(entry) : level.gt(entry)),
  );
  if (candidates.length === 0) return undefined;
  const named = candidates.find(([key]) => key === policy.replace(/^[sr]/, prefix));
  if (named) return named[1];
  if (policy.startsWith('strongest')) {
    for (const key of [2, 1, 3, 4, 5, 6].map((n) => `${prefix}${n}`)) {
      const found = candidates.find(([candidate]) => candidate === key);
      if (found) return found[1];
    }
  }
  const levels = candidates.map(([, level]) => level);
  return side === 'long' ? Dec.max(...levels) : Dec.min(...levels);
}
