import type { TradeEntry, TradeEntryOutcome } from '../trade-entry/TradeEntry.ts';
import { type AuditDraft, SEVERITY } from './audit/auditRows.ts';
import type { EvaluatedSymbol } from './evaluation/EvaluationJob.ts';
import type { SymbolResult } from './response/runResponse.ts';

const STEP: Record<TradeEntryOutcome['status'], string> = {
  simulated: 'TRADE_ENTRY_SIMULATED',
  submitted: 'TRADE_ENTRY_SUBMITTED',
  skipped: 'TRADE_ENTRY_SKIPPED',
  error: 'TRADE_ENTRY_FAILED',
};

/** An evaluated symbol, its public result, and the audit rows of its trade entry (none unless READY). */
export interface DecidedSymbol {
  readonly evaluated: EvaluatedSymbol;
  readonly result: SymbolResult;
  readonly audits: readonly AuditDraft[];
}

/**
 * Hands each READY symbol to trade entry, one after the other (entries share one account's
 * margin). A thrown error becomes `{status: "error"}` for that symbol only (docs/reference/seed-contracts.md#mtf-run
 * shapes). Anything not READY gets `trading_decision: null`.
 */
export async function tradeDecisions(
  entry: TradeEntry,
  run: { readonly runId: string; readonly profile: string },
  evaluated: readonly EvaluatedSymbol[],
): Promise<DecidedSymbol[]> {
  const decided: DecidedSymbol[] = [];
  for (const item of evaluated) {
    const result = evaluatedResult(item);
    if (
      item.status !== 'READY' ||
      item.execution_tf === null ||
      item.signal_side === 'NONE' ||
      item.kline_time === null
    ) {
      decided.push({ evaluated: item, result, audits: [] });
      continue;
    }
    const request = {
      runId: run.runId,
      profile: run.profile,
      symbol: item.symbol,
      side: item.signal_side,
      executionTimeframe: item.execution_tf,
      klineTime: item.kline_time,
      atr: item.atr,
      referencePrice: item.current_price ?? Number.NaN,
      market: item.market ?? undefined,
    };
    let outcome: TradeEntryOutcome;
    try {
      outcome = await entry.enter(request);
    } catch (error) {
      outcome = { status: 'error', error: error instanceof Error ? error.message : String(error), decision_key: '' };
    }
    const audit: AuditDraft = {
      symbol: item.symbol,
      step: STEP[outcome.status],
      timeframe: item.execution_tf,
      cause: outcome.status === 'skipped' ? outcome.reason : outcome.status === 'error' ? outcome.error : null,
      severity:
        outcome.status === 'error'
          ? SEVERITY.error
          : outcome.status === 'skipped'
            ? SEVERITY.warning
            : SEVERITY.success,
      candleOpenTime: item.kline_time,
      details: { trading_decision: outcome },
    };
    decided.push({ evaluated: item, result: { ...result, trading_decision: outcome }, audits: [audit] });
  }
  return decided;
}

/** The public result of an evaluated symbol (its trade decision is added for READY ones). */
function evaluatedResult(evaluated: EvaluatedSymbol): SymbolResult {
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
