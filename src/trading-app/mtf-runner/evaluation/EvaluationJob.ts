import type { ContextSummary, SymbolStatus } from '../../mtf/cascade/SymbolDecision.ts';
import type { Signal } from '../../mtf/evaluation/evaluateTimeframe.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';
import type { MarketSnapshot } from '../../trade-entry/TradeEntry.ts';
import type { AuditDraft } from '../audit/auditRows.ts';
import type { SnapshotDraft } from '../snapshots/snapshotValues.ts';
import type { SeriesFeed } from './IndicatorBook.ts';

/**
 * One symbol to evaluate, as sent to an evaluator (in process or in a worker thread). Plain data
 * only (structured clone): the candles closed since the evaluator's last run of the symbol.
 */
export interface EvaluationJob {
  readonly symbol: string;
  readonly tickSize: number | undefined;
  readonly feeds: Partial<Record<MtfTimeframe, SeriesFeed>>;
}

/** What every job of one run shares. */
export interface EvaluationSettings {
  /** The validation file: each evaluator loads (and caches) it by path. */
  readonly configPath: string;
  readonly now: number;
  readonly forceRun: boolean;
  readonly currentTf: MtfTimeframe | undefined;
  /** Switch keys OFF for this run (`SYMBOL_TF:…`), read once by the runner. */
  readonly offSwitches: readonly string[];
}

/** An evaluated symbol: the decision's public fields, and what the runner persists. Plain data. */
export interface EvaluatedSymbol {
  readonly symbol: string;
  readonly status: SymbolStatus;
  readonly signal_side: Signal;
  readonly execution_tf: MtfTimeframe | null;
  readonly failed_timeframe: MtfTimeframe | null;
  readonly reason: string | null;
  readonly context: ContextSummary | null;
  /** Last close of the lowest timeframe read (the freshest price); null only without any candle. */
  readonly current_price: number | null;
  readonly atr: number | null;
  /** Open time of the execution timeframe's candle, for READY. */
  readonly kline_time: number | null;
  readonly error: { readonly message: string } | null;
  /** For READY: what trade entry plans with; null otherwise. */
  readonly market: MarketSnapshot | null;
  /** Last open time folded in per timeframe, after this job: the runner's cursors for the next run. */
  readonly cursors: Partial<Record<MtfTimeframe, number>>;
  readonly audits: readonly AuditDraft[];
  readonly snapshots: readonly SnapshotDraft[];
}
