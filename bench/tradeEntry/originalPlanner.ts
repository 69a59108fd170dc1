import type { MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';
import type { TradeEntryProfile } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import type { PlanInput } from '../../src/trading-app/trade-entry/planner/TradePlan.ts';

/**
 * The benchmark's peer for `planTrade`: the original's planner (pivox/tradingV3
 * `trading-app/src/TradeEntry/**`: `EntryZoneCalculator`, `OrderPlanBuilder`, `StopLossCalculator`,
 * `PositionSizer`, `TakeProfitCalculator`, `DynamicLeverageService`) transcribed line by line into
 * JavaScript numbers, which is what the PHP computed in: IEEE doubles, `floor(x / tick) * tick`.
 * It reads the same profile and the same market. Where the original had a bug that changes no
 * cost (the timeframe multiplier squared, `1m`'s leverage multiplier for every timeframe, a short's
 * stop floored), the intent is transcribed; its "leverage < 5 → skip" is left out, as ours dropped it.
 * It does a little less than ours (no stop bounds in ATRs, no liquidation cap, no turnover or
 * volume filter, no refusal of a far zone), which can only flatter it.
 */
export interface OriginalInput {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly executionTimeframe: MtfTimeframe;
  readonly profile: TradeEntryProfile;
  readonly tick: number;
  /** 10^decimals of the tick: PHP's `round($price, $precision)` after each quantisation. */
  readonly priceScale: number;
  readonly sizeStep: number;
  readonly contractSize: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly maxMarketSize: number;
  readonly minLeverage: number;
  readonly maxLeverage: number;
  readonly bid: number;
  readonly ask: number;
  readonly mark: number;
  readonly available: number;
  readonly equity: number;
  readonly openPositions: number;
  readonly atr: Readonly<Partial<Record<MtfTimeframe, number>>>;
  readonly vwap: number | undefined;
  readonly sma21: number | undefined;
  readonly pivots: Readonly<Record<string, number>> | undefined;
}

export type OriginalOutcome =
  | {
      readonly status: 'planned';
      readonly entry: number;
      readonly stop: number;
      readonly targets: readonly { readonly price: number; readonly size: number }[];
      readonly size: number;
      readonly leverage: number;
      readonly margin: number;
    }
  | { readonly status: 'skipped'; readonly reason: string };

/** The same decision as the original received it: floats decoded from JSON. */
export function originalInputOf(input: PlanInput): OriginalInput {
  const { contract, book, account, market } = input;
  const decimals = Math.max(0, contract.tickSize.decimalPlaces());
  const atr: Partial<Record<MtfTimeframe, number>> = {};
  for (const [timeframe, value] of Object.entries(market.atr)) atr[timeframe as MtfTimeframe] = value.toNumber();
  return {
    symbol: input.symbol,
    side: input.side,
    executionTimeframe: input.executionTimeframe,
    profile: input.profile,
    tick: contract.tickSize.toNumber(),
    priceScale: 10 ** decimals,
    sizeStep: contract.sizeStep.toNumber(),
    contractSize: contract.contractSize.toNumber(),
    minSize: contract.minSize.toNumber(),
    maxSize: contract.maxSize.toNumber(),
    maxMarketSize: contract.maxMarketSize.toNumber(),
    minLeverage: contract.minLeverage.toNumber(),
    maxLeverage: contract.maxLeverage.toNumber(),
    bid: book.bid.toNumber(),
    ask: book.ask.toNumber(),
    mark: book.mark.toNumber(),
    available: account.available.toNumber(),
    equity: account.equity.toNumber(),
    openPositions: account.openPositions,
    atr,
    vwap: market.anchors.vwap?.toNumber(),
    sma21: market.anchors.sma21?.toNumber(),
    pivots: market.pivots
      ? Object.fromEntries(Object.entries(market.pivots).map(([key, level]) => [key, level.toNumber()]))
      : undefined,
  };
}

const skipped = (reason: string): OriginalOutcome => ({ status: 'skipped', reason });
const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
/** A hair of tolerance so that 99450 / 0.1 = 994499.99999 still floors to 994500, as a careful PHP port did. */
const EPSILON = 1e-9;

export function planOriginal(input: OriginalInput): OriginalOutcome {
  const { profile, side, tick, bid, ask, mark } = input;
  const long = side === 'long';
  const down = (price: number) =>
    Math.round(Math.floor(price / tick + EPSILON) * tick * input.priceScale) / input.priceScale;
  const up = (price: number) =>
    Math.round(Math.ceil(price / tick - EPSILON) * tick * input.priceScale) / input.priceScale;
  const towardLoss = long ? down : up;
  const sizeOf = (contracts: number) => Math.floor(contracts / input.sizeStep + EPSILON) * input.sizeStep;

  // PreTradeChecks: a book, the spread.
  if (bid <= 0 || ask <= 0 || ask <= bid || mark <= 0) return skipped('no_book');
  const spread = (ask - bid) / ((ask + bid) / 2);
  if (profile.filters.maxSpread !== undefined && spread > profile.filters.maxSpread) return skipped('spread_too_wide');
  if (profile.entry.orderType === 'market' && spread > profile.entry.marketMaxSpread) return skipped('spread_too_wide');

  // TradeEntryRequestBuilder + OrderPlanBuilder: budget and risk.
  const { sizing } = profile;
  const multiplier = sizing.timeframeMultipliers[input.executionTimeframe] ?? 1;
  let budget: number;
  let riskUsdt: number;
  if (sizing.basis === 'equity') {
    budget = input.available / Math.max(1, (profile.limits.maxConcurrentPositions ?? 1) - input.openPositions);
    riskUsdt = input.equity * sizing.riskFraction * multiplier;
  } else {
    let margin = sizing.budgetUsdt * multiplier;
    if (margin <= 0) margin = sizing.fallbackAccountBalance * sizing.riskFraction;
    budget = Math.min(Math.max(margin, 0), Math.max(input.available, 0));
    riskUsdt = budget * sizing.riskFraction;
  }
  if (budget <= 0) return skipped('budget_too_small');

  // EntryZoneCalculator: VWAP (or SMA21) ± clamp(k × ATR, w_min, w_max); no anchor: an open zone.
  const rules = profile.zone;
  const anchor = (rules.anchor === 'vwap' ? (input.vwap ?? input.sma21) : (input.sma21 ?? input.vwap)) ?? 0;
  let zoneLow = Number.MIN_VALUE;
  let zoneHigh = Number.MAX_VALUE;
  if (anchor > 0) {
    const half = clamp(
      (input.atr[rules.timeframe] ?? 0) * rules.kAtr,
      anchor * rules.widthMin,
      anchor * rules.widthMax,
    );
    zoneLow = down(anchor - half);
    zoneHigh = up(anchor + half);
  }

  // OrderPlanBuilder::build: limit inside the spread, back to the touch when far from the mark.
  const entryRules = profile.entry;
  const touch = long ? Math.min(ask - tick, bid + tick) : Math.max(bid + tick, ask - tick);
  let entry: number;
  if (entryRules.orderType === 'market') entry = long ? ask : bid;
  else {
    entry = long
      ? Math.min(ask - tick, bid + entryRules.insideTicks * tick)
      : Math.max(bid + tick, ask - entryRules.insideTicks * tick);
    if (Math.abs(entry - mark) / mark > entryRules.maxDeviation) entry = touch;
    entry = towardLoss(entry);
  }
  const zoneDeviation = Math.max(Math.abs(zoneLow - mark), Math.abs(zoneHigh - mark)) / mark;
  const zoneEnforced = zoneDeviation <= entryRules.zoneMaxDeviation;
  if (zoneEnforced) entry = towardLoss(clamp(entry, zoneLow, zoneHigh));
  if (entry <= tick || Math.abs(entry - mark) / mark > entryRules.implausibleDeviation) entry = towardLoss(touch);
  if (zoneEnforced && (entry < zoneLow || entry > zoneHigh)) return skipped('entry_outside_zone');

  // StopLossCalculator: ATR, pivot or risk stop, at least the minimum distance away.
  const stopRules = profile.stop;
  const minimum = Math.max(tick, entry * stopRules.minDistance);
  const away = (distance: number) => towardLoss(long ? entry - distance : entry + distance);
  const guarded = (stop: number) => {
    const kept = Math.abs(entry - stop) < tick ? away(tick) : stop;
    return Math.abs(entry - kept) < minimum ? away(minimum) : kept;
  };
  let atrStop: number | undefined;
  let pivotStop: number | undefined;
  if (stopRules.from === 'atr') {
    const atr = input.atr[stopRules.atrTimeframe];
    if (!atr || atr <= 0) return skipped('atr_not_ready');
    atrStop = guarded(away(atr * stopRules.atrK));
  } else if (stopRules.from === 'pivot') {
    const level = pivotLevel(input.pivots, long, entry, stopRules.pivotPolicy);
    if (level === undefined) return skipped('no_pivot_for_stop');
    pivotStop = guarded(long ? down(level * (1 - stopRules.pivotBuffer)) : up(level * (1 + stopRules.pivotBuffer)));
  }

  // PositionSizer: contracts from the risk and the distance; then the risk stop, the further one.
  const maxSize = entryRules.orderType === 'market' ? input.maxMarketSize : input.maxSize;
  const sized = (distance: number) => Math.min(sizeOf(riskUsdt / (distance * input.contractSize)), maxSize);
  const first = pivotStop ?? atrStop;
  let size = sized(first === undefined ? 10 * tick : Math.abs(entry - first));
  if (size < input.minSize) return skipped('budget_too_small');
  const riskStop = guarded(away(riskUsdt / (input.contractSize * size)));
  let stop =
    pivotStop ?? (atrStop === undefined ? riskStop : long ? Math.min(atrStop, riskStop) : Math.max(atrStop, riskStop));
  if (stop <= 0) return skipped('stop_not_positive');
  stop = guarded(stop);
  const distance = Math.abs(entry - stop);
  size = sized(distance);
  if (size < input.minSize) return skipped('budget_too_small');

  // TakeProfitCalculator: R multiples aligned on pivots; the split of two targets.
  const targets = profile.targets.targets.map((target) => ({
    price: takeProfit(input, long, entry, distance, target.rMultiple, towardLoss),
    size: 0,
  }));
  for (const target of targets)
    if (long ? target.price <= entry : target.price >= entry) return skipped('target_not_beyond_entry');

  // DynamicLeverageService, then the budget check of OrderPlanBuilder.
  const leverageRules = profile.leverage;
  const stopFraction = distance / entry;
  const atr15m = input.atr['15m'];
  const volatility = atr15m ? clamp(1.25 - 75 * (atr15m / entry), 0.5, 1.25) : 1;
  const timeframe = leverageRules.timeframeMultipliers[input.executionTimeframe] ?? 1;
  const symbolCap =
    leverageRules.perSymbolCaps.find((rule) => rule.pattern.test(input.symbol))?.cap ?? Number.MAX_VALUE;
  const dynamicCap = Math.min(input.maxLeverage, leverageRules.kDynamic / stopFraction);
  let leverage = Math.min(
    (sizing.riskFraction / stopFraction) * timeframe * volatility,
    leverageRules.exchangeCap,
    symbolCap,
    dynamicCap,
  );
  leverage = Math.max(leverageRules.floor, clamp(leverage, input.minLeverage, input.maxLeverage));
  leverage =
    leverageRules.rounding === 'floor'
      ? Math.floor(leverage)
      : leverageRules.rounding === 'round'
        ? Math.round(leverage)
        : Math.ceil(leverage);
  leverage = clamp(Math.max(leverage, 1, input.minLeverage), 1, input.maxLeverage);
  let notional = entry * input.contractSize * size;
  if (notional / leverage > budget) {
    const adjusted = clamp(notional / budget, input.minLeverage, input.maxLeverage);
    if (adjusted > leverage) leverage = Math.ceil(adjusted);
    if (notional / leverage > budget) {
      size = Math.min(Math.max(sizeOf((budget * leverage) / (entry * input.contractSize)), input.minSize), maxSize);
      notional = entry * input.contractSize * size;
    }
  }
  splitTargets(targets, size, profile, input);
  return { status: 'planned', entry, stop, targets, size, leverage, margin: notional / leverage };
}

/** `nearest_below` (above for a short), `strongest_*` (s2, s1, s3, ...), or a named level. */
function pivotLevel(
  pivots: Readonly<Record<string, number>> | undefined,
  long: boolean,
  entry: number,
  policy: string,
): number | undefined {
  if (!pivots) return undefined;
  const prefix = long ? 's' : 'r';
  const candidates: [string, number][] = [];
  for (const key in pivots) {
    const level = pivots[key] as number;
    if (key.startsWith(prefix) && (long ? level < entry : level > entry)) candidates.push([key, level]);
  }
  if (candidates.length === 0) return undefined;
  const named = candidates.find(([key]) => key === policy.replace(/^[sr]/, prefix));
  if (named) return named[1];
  if (policy.startsWith('strongest')) {
    for (const n of [2, 1, 3, 4, 5, 6]) {
      const found = candidates.find(([key]) => key === `${prefix}${n}`);
      if (found) return found[1];
    }
  }
  let best = candidates[0]![1];
  for (const [, level] of candidates) best = long ? Math.max(best, level) : Math.min(best, level);
  return best;
}

function takeProfit(
  input: OriginalInput,
  long: boolean,
  entry: number,
  risk: number,
  r: number,
  round: (price: number) => number,
): number {
  const sign = long ? 1 : -1;
  const theoretical = round(entry + sign * r * risk);
  const align = input.profile.targets.pivotAlignment;
  if (!align || !input.pivots) return theoretical;
  const levels = Object.values(input.pivots).sort((a, b) => a - b);
  const beyond = long
    ? levels.find((level) => level >= theoretical)
    : levels.reverse().find((level) => level <= theoretical);
  if (beyond === undefined) return theoretical;
  const buffered = long
    ? beyond * (1 - align.buffer) - align.bufferTicks * input.tick
    : beyond * (1 + align.buffer) + align.bufferTicks * input.tick;
  const pick = long ? Math.max(theoretical, buffered) : Math.min(theoretical, buffered);
  const reached = Math.abs(pick - entry) / risk;
  if (reached < r * align.minKeepRatio) return theoretical;
  if (reached > r + align.maxExtraR) return round(entry + sign * (r + align.maxExtraR) * risk);
  return round(pick);
}

/** TP1 its fraction down to the step, TP2 the rest; a part below the minimum puts everything on TP1. */
function splitTargets(
  targets: { price: number; size: number }[],
  size: number,
  profile: TradeEntryProfile,
  input: OriginalInput,
) {
  const [first, second] = targets;
  if (!first) return;
  const fraction = profile.targets.targets[0]?.fraction ?? 1;
  const firstSize = Math.floor((size * fraction) / input.sizeStep + EPSILON) * input.sizeStep;
  if (!second || firstSize < input.minSize || size - firstSize < input.minSize) {
    first.size = size;
    targets.length = 1;
    return;
  }
  first.size = firstSize;
  second.size = size - firstSize;
}
