import { Dec } from '../../../platform/decimal/index.ts';
import type { Grid } from './grid.ts';
import { type Skipped, skip } from './skip.ts';
import type { PlanInput } from './TradePlan.ts';

export interface LeverageFit {
  readonly leverage: number;
  /** The size, shrunk when even the highest allowed leverage cannot fit the margin budget. */
  readonly size: Dec;
  readonly notional: Dec;
  readonly margin: Dec;
}

/**
 * Leverage from the risk and the stop (reference: pivox/tradingV3 `DynamicLeverageService`), then
 * fitted to the margin budget. Decision 0018 records what changed and why:
 * - the timeframe multiplier is the execution timeframe's (the original always took 1m's);
 * - the budget step may raise the leverage up to the caps (as the original), and beyond them the
 *   size shrinks instead (the original could not);
 * - a new cap keeps the liquidation price at least twice as far as the stop (leverage ≤ 1 / (2 ×
 *   stop distance)), so the stop always fires first;
 * - the original's "leverage < 5 → skip" is gone: it refused exactly the low-leverage, wide-stop
 *   trades that are safest.
 */
export function fitLeverage(
  input: PlanInput,
  entry: Dec,
  stopDistance: Dec,
  size: Dec,
  budget: Dec,
  grid: Grid,
): LeverageFit | Skipped {
  const { profile, contract, symbol } = input;
  const rules = profile.leverage;
  const stopFraction = stopDistance.div(entry);
  const symbolCap = rules.perSymbolCaps.find((rule) => rule.pattern.test(symbol))?.cap;
  const caps = [
    contract.maxLeverage,
    new Dec(rules.exchangeCap),
    new Dec(rules.kDynamic).div(stopFraction),
    new Dec(1).div(stopFraction.mul(2)),
    ...(symbolCap === undefined ? [] : [new Dec(symbolCap)]),
  ];
  const ceiling = Dec.min(...caps).floor();
  const floor = Dec.max(new Dec(rules.floor), contract.minLeverage).ceil();
  if (ceiling.lt(floor)) {
    return skip(
      'stop_too_wide',
      `a stop ${stopFraction.mul(100).toSignificantDigits(3).toFixed()} % away allows at most ${ceiling.toFixed()}x, below the ${floor.toFixed()}x floor`,
    );
  }
  const atr15m = input.market.atr['15m'];
  const volatility = atr15m ? Dec.min(Dec.max(new Dec(1.25).sub(atr15m.div(entry).mul(75)), 0.5), 1.25) : new Dec(1);
  const timeframe = new Dec(rules.timeframeMultipliers[input.executionTimeframe] ?? 1);
  const target = new Dec(profile.sizing.riskFraction).div(stopFraction).mul(timeframe).mul(volatility);
  let leverage = clamp(rounded(target, rules.rounding), floor, ceiling);
  let fitted = size;
  const notionalOf = (contracts: Dec) => entry.mul(contract.contractSize).mul(contracts);
  if (notionalOf(fitted).div(leverage).gt(budget)) {
    leverage = Dec.min(notionalOf(fitted).div(budget).ceil(), ceiling);
    if (notionalOf(fitted).div(leverage).gt(budget)) {
      fitted = grid.size(budget.mul(leverage).div(entry.mul(contract.contractSize)));
      if (fitted.lt(contract.minSize)) {
        return skip(
          'budget_too_small',
          `${budget.toFixed(2)} USDT of margin at ${leverage.toFixed()}x buys less than ${contract.minSize.toFixed()} contract(s)`,
        );
      }
    }
  }
  const notional = notionalOf(fitted);
  return { leverage: leverage.toNumber(), size: fitted, notional, margin: notional.div(leverage) };
}

function rounded(value: Dec, mode: 'floor' | 'round' | 'ceil'): Dec {
  if (mode === 'floor') return value.floor();
  if (mode === 'ceil') return value.ceil();
  return value.round();
}

function clamp(value: Dec, low: Dec, high: Dec): Dec {
  return Dec.min(Dec.max(value, low), high);
}
