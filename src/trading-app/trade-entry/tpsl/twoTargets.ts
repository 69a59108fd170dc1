import type { Contract } from '../../../exchange/port/types.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import type { StopRules, TakeProfitRules } from '../config/TradeEntryProfile.ts';
import { Grid } from '../planner/grid.ts';
import type { PivotLevels } from '../planner/pivots.ts';
import { isSkipped } from '../planner/skip.ts';
import { pivotLevel } from '../planner/stopAndSize.ts';
import type { Side } from '../planner/TradePlan.ts';
import { takeProfits } from '../planner/takeProfits.ts';

/** An open position and the market around it: everything the recalculation reads. */
export interface TwoTargetsInput {
  readonly side: Side;
  readonly entry: Dec;
  /** Contracts held. */
  readonly size: Dec;
  readonly contract: Pick<Contract, 'tickSize' | 'sizeStep' | 'minSize' | 'contractSize'>;
  /** The mark, else the ask, the bid, the entry (the original's order). */
  readonly current: Dec;
  /** Classic pivots of the previous UTC day. */
  readonly pivots: PivotLevels | undefined;
  /** ATR of the stop's timeframe: a pivot stop keeps at least its share of the ATR stop's distance. */
  readonly atr: Dec | undefined;
  /** What a stop-out may lose: the stop without a pivot sits where the position loses that. */
  readonly riskUsdt: Dec;
  /** TP1 at this R multiple of the stop distance, moved onto a pivot within the profile's bounds. */
  readonly rMultiple: number;
  /** TP1's fraction of the position, in (0, 1]. */
  readonly split: number;
  readonly stopRules: StopRules;
  readonly targetRules: TakeProfitRules;
}

export type TwoTargets =
  | {
      readonly status: 'computed';
      readonly stop: Dec;
      readonly stopSource: 'pivot' | 'risk';
      readonly tp1: Dec;
      readonly tp2: Dec;
      /** Contracts for TP1 and TP2; `[size, 0]` when a split would leave either below the minimum. */
      readonly sizes: readonly [Dec, Dec];
    }
  | { readonly status: 'refused'; readonly reason: 'stop_not_computable'; readonly detail: string };

const PIVOT_KEYS = { long: ['r1', 'r2', 'r3', 'r4', 'r5'], short: ['s1', 's2', 's3', 's4', 's5'] } as const;

/**
 * SL, TP1 and TP2 of an open position (the original's two-target recalculation,
 * `TpSlTwoTargetsService`), pure and in `Dec`: the stop on the pivot the profile names (its buffer,
 * and at least the keep ratio of the ATR stop: the ratio the original compared with itself), else
 * where the position loses the risk budget; TP1 at the R multiple aligned on the pivots, moved to
 * the next resistance (support) or 10 ticks when the price is already past it; TP2 at the next
 * pivot at least `max(50 ticks, 0.5 % of the entry, 0.2 R)` beyond TP1, else 2R, else 2.5R.
 */
export function twoTargets(input: TwoTargetsInput): TwoTargets {
  const { side, entry, contract } = input;
  const grid = new Grid(contract.tickSize, contract.sizeStep);
  const long = side === 'long';
  const stopped = stopOf(input, grid);
  if (stopped.stop.lte(0) || (long ? stopped.stop.gte(entry) : stopped.stop.lte(entry))) {
    return {
      status: 'refused',
      reason: 'stop_not_computable',
      detail: `a ${side} stop at ${stopped.stop.toFixed()} for an entry at ${entry.toFixed()}`,
    };
  }
  const risk = entry.sub(stopped.stop).abs();
  const tp1 = firstTarget(input, stopped.stop, grid);
  const tp2 = secondTarget(input, tp1, risk, grid);
  return { status: 'computed', ...stopped, tp1, tp2, sizes: splitSizes(input, grid) };
}

function stopOf(input: TwoTargetsInput, grid: Grid): { stop: Dec; stopSource: 'pivot' | 'risk' } {
  const { side, entry, stopRules: rules } = input;
  const away = (distance: Dec) => grid.towardLoss(side, side === 'long' ? entry.sub(distance) : entry.add(distance));
  const level = pivotLevel(input.pivots, side, entry, rules.pivotPolicy);
  if (level) {
    const buffered = side === 'long' ? level.mul(1 - rules.pivotBuffer) : level.mul(1 + rules.pivotBuffer);
    let stop = grid.towardLoss(side, buffered);
    const keep = input.atr?.mul(rules.atrK).mul(rules.pivotMinKeepRatio);
    if (keep && entry.sub(stop).abs().lt(keep)) stop = away(keep);
    return { stop, stopSource: 'pivot' };
  }
  const distance = input.riskUsdt.div(input.size.mul(input.contract.contractSize));
  return { stop: away(Dec.max(distance, grid.tick)), stopSource: 'risk' };
}

