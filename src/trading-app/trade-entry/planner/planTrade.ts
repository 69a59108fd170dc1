import { Dec } from '../../../platform/decimal/index.ts';
import { entryPrice, percent } from './entryPrice.ts';
import { entryZone } from './entryZone.ts';
import { FALLBACK_SLIPPAGE } from './fees.ts';
import { Grid } from './grid.ts';
import { fitLeverage } from './leverage.ts';
import { isSkipped, type Skipped, skip } from './skip.ts';
import { stopAndSize } from './stopAndSize.ts';
import type { PlanInput, PlanOutcome } from './TradePlan.ts';
import { takeProfits } from './takeProfits.ts';

/**
 * A READY decision, the market and the account in; one trade plan, or the reason there is none,
 * out. Pure: the same input gives the same plan, in live trading and in a backtest. Every price and
 * size is on the exchange's grid (`Grid`), every amount a `Dec`.
 */
export function planTrade(input: PlanInput): PlanOutcome {
  const gate = preflight(input);
  if (gate) return gate;
  const grid = new Grid(input.contract.tickSize, input.contract.sizeStep);
  const budget = riskBudget(input);
  if (isSkipped(budget)) return budget;
  const zone = entryZone(input, grid);
  if (isSkipped(zone)) return zone;
  const entry = entryPrice(input, zone, grid);
  if (isSkipped(entry)) return entry;
  const sized = stopAndSize(input, entry, zone, budget.riskUsdt, grid);
  if (isSkipped(sized)) return sized;
  const stopDistance = entry.sub(sized.stop).abs();
  const fit = fitLeverage(input, entry, stopDistance, sized.size, budget.margin, grid);
  if (isSkipped(fit)) return fit;
  const targets = takeProfits(input.side, entry, sized.stop, fit.size, input.profile.targets, {
    grid,
    minSize: input.contract.minSize,
    pivots: input.market.pivots,
  });
  if (isSkipped(targets)) return targets;
  return {
    status: 'planned',
    plan: {
      symbol: input.symbol,
      side: input.side,
      zone,
      entry,
      stop: sized.stop,
      targets,
      size: fit.size,
      contractSize: input.contract.contractSize,
      leverage: fit.leverage,
      marginMode: input.profile.entry.marginMode,
      riskUsdt: fit.size.mul(input.contract.contractSize).mul(stopDistance),
      notional: fit.notional,
      margin: fit.margin,
      stopDistance: stopDistance.div(entry),
      stopSource: sized.source,
    },
  };
}

/** What is refused before any arithmetic: the decision's timeframe, the contract, the book, the filters. */
function preflight(input: PlanInput): Skipped | undefined {
  const { profile, contract, book } = input;
  const allowed = profile.decision.allowedExecutionTimeframes;
  if (allowed.length > 0 && !allowed.includes(input.executionTimeframe)) {
    return skip('timeframe_not_allowed', `${input.executionTimeframe} is not among ${allowed.join(', ')}`);
  }
  if (contract.status !== 'trading') return skip('symbol_not_trading', `${input.symbol} is ${contract.status}`);
  if (book.bid.lte(0) || book.ask.lte(book.bid) || book.mark.lte(0)) {
    return skip('no_book', `bid ${book.bid.toFixed()}, ask ${book.ask.toFixed()}, mark ${book.mark.toFixed()}`);
  }
  const spread = book.ask.sub(book.bid).div(book.ask.add(book.bid).div(2));
  const { filters } = profile;
  if (filters.maxSpread !== undefined && spread.gt(filters.maxSpread)) {
    return skip('spread_too_wide', `spread ${percent(spread)} > ${percent(new Dec(filters.maxSpread))}`);
  }
  if (filters.minLiquidityNotionalUsdt !== undefined && contract.turnover24h.lt(filters.minLiquidityNotionalUsdt)) {
    return skip(
      'liquidity_too_low',
      `24 h turnover ${contract.turnover24h.toFixed(0)} USDT < ${filters.minLiquidityNotionalUsdt}`,
    );
  }
  if (filters.requireVolumeRatioOk && input.market.volumeRatioOk === false) {
    return skip('volume_too_low', `volume_ratio_ok failed on ${input.executionTimeframe}`);
  }
  return undefined;
}

/**
 * The available balance less what opening at the profile's highest leverage costs beyond the
 * margin: a plan that used all of it was refused by the venue (40027, balance not enough).
 */
function spendable(input: PlanInput): Dec {
  const leverage = Dec.min(input.contract.maxLeverage, input.profile.leverage.exchangeCap);
  // Besides the margin, opening takes the taker fee, on a price the fallback may slip.
  const openingCostRate = input.account.takerFeeRate.add(FALLBACK_SLIPPAGE);
  return input.account.available.div(openingCostRate.mul(leverage).add(1));
}

/**
 * How much the trade may lose at its stop, and how much margin it may hold. `margin_budget` (the
 * 2025-11 files): both from min(budget, available), the timeframe multiplier applied once (the
 * original applied it to the budget and to the percentage, squaring it). `equity` (profile files):
 * risk is a share of equity; the margin is the available balance shared among the positions the
 * limits still allow.
 */
function riskBudget(input: PlanInput): { riskUsdt: Dec; margin: Dec } | Skipped {
  const { sizing, limits } = input.profile;
  const { equity, openPositions } = input.account;
  const available = spendable(input);
  const multiplier = sizing.timeframeMultipliers[input.executionTimeframe] ?? 1;
  if (available.lte(0)) return skip('no_available_balance', `available balance ${available.toFixed()} USDT`);
  if (sizing.basis === 'equity') {
    const slots = Math.max(1, (limits.maxConcurrentPositions ?? 1) - openPositions);
    return { riskUsdt: equity.mul(sizing.riskFraction).mul(multiplier), margin: available.div(slots) };
  }
  let budget = new Dec(sizing.budgetUsdt).mul(multiplier);
  if (budget.lte(0)) budget = new Dec(sizing.fallbackAccountBalance).mul(sizing.riskFraction);
  if (budget.lte(0))
    return skip('budget_too_small', 'the profile gives no budget (initial_margin_usdt and fallback are 0)');
  const margin = Dec.min(budget, available);
  return { riskUsdt: margin.mul(sizing.riskFraction), margin };
}
