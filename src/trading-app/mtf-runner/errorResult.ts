/**
 * A symbol that ended in ERROR without a decision of the cascade: the venue's open positions and
 * orders could not be read, its evaluation threw, its evaluator died, or a timeframe has too few
 * candles. Built here alone, so every path reports it alike: `reason` and `error.message` say the
 * same, and one audit row `ERROR` (severity 3) names it as `cause` and in
 * `details: {status: 'ERROR', reason, failed_timeframe}`. (An ERROR the cascade decides, such as a
 * stale or unclosed candle, is a decision: its trail ends in `MTF_DECISION`, see audit/auditRows.ts.)
 */
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { EvaluatedSymbol } from './evaluation/EvaluationJob.ts';
import type { RunStop } from './response/runResponse.ts';
import type { StoppedSymbol } from './skippedResult.ts';

/** The public fields of an ERROR, the same in `results` and in an evaluator's answer. */
interface ErrorFields<Stop extends RunStop> {
  readonly symbol: string;
  readonly status: 'ERROR';
  readonly signal_side: 'NONE';
  readonly execution_tf: null;
  readonly failed_timeframe: Stop | null;
  readonly reason: string;
  readonly context: null;
  readonly current_price: number | null;
  readonly atr: null;
  readonly error: { readonly message: string };
}

function errorOutcome<Stop extends RunStop>(
  symbol: string,
  reason: string,
  failedTimeframe: Stop | null,
  currentPrice: number | null,
): { fields: ErrorFields<Stop>; audit: AuditDraft } {
  return {
    fields: {
      symbol,
      status: 'ERROR',
      signal_side: 'NONE',
      execution_tf: null,
      failed_timeframe: failedTimeframe,
      reason,
      context: null,
      current_price: currentPrice,
      atr: null,
      error: { message: reason },
    },
    audit: {
      symbol,
      step: 'ERROR',
      timeframe: null,
      cause: reason,
      severity: SEVERITY.error,
      candleOpenTime: null,
      details: { status: 'ERROR', reason, failed_timeframe: failedTimeframe },
    },
  };
}

/** A symbol the runner stopped with an ERROR before evaluating it; `stop` says where (`open_exposure`). */
export function stoppedWithError(symbol: string, reason: string, stop: RunStop): StoppedSymbol {
  const { fields, audit } = errorOutcome(symbol, reason, stop, null);
  return { result: { ...fields, trading_decision: null }, audit };
}

/**
 * A symbol whose evaluation ended in ERROR, as an evaluator answers it: `at` names the timeframe
 * short of candles and the price read so far, when there are some.
 */
export function evaluationError(
  symbol: string,
  reason: string,
  cursors: Partial<Record<MtfTimeframe, number>>,
  at: { readonly failedTimeframe?: MtfTimeframe; readonly currentPrice?: number | null } = {},
): EvaluatedSymbol {
  const { fields, audit } = errorOutcome(symbol, reason, at.failedTimeframe ?? null, at.currentPrice ?? null);
  return { ...fields, kline_time: null, market: null, cursors, audits: [audit], snapshots: [] };
}
