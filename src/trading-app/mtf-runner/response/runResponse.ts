import type { ContextSummary, SymbolStatus } from '../../mtf/cascade/SymbolDecision.ts';
import type { Signal } from '../../mtf/evaluation/evaluateTimeframe.ts';
import { MTF_TIMEFRAMES, type MtfTimeframe } from '../../mtf/timeframes.ts';
import type { TradeEntryOutcome } from '../../trade-entry/TradeEntry.ts';

/** Where a symbol stopped when it was not a timeframe: the symbol's own switch, open exposure, a lock, the global switch. */
export type RunStop = MtfTimeframe | 'symbol' | 'open_exposure' | 'lock' | 'global';

/** One symbol of `results` (docs/reference/seed-contracts.md#mtf-run `SymbolResultDto`, plus `reason`). */
export interface SymbolResult {
  readonly symbol: string;
  readonly status: SymbolStatus;
  readonly execution_tf: MtfTimeframe | null;
  readonly failed_timeframe: RunStop | null;
  readonly signal_side: Signal;
  readonly trading_decision: TradeEntryOutcome | null;
  readonly error: { readonly message: string } | null;
  readonly context: ContextSummary | null;
  /** Last close; null only for a symbol skipped before its candles were read. */
  readonly current_price: number | null;
  readonly atr: number | null;
  readonly reason: string | null;
}

export type RunStatus = 'completed' | 'completed_with_errors' | 'no_active_symbols' | 'global_switch_off';

export interface RunSummary {
  readonly run_id: string;
  readonly execution_time_seconds: number;
  readonly symbols_requested: number;
  /** Symbols with a result: every requested one, each once (the original also counted its FINAL row). */
  readonly symbols_processed: number;
  readonly symbols_ready: number;
  readonly symbols_invalid: number;
  readonly symbols_skipped: number;
  readonly symbols_grace: number;
  readonly symbols_failed: number;
  /** READY / processed, in %, 2 decimals. */
  readonly success_rate: number;
  readonly dry_run: boolean;
  readonly force_run: boolean;
  readonly current_tf: MtfTimeframe | null;
  readonly profile: string;
  readonly workers: number;
  readonly timestamp: string;
  readonly status: RunStatus;
}

export interface RunTiming {
  readonly resolve_symbols_ms: number;
  readonly exclusion_ms: number;
  readonly locks_ms: number;
  readonly read_candles_ms: number;
  readonly evaluate_ms: number;
  readonly trade_entry_ms: number;
  readonly persist_ms: number;
  readonly total_ms: number;
}

export interface RunData {
  readonly summary: RunSummary;
  readonly results: Readonly<Record<string, SymbolResult>>;
  readonly errors: readonly string[];
  readonly workers: number;
  readonly summary_by_tf: Readonly<Record<string, readonly string[]>>;
  readonly rejected_by: readonly string[];
  readonly last_validated: readonly { symbol: string; side: Signal; timeframe: MtfTimeframe | null }[];
  readonly timing: RunTiming;
}

export interface RunResponse {
  readonly status: 'success' | 'partial_success';
  readonly message: 'MTF run completed';
  readonly data: RunData;
}

export interface SummaryInput {
  readonly runId: string;
  readonly seconds: number;
  readonly requested: number;
  readonly dryRun: boolean;
  readonly forceRun: boolean;
  readonly currentTf: MtfTimeframe | undefined;
  readonly profile: string;
  readonly workers: number;
  readonly timestamp: number;
  readonly globalOff: boolean;
}

/**
 * Counts and groupings of the response (seed-contracts.md#mtf-run), computed from the results alone, so they
 * cannot disagree with them (docs/reference/original-system.md#bug-run-counts).
 */
export function buildRunData(results: readonly SymbolResult[], input: SummaryInput, timing: RunTiming): RunData {
  const count = (status: SymbolStatus) => results.filter((result) => result.status === status).length;
  const ready = count('READY');
  const failed = count('ERROR');
  const status: RunStatus = input.globalOff
    ? 'global_switch_off'
    : results.length === 0
      ? 'no_active_symbols'
      : failed > 0
        ? 'completed_with_errors'
        : 'completed';
  const summary: RunSummary = {
    run_id: input.runId,
    execution_time_seconds: Math.round(input.seconds * 1000) / 1000,
    symbols_requested: input.requested,
    symbols_processed: results.length,
    symbols_ready: ready,
    symbols_invalid: count('INVALID'),
    symbols_skipped: count('SKIPPED'),
    symbols_grace: count('GRACE_WINDOW'),
    symbols_failed: failed,
    success_rate: results.length === 0 ? 0 : Math.round((ready / results.length) * 10_000) / 100,
    dry_run: input.dryRun,
    force_run: input.forceRun,
    current_tf: input.currentTf ?? null,
    profile: input.profile,
    workers: input.workers,
    timestamp: new Date(input.timestamp).toISOString(),
    status,
  };
  const sorted = [...results].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return {
    summary,
    results: Object.fromEntries(sorted.map((result) => [result.symbol, result])),
    errors: sorted
      .filter((result) => result.status === 'ERROR')
      .map((result) => `${result.symbol}: ${result.reason ?? 'error'}`),
    workers: input.workers,
    summary_by_tf: groupByTimeframe(sorted),
    rejected_by: sorted.filter((result) => result.status !== 'READY').map((result) => result.symbol),
    last_validated: sorted
      .filter((result) => result.status === 'READY')
      .map((result) => ({ symbol: result.symbol, side: result.signal_side, timeframe: result.execution_tf })),
    timing,
  };
}

/**
 * seed-contracts.md#mtf-run: by failed timeframe, else execution timeframe, else N/A; keys 4h…1m, then
 * the others, then N/A.
 */
function groupByTimeframe(results: readonly SymbolResult[]): Record<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const result of results) {
    const key = result.failed_timeframe ?? result.execution_tf ?? 'N/A';
    groups.set(key, [...(groups.get(key) ?? []), result.symbol]);
  }
  const rank = (key: string) => {
    const index = (MTF_TIMEFRAMES as readonly string[]).indexOf(key);
    return index >= 0 ? index : key === 'N/A' ? 99 : 50;
  };
  return Object.fromEntries([...groups].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
}
