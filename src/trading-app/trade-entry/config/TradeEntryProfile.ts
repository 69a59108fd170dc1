import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/**
 * What the trade-entry planner and the risk gate read, whatever layout the file was written in
 * (the 2025-11 `trade_entry:` file or a December 2025 profile file). Fractions are fractions:
 * `0.005` is 0.5 %; the layouts' percent keys are divided once, at load. Every key of the file is
 * either mapped here or listed in `unused` with the reason.
 */
export interface TradeEntryProfile {
  readonly file: string;
  readonly layout: 'sectioned' | 'profile';
  readonly version: string | undefined;
  readonly name: string;
  readonly decision: DecisionGate;
  readonly sizing: Sizing;
  readonly zone: EntryZoneRules;
  readonly entry: EntryRules;
  readonly stop: StopRules;
  readonly targets: TakeProfitRules;
  readonly trailing: TrailingRules | undefined;
  readonly leverage: LeverageRules;
  readonly limits: RiskLimits;
  readonly filters: EntryFilters;
  /** `{symbol}`, `{timeframe}`, `{candle_open_ts}`: one decision, one key, one order. */
  readonly decisionKeyTemplate: string;
  readonly unused: readonly UnusedKey[];
}

export interface UnusedKey {
  readonly path: string;
  readonly reason: string;
}

export interface DecisionGate {
  /** Empty: every execution timeframe the MTF runner decides on. */
  readonly allowedExecutionTimeframes: readonly MtfTimeframe[];
  readonly requirePriceOrAtr: boolean;
}

export interface Sizing {
  /** Fraction of the basis risked when the stop is hit. */
  readonly riskFraction: number;
  /**
   * `margin_budget`: the 2025-11 model, risk = min(budget, available) × fraction, the position's
   * margin must fit the budget. `equity`: the profile files' "% of capital", risk = equity × fraction.
   */
  readonly basis: 'margin_budget' | 'equity';
  /** USDT per trade for `margin_budget`. */
  readonly budgetUsdt: number;
  /** Used when the budget computes to ≤ 0: budget = this × riskFraction (the original's rule). */
  readonly fallbackAccountBalance: number;
  /** Risk (and budget) scaled by the execution timeframe; 1 when absent. */
  readonly timeframeMultipliers: Readonly<Partial<Record<MtfTimeframe, number>>>;
}

export interface EntryZoneRules {
  readonly anchor: 'vwap' | 'sma21';
  /** Candles the anchor and the zone's ATR are read on. */
  readonly timeframe: MtfTimeframe;
  /** Half-width = clamp(kAtr × ATR, widthMin × anchor, widthMax × anchor). */
  readonly kAtr: number;
  readonly widthMin: number;
  readonly widthMax: number;
  /** Seconds the zone stays valid; the entry is cancelled after it. */
  readonly ttlSeconds: number;
}

export interface EntryRules {
  readonly orderType: 'limit' | 'market';
  readonly marginMode: 'isolated' | 'cross';
  /** A maker-only limit first (the worker re-places it at the touch when the venue cancels it). */
  readonly makerFirst: boolean;
  readonly insideTicks: number;
  /** Entry vs mark: beyond this the entry is set back to the touch. */
  readonly maxDeviation: number;
  /** Entry vs mark: beyond this the computed entry is implausible and replaced by the touch. */
  readonly implausibleDeviation: number;
  /** The zone is enforced on the entry only when its edges are within this of the mark. */
  readonly zoneMaxDeviation: number;
  /** Market orders only. */
  readonly marketMaxSpread: number;
  readonly endOfZoneFallback: EndOfZoneFallback | undefined;
}

/** Near the end of the zone's life, a taker order if the book is tight enough (profile `fallback_end_of_zone`). */
export interface EndOfZoneFallback {
  readonly secondsBeforeEnd: number;
  readonly maxSpread: number;
  readonly maxSlippage: number;
  readonly onlyWithinZone: boolean;
}

export interface StopRules {
  readonly from: 'atr' | 'pivot' | 'risk';
  readonly atrTimeframe: MtfTimeframe;
  readonly atrK: number;
  readonly pivotPolicy: string;
  readonly pivotBuffer: number;
  /** A pivot stop closer than this share of the ATR stop's distance is widened to it. */
  readonly pivotMinKeepRatio: number;
  /** The stop is at least this far from the entry (the original's 0.5 %). */
  readonly minDistance: number;
  /** Stop distance bounds in ATRs of `atrTimeframe`; undefined: unbounded. */
  readonly minAtrMultiple: number | undefined;
  readonly maxAtrMultiple: number | undefined;
}

export interface TakeProfitTarget {
  readonly rMultiple: number;
  /** Share of the position closed at this target; the last target takes what is left. */
  readonly fraction: number;
}

export interface TakeProfitRules {
  /** One or two targets, nearest first. */
  readonly targets: readonly TakeProfitTarget[];
  /** Move a target onto the next pivot level when it stays within these bounds (`pivot_conservative`). */
  readonly pivotAlignment:
    | {
        readonly buffer: number;
        readonly bufferTicks: number;
        readonly minKeepRatio: number;
        readonly maxExtraR: number;
      }
    | undefined;
}

export interface TrailingRules {
  readonly afterTp1: 'atr_chandelier' | 'break_even';
  readonly atrTimeframe: MtfTimeframe;
  readonly atrK: number;
  /** Close at market after this long in the trade; undefined: no time stop. */
  readonly hardTimeStopSeconds: number | undefined;
}

export interface LeverageRules {
  readonly floor: number;
  readonly exchangeCap: number;
  /** First matching rule wins; the regex is case-insensitive, as the original's. */
  readonly perSymbolCaps: readonly { readonly pattern: RegExp; readonly cap: number }[];
  readonly timeframeMultipliers: Readonly<Partial<Record<MtfTimeframe, number>>>;
  /** Leverage ≤ kDynamic / stop fraction. */
  readonly kDynamic: number;
  readonly rounding: 'floor' | 'round' | 'ceil';
}

export interface RiskLimits {
  /** Fraction of the day's opening equity; undefined: no cap. */
  readonly dailyLossFraction: number | undefined;
  readonly dailyLossUsdt: number | undefined;
  readonly countUnrealizedInDailyLoss: boolean;
  readonly maxConcurrentPositions: number | undefined;
  readonly dailyMaxTrades: number | undefined;
  readonly perSymbolDailyMaxTrades: number | undefined;
  /** After a close, no new entry on the symbol for this long. */
  readonly symbolCooldownSeconds: number;
}

export interface EntryFilters {
  /** Refuse when the book's spread is wider (fraction of mid); undefined: no check. */
  readonly maxSpread: number | undefined;
  readonly requireVolumeRatioOk: boolean;
  readonly minLiquidityNotionalUsdt: number | undefined;
}
