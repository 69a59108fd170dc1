import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { finite } from '../conditions/defineCondition.ts';
import type { EvaluationEnvironment } from '../conditions/types.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import { isMtfTimeframe } from '../timeframes.ts';
import { type ExplainedResult, leaf, missingLeaf } from './ExplainedResult.ts';

type AtrBandNode = Extract<RuleNode, { kind: 'atr_band' }>;

/** ATR values used to judge stability and the volatility bucket (the ATR period). */
const STABILITY_WINDOW = 14;
const BUCKET_WINDOW = 50;
const HIGH_BUCKET = 1.5;
const LOW_BUCKET = 1 / 1.5;
const WIDEN = 1.25;

/**
 * `{use_atr_tf, min, max, adapt_with_vol_bucket}` (decision in ../README.md):
 * - the ratio checked is ATR/close of one timeframe: the evaluated one, or — with `use_atr_tf` — the listed
 *   timeframe whose recent ATR is the most stable (lowest coefficient of variation over the last 14 values;
 *   ties keep the listed order). Listed timeframes without a context are skipped; none → missing data.
 * - `adapt_with_vol_bucket`: the bucket is ATR over the median of its last 50 values. High (≥ 1.5) widens the
 *   band (min ÷ 1.25, max × 1.25); low (≤ 1/1.5) tightens it (min × 1.25, max ÷ 1.25); otherwise unchanged.
 */
export function evaluateAtrBand(
  node: AtrBandNode,
  context: IndicatorContext,
  environment: EvaluationEnvironment,
): ExplainedResult {
  const candidates = (node.timeframes ?? [context.timeframe]).flatMap((timeframe) => {
    const source =
      timeframe === context.timeframe
        ? context
        : isMtfTimeframe(timeframe)
          ? environment.peers?.[timeframe]
          : undefined;
    const atr = finite(source?.atr);
    const close = finite(source?.close);
    return source && atr !== undefined && close !== undefined && close > 0
      ? [{ timeframe, source, ratio: atr / close, stability: variation(source.atrSeries.slice(0, STABILITY_WINDOW)) }]
      : [];
  });
  if (candidates.length === 0)
    return missingLeaf(node.label, { kind: 'atr_band', wanted_timeframes: node.timeframes ?? [context.timeframe] });
  const chosen = candidates.reduce((best, candidate) => (candidate.stability < best.stability ? candidate : best));
  const bucket = node.adaptWithVolatility ? volatilityBucket(chosen.source) : 'fixed';
  const [min, max] =
    bucket === 'high'
      ? [node.min / WIDEN, node.max * WIDEN]
      : bucket === 'low'
        ? [node.min * WIDEN, node.max / WIDEN]
        : [node.min, node.max];
  return leaf(node.label, chosen.ratio >= min && chosen.ratio <= max, chosen.ratio, min, {
    kind: 'atr_band',
    atr_timeframe: chosen.timeframe,
    min,
    max,
    bucket,
  });
}

function variation(values: readonly number[]): number {
  if (values.length < 2) return Number.POSITIVE_INFINITY;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (mean <= 0) return Number.POSITIVE_INFINITY;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

function volatilityBucket(context: IndicatorContext): 'high' | 'low' | 'normal' | 'unknown' {
  const atr = finite(context.atr);
  const tail = [...context.atrSeries.slice(0, BUCKET_WINDOW)].sort((a, b) => a - b);
  if (atr === undefined || tail.length < 2) return 'unknown';
  const median = tail[Math.floor((tail.length - 1) / 2)] as number;
  if (median <= 0) return 'unknown';
  const ratio = atr / median;
  return ratio >= HIGH_BUCKET ? 'high' : ratio <= LOW_BUCKET ? 'low' : 'normal';
}
