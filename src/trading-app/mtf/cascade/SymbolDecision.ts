import type { ExplainedResult } from '../evaluation/ExplainedResult.ts';
import type { Signal, TimeframeEvaluation } from '../evaluation/evaluateTimeframe.ts';
import type { MtfTimeframe } from '../timeframes.ts';

export type SymbolStatus = 'READY' | 'INVALID' | 'GRACE_WINDOW' | 'SKIPPED' | 'ERROR';
export type TimeframeStatus = 'VALID' | 'INVALID' | 'GRACE_WINDOW' | 'SKIPPED' | 'ERROR';

export interface TimeframeOutcome {
  readonly timeframe: MtfTimeframe;
  readonly status: TimeframeStatus;
  readonly signal: Signal;
  readonly klineTime: number | null;
  readonly reason: string | null;
  /** Absent when the timeframe was not evaluated (skipped, in grace, missing or failing data). */
  readonly evaluation?: TimeframeEvaluation;
}

/** The context summary (docs/reference/original-system.md#cascade). */
export interface ContextSummary {
  readonly context_signals: Readonly<Partial<Record<MtfTimeframe, Signal>>>;
  readonly context_aligned: boolean;
  readonly context_dir: Signal;
  readonly context_tfs: readonly MtfTimeframe[];
  readonly context_fully_populated: boolean;
  readonly context_fully_aligned: boolean;
  readonly single_timeframe?: MtfTimeframe;
}

export interface SelectorTrace {
  readonly timeframe: MtfTimeframe;
  readonly step: 'stay' | 'drop' | 'forbidden' | 'no_rule' | 'lowest' | '1m_not_allowed';
  readonly checks: readonly {
    readonly name: string;
    readonly passed: boolean;
    readonly value: number | boolean | null;
    readonly missing: boolean;
  }[];
}

/** The decision for one symbol: what to do (status, side, execution timeframe) and every reason behind it. */
export interface SymbolDecision {
  readonly symbol: string;
  readonly status: SymbolStatus;
  readonly signal_side: Signal;
  readonly execution_tf: MtfTimeframe | null;
  readonly failed_timeframe: MtfTimeframe | null;
  readonly reason: string | null;
  readonly context: ContextSummary;
  /** ATR of the execution timeframe (already capped on 1m by the indicator engine, original-system.md#atr-rules). */
  readonly atr: number | null;
  readonly kline_time: number | null;
  readonly timeframes: Readonly<Partial<Record<MtfTimeframe, TimeframeOutcome>>>;
  readonly filters?: ExplainedResult;
  readonly selector?: readonly SelectorTrace[];
}
