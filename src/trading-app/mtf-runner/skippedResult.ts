import type { SymbolStatus } from '../mtf/cascade/SymbolDecision.ts';
import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { EvaluatedSymbol } from './evaluation/EvaluationJob.ts';
import type { RunStop, SymbolResult } from './response/runResponse.ts';

/** A symbol stopped before evaluation (switch, exposure, lock, global switch): its result and audit row. */
export function stoppedBeforeEvaluation(
  symbol: string,
  status: Extract<SymbolStatus, 'SKIPPED' | 'ERROR'>,
  stop: RunStop,
  reason: string,
  step: string,
): { result: SymbolResult; audit: AuditDraft } {
  return {
    result: {
      symbol,
      status,
      execution_tf: null,
      failed_timeframe: stop,
      signal_side: 'NONE',
      trading_decision: null,
      error: status === 'ERROR' ? { message: reason } : null,
      context: null,
      current_price: null,
      atr: null,
      reason,
    },
    audit: {
      symbol,
      step,
      timeframe: null,
      cause: reason,
      severity: status === 'ERROR' ? SEVERITY.error : SEVERITY.warning,
      candleOpenTime: null,
      details: { status, reason },
    },
  };
}

/** The public result of an evaluated symbol (trade decision added later for READY ones). */
export function evaluatedResult(evaluated: EvaluatedSymbol): SymbolResult {
  return {
    symbol: evaluated.symbol,
    status: evaluated.status,
    execution_tf: evaluated.execution_tf,
    failed_timeframe: evaluated.failed_timeframe,
    signal_side: evaluated.signal_side,
    trading_decision: null,
    error: evaluated.error,
    context: evaluated.context,
    current_price: evaluated.current_price,
    atr: evaluated.atr,
    reason: evaluated.reason,
  };
}
