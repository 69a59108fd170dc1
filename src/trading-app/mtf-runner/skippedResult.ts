import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { RunStop, SymbolResult } from './response/runResponse.ts';

/** A symbol that ended before evaluation: its one result and its one audit row. */
export interface StoppedSymbol {
  readonly result: SymbolResult;
  readonly audit: AuditDraft;
}

/**
 * A symbol skipped before evaluation (global or symbol switch, open exposure, a lock), audited as
 * `step` (severity 1) with the same details as an ERROR stop (errorResult.ts).
 */
export function skippedResult(symbol: string, stop: RunStop, reason: string, step: string): StoppedSymbol {
  return {
    result: {
      symbol,
      status: 'SKIPPED',
      execution_tf: null,
      failed_timeframe: stop,
      signal_side: 'NONE',
      trading_decision: null,
      error: null,
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
      severity: SEVERITY.warning,
      candleOpenTime: null,
      details: { status: 'SKIPPED', reason, failed_timeframe: stop },
    },
  };
}
