import type { MtfConfig } from '../config/MtfConfig.ts';
import type { Signal } from '../evaluation/evaluateTimeframe.ts';
import { evaluateList } from '../evaluation/evaluateTimeframe.ts';
import { type MtfTimeframe, timeframeRank } from '../timeframes.ts';
import { runTimeframe, type SymbolInput } from './runTimeframe.ts';
import type { ContextSummary, SymbolDecision, SymbolStatus, TimeframeOutcome } from './SymbolDecision.ts';
import { selectExecutionTimeframe } from './selectExecutionTimeframe.ts';

export type { SymbolInput } from './runTimeframe.ts';

/**
 * The per-symbol cascade (docs/reference/original-system.md#timeframe-evaluation, #cascade,
 * generalised to profiles). Pure and deterministic.
 * 1. Context timeframes, highest first: each must be VALID with a side, all the same side; the first that is
 *    not ends the run (SKIPPED / GRACE_WINDOW / ERROR / INVALID with failed_timeframe and reason).
 * 2. Every execution timeframe is evaluated; the execution TF is `currentTf`, else the selector's choice.
 * 3. Required to agree with the context side: strict mode → every execution TF (the original chain);
 *    pragmatic → the chosen TF, plus those below it unless `allow_skip_lower_tf`.
 * 4. `filters_mandatory` must pass on the chosen TF. Then READY.
 */
export function evaluateSymbol(config: MtfConfig, input: SymbolInput): SymbolDecision {
  const outcomes: Partial<Record<MtfTimeframe, TimeframeOutcome>> = {};
  const stop = (status: SymbolStatus, timeframe: MtfTimeframe, reason: string | null): SymbolDecision =>
    decision(config, input, outcomes, { status, failed_timeframe: timeframe, reason });

  let direction: Signal = 'NONE';
  let parent: MtfTimeframe | undefined;
  for (const timeframe of config.contextTimeframes) {
    const outcome = runTimeframe(config, timeframe, input);
    outcomes[timeframe] = outcome;
    if (outcome.status !== 'VALID') return stop(outcome.status, timeframe, outcome.reason);
    if (parent && outcome.signal !== direction) return stop('INVALID', timeframe, alignment(timeframe, parent));
    direction = outcome.signal;
    parent = timeframe;
  }

  for (const timeframe of config.executionTimeframes) outcomes[timeframe] = runTimeframe(config, timeframe, input);
  if (input.currentTf && !config.executionTimeframes.includes(input.currentTf)) {
    return stop('INVALID', input.currentTf, `NOT_AN_EXECUTION_TIMEFRAME_${input.currentTf}`);
  }
  const selection = input.currentTf
    ? { timeframe: input.currentTf, trace: [] }
    : selectExecutionTimeframe(config, input.contexts, input.facts ?? {});
  const chosen = selection.timeframe;
  const required = config.executionTimeframes.filter(
    (tf) =>
      config.mode === 'strict' ||
      tf === chosen ||
      (!config.allowSkipLowerTimeframe && timeframeRank(tf) > timeframeRank(chosen)),
  );
  for (const timeframe of required) {
    const outcome = outcomes[timeframe] as TimeframeOutcome;
    if (outcome.status !== 'VALID')
      return { ...stop(outcome.status, timeframe, outcome.reason), selector: selection.trace };
    if (outcome.signal !== direction) {
      return { ...stop('INVALID', timeframe, alignment(timeframe, parent as MtfTimeframe)), selector: selection.trace };
    }
    parent = timeframe;
  }

  const context = input.contexts[chosen];
  let filters: SymbolDecision['filters'];
  if (config.filtersMandatory && context) {
    const environment = { peers: input.contexts, history: input.history?.[chosen] ?? [], facts: input.facts ?? {} };
    filters = evaluateList(config, config.filtersMandatory, chosen, context, environment);
    if (!filters.passed)
      return { ...stop('INVALID', chosen, 'FILTERS_MANDATORY_FAILED'), filters, selector: selection.trace };
  }
  return {
    ...decision(config, input, outcomes, { status: 'READY', failed_timeframe: null, reason: null }),
    signal_side: direction,
    execution_tf: chosen,
    atr: context?.atr ?? null,
    kline_time: context?.klineTime ?? null,
    selector: selection.trace,
    ...(filters ? { filters } : {}),
  };
}

function alignment(timeframe: MtfTimeframe, parent: MtfTimeframe): string {
  return `ALIGNMENT_${timeframe.toUpperCase()}_NE_${parent.toUpperCase()}`;
}

function decision(
  config: MtfConfig,
  input: SymbolInput,
  outcomes: Partial<Record<MtfTimeframe, TimeframeOutcome>>,
  result: Pick<SymbolDecision, 'status' | 'failed_timeframe' | 'reason'>,
): SymbolDecision {
  return {
    symbol: input.symbol,
    ...result,
    signal_side: 'NONE',
    execution_tf: null,
    context: summarize(config, outcomes),
    atr: null,
    kline_time: null,
    timeframes: outcomes,
  };
}

function summarize(config: MtfConfig, outcomes: Partial<Record<MtfTimeframe, TimeframeOutcome>>): ContextSummary {
  const signals = Object.fromEntries(
    config.contextTimeframes.flatMap((tf) => (outcomes[tf] ? [[tf, outcomes[tf].signal]] : [])),
  );
  const values = Object.values(signals) as Signal[];
  const aligned = values.length > 0 && values.every((signal) => signal !== 'NONE' && signal === values[0]);
  const populated = config.contextTimeframes.every((tf) => outcomes[tf]?.evaluation !== undefined);
  return {
    context_signals: signals,
    context_aligned: aligned,
    context_dir: aligned ? (values[0] as Signal) : 'NONE',
    context_tfs: config.contextTimeframes,
    context_fully_populated: populated,
    context_fully_aligned: populated && aligned && values.length === config.contextTimeframes.length,
  };
}
