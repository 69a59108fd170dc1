import type { Contract } from '../../../exchange/port/types.ts';
import type { Dec } from '../../../platform/decimal/index.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';
import type { TradeEntryProfile } from '../config/TradeEntryProfile.ts';
import type { PivotLevels } from './pivots.ts';

export type Side = 'long' | 'short';

/** Everything the planner reads: no I/O, no clock. The caller gathers it (preflight). */
export interface PlanInput {
  readonly symbol: string;
  readonly side: Side;
  readonly executionTimeframe: MtfTimeframe;
  readonly profile: TradeEntryProfile;
  readonly contract: Contract;
  /** Top of the book and the mark (BitMart: the index price, as the original read it). */
  readonly book: { readonly bid: Dec; readonly ask: Dec; readonly mark: Dec };
  readonly account: {
    readonly available: Dec;
    readonly equity: Dec;
    /** Positions open now, for the equity basis's share of the margin. */
    readonly openPositions: number;
    /** The account's taker fee rate: sizing keeps the round trip's fees inside the risk budget. */
    readonly takerFeeRate: Dec;
  };
  readonly market: {
    /** ATR per timeframe, from closed candles; absent while not warm. */
    readonly atr: Readonly<Partial<Record<MtfTimeframe, Dec>>>;
    /** VWAP and SMA21 of the zone's timeframe. */
    readonly anchors: { readonly vwap?: Dec | undefined; readonly sma21?: Dec | undefined };
    /** Classic pivots of the last closed daily candle. */
    readonly pivots?: PivotLevels | undefined;
    /** The MTF `volume_ratio_ok` condition on the execution timeframe, when the profile asks for it. */
    readonly volumeRatioOk?: boolean | undefined;
  };
}

export interface PlannedTarget {
  readonly price: Dec;
  /** Contracts closed at this target. */
  readonly size: Dec;
  /** The R multiple actually reached at `price` (after pivot alignment). */
  readonly rMultiple: Dec;
}

/** One order per decision: a maker entry inside the zone, its stop and targets live from the first fill. */
export interface TradePlan {
  readonly symbol: string;
  readonly side: Side;
  readonly zone: {
    readonly low: Dec;
    readonly high: Dec;
    readonly anchor: 'vwap' | 'sma21';
    readonly ttlSeconds: number;
  };
  /** The price the plan is sized at: the zone's edge nearest the market, or the touch. */
  readonly entry: Dec;
  readonly stop: Dec;
  readonly targets: readonly PlannedTarget[];
  /** Contracts. */
  readonly size: Dec;
  /** Base units per contract, for the trade's PnL. */
  readonly contractSize: Dec;
  readonly leverage: number;
  readonly marginMode: 'isolated' | 'cross';
  /** USDT lost if the stop fills at its price: size × contract size × |entry − stop|. */
  readonly riskUsdt: Dec;
  readonly notional: Dec;
  readonly margin: Dec;
  /** |entry − stop| / entry. */
  readonly stopDistance: Dec;
  /** How the stop was placed, for the trade record. */
  readonly stopSource: 'atr' | 'pivot' | 'risk';
}

/** Why no order: words a trader reads in the audit and on the dashboard. */
export type SkipReason =
  | 'timeframe_not_allowed'
  | 'symbol_not_trading'
  | 'no_book'
  | 'spread_too_wide'
  | 'liquidity_too_low'
  | 'volume_too_low'
  | 'no_available_balance'
  | 'atr_not_ready'
  | 'no_zone_anchor'
  | 'zone_too_far_from_price'
  | 'entry_outside_zone'
  | 'no_pivot_for_stop'
  | 'stop_too_wide'
  | 'budget_too_small'
  | 'target_not_beyond_entry';

export type PlanOutcome =
  | { readonly status: 'planned'; readonly plan: TradePlan }
  | { readonly status: 'skipped'; readonly reason: SkipReason; readonly detail: string };
