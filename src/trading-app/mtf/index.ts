/**
 * The multi-timeframe engine: YAML rule files → compiled rule trees → per-timeframe evaluation → per-symbol
 * cascade. Pure: closed-candle indicator contexts in, an explained decision out
 * (docs/style.md#deterministic-strategies).
 */

export { evaluateSymbol, type SymbolInput } from './cascade/evaluateSymbol.ts';
export { GRACE_MS } from './cascade/freshness.ts';
export type {
  ContextSummary,
  SelectorTrace,
  SymbolDecision,
  SymbolStatus,
  TimeframeOutcome,
} from './cascade/SymbolDecision.ts';
export { CATALOGUE_CONDITIONS, CONDITIONS, EXTRA_CONDITIONS } from './conditions/registry.ts';
export type { ConditionDefinition, ConditionOutcome, EvaluationEnvironment, Params } from './conditions/types.ts';
export { loadMtfConfig, parseMtfConfig } from './config/loadMtfConfig.ts';
export type { MtfConfig, TimeframeRules } from './config/MtfConfig.ts';
export { MtfConfigError } from './config/MtfConfigError.ts';
export type { ExplainedResult } from './evaluation/ExplainedResult.ts';
export { evaluateTimeframe, type Signal, type TimeframeEvaluation } from './evaluation/evaluateTimeframe.ts';
export { formatDecision, formatResult } from './evaluation/formatDecision.ts';
export { MTF_TIMEFRAMES, type MtfTimeframe } from './timeframes.ts';
