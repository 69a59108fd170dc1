import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { EvaluationEnvironment } from '../conditions/types.ts';
import { readField, readSeries } from '../rules/fields.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import { evaluateAtrBand } from './atrBand.ts';
import { compare } from './compare.ts';
import { type ExplainedResult, leaf, missingLeaf } from './ExplainedResult.ts';

/**
 * Evaluates a compiled rule tree on one timeframe's context. Pure: the same tree, context and environment give
 * the same result. Composites evaluate every child (no short-circuit) so explanations are complete.
 */
export function evaluateNode(
  node: RuleNode,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): ExplainedResult {
  switch (node.kind) {
    case 'condition': {
      const result = node.condition.evaluate(context, node.params, environment);
      const meta = Object.keys(node.params).length > 0 ? { ...result.meta, params: node.params } : result.meta;
      return leaf(node.label, result.passed, result.value, result.threshold, meta);
    }
    case 'all_of':
    case 'any_of': {
      const children = node.items.map((item) => evaluateNode(item, context, environment));
      // An empty all_of passes (nothing required); an empty any_of fails (no alternative holds),
      // docs/reference/original-system.md#side-lists.
      const passed = node.kind === 'all_of' ? children.every((c) => c.passed) : children.some((c) => c.passed);
      return {
        name: node.label,
        passed,
        value: null,
        threshold: null,
        children,
        meta: { type: node.kind, item_count: children.length },
      };
    }
    case 'rule':
      return evaluateRule(node, context, environment);
    case 'not': {
      const inner = evaluateNode(node.item, context, environment);
      const passed = !inner.passed && inner.meta.missing_data !== true;
      return {
        name: node.label,
        passed,
        value: inner.value,
        threshold: inner.threshold,
        children: [inner],
        meta: { expected: false },
      };
    }
    case 'trend':
      return evaluateTrend(node, context, environment);
    case 'fields': {
      const left = readField(node.left[1], context, environment);
      const right = readField(node.right[1], context, environment);
      const meta = { left: node.left[0], operator: node.operator, right: node.right[0], eps: node.eps };
      if (left === undefined || right === undefined) return missingLeaf(node.label, meta);
      return leaf(node.label, compare(left, node.operator, right, node.eps), left, right, meta);
    }
    case 'slope': {
      const series = readSeries(node.field, node.ref, context, environment);
      const meta = { field: node.field, lookback: node.lookback, operator: node.operator };
      if (series.length < node.lookback + 1)
        return missingLeaf(node.label, { ...meta, available_points: series.length });
      // Average slope per bar over the lookback: (x[0] − x[L]) / L.
      const value = ((series[0] as number) - (series[node.lookback] as number)) / node.lookback;
      return leaf(node.label, compare(value, node.operator, node.right, node.eps), value, node.right, meta);
    }
    case 'range': {
      const value = readField(node.ref, context, environment);
      const meta = { field: node.field, min: node.min, max: node.max };
      if (value === undefined) return missingLeaf(node.label, meta);
      return leaf(node.label, value >= node.min && value <= node.max, value, node.min, meta);
    }
    case 'atr_band':
      return evaluateAtrBand(node, context, environment);
  }
}

/**
 * A named rule. With `validity_bars: N` a failure now is retried on the N−1 previous bars of the supplied history
 * (newest first); earlier bars are evaluated without peers, so cross-timeframe reads there count as missing.
 */
function evaluateRule(
  node: Extract<RuleNode, { kind: 'rule' }>,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): ExplainedResult {
  const body = evaluateNode(node.body, context, environment);
  let passed = body.passed;
  let barsAgo = passed ? 0 : null;
  const history = environment.history ?? [];
  for (let k = 1; !passed && k < node.validityBars && k <= history.length; k += 1) {
    const earlier = { ...environment, peers: {}, history: history.slice(k) };
    if (evaluateNode(node.body, history[k - 1] as IndicatorContext, earlier).passed) {
      passed = true;
      barsAgo = k;
    }
  }
  const meta: Record<string, unknown> = { rule: node.label };
  if (node.validityBars > 1)
    Object.assign(meta, { validity_bars: node.validityBars, passed_bars_ago: barsAgo, history_bars: history.length });
  if (body.meta.missing_data === true) meta.missing_data = true;
  return { name: node.label, passed, value: body.value, threshold: body.threshold, children: [body], meta };
}

/** `increasing`/`decreasing` over a series, newest first (original-system.md#rule-specs, #test-vectors). */
function evaluateTrend(
  node: Extract<RuleNode, { kind: 'trend' }>,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): ExplainedResult {
  const series = readSeries(node.field, node.ref, context, environment);
  const meta = { field: node.field, n: node.n, strict: node.strict, eps: node.eps };
  if (series.length < node.n + 1) return missingLeaf(node.label, { ...meta, available_points: series.length });
  const used = series.slice(0, node.n + 1);
  const diffs = Array.from({ length: node.n }, (_, i) => (used[i] as number) - (used[i + 1] as number));
  const up = node.direction === 'increasing';
  const ok = (d: number) => (node.strict ? (up ? d > node.eps : d < -node.eps) : up ? d >= -node.eps : d <= node.eps);
  return leaf(node.label, diffs.every(ok), used[0] as number, used[node.n] as number, {
    ...meta,
    series_used: used,
    diffs,
    comparisons: diffs.length,
    missing_data: false,
  });
}
