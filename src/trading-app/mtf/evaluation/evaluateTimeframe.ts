import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { EvaluationEnvironment } from '../conditions/types.ts';
import type { MtfConfig } from '../config/MtfConfig.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import { type ExplainedResult, missingLeaf } from './ExplainedResult.ts';
import { evaluateNode } from './evaluateNode.ts';

export type Signal = 'LONG' | 'SHORT' | 'NONE';

export interface TimeframeEvaluation {
  readonly timeframe: MtfTimeframe;
  readonly signal: Signal;
  readonly long: ExplainedResult;
  readonly short: ExplainedResult;
  /** Both sides passed: the rules do not tell the direction, so the signal is NONE (see README, tie-break). */
  readonly tie: boolean;
}

/** What evaluateTimeframe may read besides the context; the file's defaults are added from the config. */
export type TimeframeEnvironment = Omit<EvaluationEnvironment, 'defaults'>;

/**
 * Evaluates a timeframe's `long:` and `short:` lists (steps 5–6 of
 * docs/reference/original-system.md#timeframe-evaluation): LONG when only long passes, SHORT when only short
 * passes, NONE otherwise. CHANGED from the original, which gave LONG when both passed: the shipped scalper
 * file's 15m "pullback" scenario is not directional and passes in a down-trend near VWAP, so the original
 * tie-break would turn a bearish 15m into a LONG context. Both passing is ambiguity: no trade. A side the file
 * leaves out never passes. May throw only on a defect in our own code; the cascade turns that into ERROR.
 */
export function evaluateTimeframe(
  config: MtfConfig,
  timeframe: MtfTimeframe,
  context: IndicatorContext,
  environment: TimeframeEnvironment = {},
): TimeframeEvaluation {
  const rules = config.validation[timeframe];
  const full: EvaluationEnvironment = { ...environment, defaults: config.conditionDefaults[timeframe] ?? {} };
  const long = evaluateSide('long', rules?.long, context, full);
  const short = evaluateSide('short', rules?.short, context, full);
  const signal: Signal = long.passed === short.passed ? 'NONE' : long.passed ? 'LONG' : 'SHORT';
  return { timeframe, signal, long, short, tie: long.passed && short.passed };
}

function evaluateSide(
  side: 'long' | 'short',
  node: RuleNode | undefined,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): ExplainedResult {
  if (!node)
    return { ...missingLeaf(side, { reason: 'side_not_configured' }), meta: { reason: 'side_not_configured' } };
  return evaluateNode(node, context, environment);
}

/** Evaluates a list such as `filters_mandatory` on a timeframe's context with the file's defaults. */
export function evaluateList(
  config: MtfConfig,
  node: RuleNode,
  timeframe: MtfTimeframe,
  context: IndicatorContext,
  environment: TimeframeEnvironment,
): ExplainedResult {
  return evaluateNode(node, context, { ...environment, defaults: config.conditionDefaults[timeframe] ?? {} });
}