/** TP1 beyond the current price: the aligned R target, else the first pivot past the price, else 10 ticks. */
function firstTarget(input: TwoTargetsInput, stop: Dec, grid: Grid): Dec {
  const { side, entry, current, pivots } = input;
  const long = side === 'long';
  const rules = {
    targets: [{ rMultiple: input.rMultiple, fraction: 1 }],
    pivotAlignment: input.targetRules.pivotAlignment,
  };
  const planned = takeProfits(side, entry, stop, input.size, rules, { grid, minSize: input.contract.minSize, pivots });
  const aligned = isSkipped(planned) ? undefined : planned[0]?.price;
  if (aligned && beyond(side, aligned, current)) return aligned;
  for (const key of PIVOT_KEYS[side]) {
    const level = pivots?.[key];
    if (!level || level.lte(0) || !beyond(side, level, current)) continue;
    const rounded = long ? grid.up(level) : grid.down(level);
    if (beyond(side, rounded, current)) return rounded;
    return long ? grid.up(current.add(grid.tick)) : grid.down(current.sub(grid.tick));
  }
  const ticks = grid.tick.mul(10);
  return long ? grid.up(current.add(ticks)) : grid.down(current.sub(ticks));
}

/** TP2: the next pivot after the one TP1 sits on, far enough beyond TP1; else 2R, else 2.5R. */
function secondTarget(input: TwoTargetsInput, tp1: Dec, risk: Dec, grid: Grid): Dec {
  const { side, entry, current, pivots } = input;
  const long = side === 'long';
  const keys = PIVOT_KEYS[side];
  const round = (price: Dec) => (long ? grid.up(price) : grid.down(price));
  const minDiff = Dec.max(grid.tick.mul(50), entry.mul('0.005'), risk.mul('0.2'));
  const farEnough = (price: Dec) => (long ? price.gt(tp1.add(minDiff)) : price.lt(tp1.sub(minDiff)));
  const matched = keys.findIndex((key) => pivots?.[key]?.sub(tp1).abs().lte(grid.tick.mul(2)));
  const align = input.targetRules.pivotAlignment;
  for (const key of keys.slice(matched >= 0 ? matched + 1 : 1)) {
    const level = pivots?.[key];
    if (!level || !beyond(side, level, long ? current.add(grid.tick) : current.sub(grid.tick))) continue;
    const buffer = align ? level.mul(align.buffer).add(grid.tick.mul(align.bufferTicks)) : new Dec(0);
    const buffered = long ? level.sub(buffer) : level.add(buffer);
    const clamped = long ? Dec.max(buffered, entry.add(grid.tick)) : Dec.min(buffered, entry.sub(grid.tick));
    const price = round(clamped);
    if (farEnough(price)) return price;
  }
  const atR = (r: number) => round(long ? entry.add(risk.mul(r)) : entry.sub(risk.mul(r)));
  const twoR = atR(2);
  if (farEnough(twoR)) return twoR;
  const floor = round(long ? tp1.add(minDiff) : tp1.sub(minDiff));
  const wider = atR(2.5);
  const pick = long ? Dec.max(floor, wider) : Dec.min(floor, wider);
  // One more tick when the rounded floor sits exactly on TP1 + minDiff.
  return farEnough(pick) ? pick : long ? pick.add(grid.tick) : pick.sub(grid.tick);
}

/** TP1 its fraction down to the size step, TP2 the rest; either below the minimum: all on TP1. */
function splitSizes(input: TwoTargetsInput, grid: Grid): readonly [Dec, Dec] {
  const { size, contract } = input;
  const first = grid.size(size.mul(input.split));
  const rest = size.sub(first);
  if (first.lt(contract.minSize) || rest.lt(contract.minSize)) return [size, new Dec(0)];
  return [first, rest];
}

/** True when `price` lies on the profit side of `reference` (above for a long). */
function beyond(side: Side, price: Dec, reference: Dec): boolean {
  return side === 'long' ? price.gt(reference) : price.lt(reference);
}
