import type { MtfTimeframe } from '../mtf/timeframes.ts';
import type { PlanDto } from './planDto.ts';

/** One timeframe's values at its last closed candle (indicator floats, as the MTF engine computed them). */
export interface TimeframeValues {
  readonly close: number;
  readonly atr: number | null;
  readonly vwap: number | null;
  /** VWAP of the last 200 candles: the entry zone's anchor. */
  readonly vwapWindow: number | null;
  readonly sma21: number | null;
  readonly volumeRatio: number | null;
}

/**
 * What the planner needs from the candles, taken from the same indicator book the decision was
 * made on (no second computation that could disagree): every evaluated timeframe's values and the
 * previous UTC day's classic pivots.
 */
export interface MarketSnapshot {
  readonly timeframes: Readonly<Partial<Record<MtfTimeframe, TimeframeValues>>>;
  readonly pivots: Readonly<Record<string, number>> | null;
}

/** A READY decision handed to trade entry: what the MTF cascade decided, nothing about sizing yet. */
export interface TradeEntryRequest {
  readonly runId: string;
  /** The MTF profile of the run: its `trade_entry.<profile>.yaml` plans the trade. */
  readonly profile?: string | undefined;
  readonly symbol: string;
  readonly side: 'LONG' | 'SHORT';
  readonly executionTimeframe: MtfTimeframe;
  /** Open time (ms) of the execution timeframe's last closed candle: the decision's identity. */
  readonly klineTime: number;
  /** ATR of the execution timeframe; null when the indicator is not warm. */
  readonly atr: number | null;
  /** Last close of the execution timeframe: the reference the planner starts from. */
  readonly referencePrice: number;
  /** The market the decision saw; absent from callers that have none (older tests, the API). */
  readonly market?: MarketSnapshot | undefined;
}

/** What a dry run would send, recorded instead of sent. */
export interface WouldBePlan {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly execution_tf: MtfTimeframe;
  readonly atr: number | null;
  readonly entry_reference_price: number;
  readonly kline_time: string;
}

/**
 * The `trading_decision` of a READY symbol (docs/reference/seed-contracts.md#mtf-run shapes). Expected outcomes are
 * returned, never thrown (docs/style.md#outcomes-returned): a caller cannot drop a skipped or failed entry silently.
 */
export type TradeEntryOutcome =
  | {
      readonly status: 'simulated' | 'submitted';
      readonly client_order_id: string;
      readonly exchange_order_id: string | null;
      readonly decision_key: string;
      readonly raw:
        | { readonly plan: WouldBePlan }
        | { readonly preflight?: Readonly<Record<string, string | number>>; readonly plan: PlanDto };
    }
  | { readonly status: 'skipped'; readonly reason: string; readonly detail?: string; readonly decision_key: string }
  | { readonly status: 'error'; readonly error: string; readonly decision_key: string };

/**
 * The port between the MTF runner and order placement. The dry-run implementation records the
 * would-be plan; the live one (next issue) plans zone, size, leverage and SL/TP and places the order.
 */
export interface TradeEntry {
  readonly mode: 'dry_run' | 'live';
  enter(request: TradeEntryRequest): Promise<TradeEntryOutcome>;
}
