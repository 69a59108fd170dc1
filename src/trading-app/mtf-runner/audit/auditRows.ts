import type { SymbolDecision, TimeframeOutcome } from '../../mtf/cascade/SymbolDecision.ts';
import { type ExplainedResult, failedLeaves, flattenResults } from '../../mtf/evaluation/ExplainedResult.ts';
import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/**
 * Severities (docs/reference/original-system.md#audits): 0 success, 1 warning (alignment, grace,
 * skip), 2 validation failed, 3 error.
 */
export const SEVERITY = { success: 0, warning: 1, failed: 2, error: 3 } as const;
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

/** An audit row before the runner stamps it with the run id and time. */
export interface AuditDraft {
  readonly symbol: string;
  readonly step: string;
  readonly timeframe: string | null;
  readonly cause: string | null;
  readonly severity: Severity;
  readonly candleOpenTime: number | null;
  readonly details: Readonly<Record<string, unknown>>;
}

const TIMEFRAME_STEP: Record<TimeframeOutcome['status'], { suffix: string; severity: Severity }> = {
  VALID: { suffix: 'VALIDATION_SUCCESS', severity: SEVERITY.success },
  INVALID: { suffix: 'VALIDATION_FAILED', severity: SEVERITY.failed },
  ERROR: { suffix: 'VALIDATION_EXCEPTION', severity: SEVERITY.error },
  SKIPPED: { suffix: 'KILL_SWITCH_OFF', severity: SEVERITY.warning },
  GRACE_WINDOW: { suffix: 'GRACE_WINDOW', severity: SEVERITY.warning },
};

const DECISION_SEVERITY: Record<SymbolDecision['status'], Severity> = {
  READY: SEVERITY.success,
  INVALID: SEVERITY.failed,
  GRACE_WINDOW: SEVERITY.warning,
  SKIPPED: SEVERITY.warning,
  ERROR: SEVERITY.error,
};

/**
 * The decision trail of one evaluated symbol (original-system.md#audits): `{tf}_VALIDATION_*` per timeframe reached,
 * `ALIGNMENT_FAILED` / `FILTERS_MANDATORY_FAILED` when those ended it, then one `MTF_DECISION`.
 */
export function decisionAudits(decision: SymbolDecision): AuditDraft[] {
  const rows: AuditDraft[] = [];
  for (const outcome of Object.values(decision.timeframes)) {
    if (!outcome) continue;
    const step = TIMEFRAME_STEP[outcome.status];
    rows.push({
      symbol: decision.symbol,
      step: `${outcome.timeframe}_${step.suffix}`,
      timeframe: outcome.timeframe,
      cause: outcome.reason,
      severity: step.severity,
      candleOpenTime: outcome.klineTime,
      details: timeframeDetails(outcome, step.severity),
    });
  }
  const tail = (step: string, severity: Severity): AuditDraft => ({
    symbol: decision.symbol,
    step,
    timeframe: decision.failed_timeframe ?? decision.execution_tf,
    cause: decision.reason,
    severity,
    candleOpenTime: decision.kline_time,
    details: {},
  });
  if (decision.reason?.startsWith('ALIGNMENT_')) rows.push(tail('ALIGNMENT_FAILED', SEVERITY.warning));
  if (decision.reason === 'FILTERS_MANDATORY_FAILED') {
    const filters = decision.filters;
    rows.push({
      ...tail('FILTERS_MANDATORY_FAILED', SEVERITY.failed),
      details: { failed: filters ? failedLeaves(filters) : [] },
    });
  }
  rows.push({
    ...tail('MTF_DECISION', DECISION_SEVERITY[decision.status]),
    details: {
      status: decision.status,
      signal_side: decision.signal_side,
      execution_tf: decision.execution_tf,
      failed_timeframe: decision.failed_timeframe,
      atr: decision.atr,
      context: decision.context,
    },
  });
  return rows;
}

function timeframeDetails(outcome: TimeframeOutcome, severity: Severity): Record<string, unknown> {
  const evaluation = outcome.evaluation;
  const base = {
    timeframe: outcome.timeframe,
    kline_time: isoOrNull(outcome.klineTime),
    signal_side: outcome.signal,
    severity,
  };
  if (!evaluation) return { ...base, passed: false };
  return {
    ...base,
    passed: outcome.status === 'VALID',
    conditions_long: passedLeaves(evaluation.long),
    conditions_short: passedLeaves(evaluation.short),
    failed_conditions_long: failedLeaves(evaluation.long),
    failed_conditions_short: failedLeaves(evaluation.short),
  };
}

/** Adds the price metrics of the timeframe's context (`metrics{price, atr, atr_rel}` of original-system.md#audits). */
export function withMetrics(
  draft: AuditDraft,
  metrics: Partial<Record<MtfTimeframe, { close: number; atr: number | undefined }>>,
): AuditDraft {
  const timeframe = draft.timeframe as MtfTimeframe | null;
  const values = timeframe ? metrics[timeframe] : undefined;
  if (!values || !draft.step.includes('_VALIDATION_')) return draft;
  const atr = values.atr ?? null;
  return {
    ...draft,
    details: {
      ...draft.details,
      current_price: values.close,
      atr,
      metrics: { price: values.close, atr, atr_rel: atr === null ? null : atr / values.close },
    },
  };
}

function passedLeaves(result: ExplainedResult): string[] {
  return flattenResults(result)
    .filter((node) => node.children.length === 0 && node.passed)
    .map((node) => node.name);
}

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}
