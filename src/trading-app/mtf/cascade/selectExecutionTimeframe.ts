import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { finite } from '../conditions/defineCondition.ts';
import type { MtfConfig } from '../config/MtfConfig.ts';
import type { SelectorCheck } from '../config/selectorChecks.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import type { SelectorTrace } from './SymbolDecision.ts';

type Contexts = Partial<Record<MtfTimeframe, IndicatorContext>>;
type Facts = Readonly<Record<string, number | boolean>>;
type CheckResult = SelectorTrace['checks'][number];

/**
 * Walks the execution timeframes from the default downwards (the original ExecutionSelector, generalised):
 * at timeframe T, stay if every non-missing `stay_on_if` check passes (an all-missing or empty group does not);
 * else move to the next lower execution TF if a non-missing `drop_to_lower_if_any` check passes and no
 * `forbid_drop_to_lower_if_any` check does (and, into 1m, if `allow_1m_only_for` allows); else stay on T.
 * Without an `execution_selector` the default is kept.
 */
export function selectExecutionTimeframe(
  config: MtfConfig,
  contexts: Contexts,
  facts: Facts,
): { timeframe: MtfTimeframe; trace: SelectorTrace[] } {
  const trace: SelectorTrace[] = [];
  const order = config.executionTimeframes;
  let index = order.indexOf(config.executionTimeframeDefault);
  const selector = config.executionSelector;
  while (selector) {
    const timeframe = order[index] as MtfTimeframe;
    const rules = selector.perTimeframe[timeframe];
    const next = order[index + 1];
    if (!rules) return done(timeframe, trace, 'no_rule', []);
    const stay = rules.stayOnIf.map((check) => run(check, contexts, facts));
    if (allPassed(stay)) return done(timeframe, trace, 'stay', stay);
    const drop = rules.dropToLowerIfAny.map((check) => run(check, contexts, facts));
    const forbid = rules.forbidDropToLowerIfAny.map((check) => run(check, contexts, facts));
    if (!next || !anyPassed(drop)) return done(timeframe, trace, next ? 'stay' : 'lowest', [...stay, ...drop]);
    if (anyPassed(forbid)) return done(timeframe, trace, 'forbidden', [...drop, ...forbid]);
    if (
      next === '1m' &&
      selector.allow1mOnlyFor &&
      !anyPassed(selector.allow1mOnlyFor.map((c) => run(c, contexts, facts)))
    ) {
      return done(timeframe, trace, '1m_not_allowed', drop);
    }
    trace.push({ timeframe, step: 'drop', checks: [...stay, ...drop, ...forbid] });
    index += 1;
  }
  return { timeframe: config.executionTimeframeDefault, trace };
}

function done(timeframe: MtfTimeframe, trace: SelectorTrace[], step: SelectorTrace['step'], checks: CheckResult[]) {
  trace.push({ timeframe, step, checks });
  return { timeframe, trace };
}

function allPassed(results: readonly CheckResult[]): boolean {
  const present = results.filter((result) => !result.missing);
  return present.length > 0 && present.every((result) => result.passed);
}

function anyPassed(results: readonly CheckResult[]): boolean {
  return results.some((result) => !result.missing && result.passed);
}

function run(check: SelectorCheck, contexts: Contexts, facts: Facts): CheckResult {
  if (check.kind === 'constant') return { name: check.name, passed: check.value, value: check.value, missing: false };
  if (check.kind === 'flag') {
    const value = facts[check.name];
    if (typeof value !== 'boolean') return { name: check.name, passed: false, value: null, missing: true };
    return { name: check.name, passed: value === check.expected, value, missing: false };
  }
  const value = metricValue(check, contexts, facts);
  if (value === undefined) return { name: check.name, passed: false, value: null, missing: true };
  const passed = {
    gte: value >= check.bound,
    gt: value > check.bound,
    lte: value <= check.bound,
    lt: value < check.bound,
  }[check.comparison];
  return { name: check.name, passed, value, missing: false };
}

function metricValue(
  check: Extract<SelectorCheck, { kind: 'metric' }>,
  contexts: Contexts,
  facts: Facts,
): number | undefined {
  const metric = check.metric;
  if (metric.source === 'fact') return finite(facts[metric.fact]);
  const context = contexts[metric.timeframe];
  if (metric.source === 'adx') return finite(context?.adx);
  const atr = finite(context?.atr);
  const close = finite(context?.close);
  return atr === undefined || close === undefined || close <= 0 ? undefined : (atr / close) * 10_000;
}
