import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { defineCondition, finite, missing, num, outcome, relative } from './defineCondition.ts';
import type { ConditionDefinition } from './types.ts';

/**
 * Trend conditions on EMAs and the close (docs/reference/original-system.md#conditions). "MA9"/"MA21"
 * are EMAs, as in the original classes.
 */
type EmaPeriod = 9 | 20 | 21 | 50 | 200;
const ema = (context: IndicatorContext, period: EmaPeriod) => finite(context.ema[period]);
const emaPrev = (context: IndicatorContext, period: EmaPeriod) => finite(context.emaPrev[period]);

/** `fast` vs `slow` EMA: value fast/slow − 1 (null when slow is 0, the comparison still decides). */
function emaVersus(name: string, fast: EmaPeriod, slow: EmaPeriod, above: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `EMA${fast} ${above ? '>' : '<'} EMA${slow}`,
    run(context) {
      const a = ema(context, fast);
      const b = ema(context, slow);
      if (a === undefined || b === undefined) return missing([`ema_${fast}`, `ema_${slow}`]);
      const passed = above ? a > b : a < b;
      return outcome(passed, relative(a, b) ?? null, null, { [`ema${fast}`]: a, [`ema${slow}`]: b, source: 'EMA' });
    },
  });
}

/** close vs EMA200: value c/e200 − 1. */
function closeVersusEma200(name: string, above: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `close ${above ? '>' : '<'} EMA200`,
    run(context) {
      const e200 = ema(context, 200);
      const close = finite(context.close);
      if (e200 === undefined || close === undefined) return missing(['close', 'ema_200']);
      return outcome(above ? close > e200 : close < e200, relative(close, e200) ?? null, 0, { close, ema200: e200 });
    },
  });
}

/** c/e200 − 1 compared to a signed threshold (DI default −0.0015 for both, original-system.md#conditions). */
function closeMinusEma200(name: string, greater: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `close/EMA200 − 1 ${greater ? '>' : '<'} threshold (default −0.0015)`,
    params: { threshold: num(-0.0015, [`${name}_threshold`]) },
    thresholdParam: 'threshold',
    comparison: greater ? 'gt' : 'lt',
    run(context, { threshold }) {
      const e200 = ema(context, 200);
      const close = finite(context.close);
      const ratio = close === undefined || e200 === undefined ? undefined : relative(close, e200);
      if (ratio === undefined) return missing(['close', 'ema_200']);
      return outcome(greater ? ratio > threshold : ratio < threshold, ratio, threshold, { close, ema200: e200 });
    },
  });
}

/** One-bar slope of an EMA: ema − ema_prev (ema200 uses the context's precomputed `ema200Slope`). */
function emaSlope(name: string, period: 20 | 200, positive: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `EMA${period} one-bar slope ${positive ? '> 0' : '< 0'}`,
    run(context) {
      const now = ema(context, period);
      const before = emaPrev(context, period);
      const slope = period === 200 ? finite(context.ema200Slope) : undefined;
      const value = slope ?? (now !== undefined && before !== undefined ? now - before : undefined);
      if (value === undefined) return missing([`ema_${period}`, `ema_prev_${period}`]);
      return outcome(positive ? value > 0 : value < 0, value, 0);
    },
  });
}

/** close/e200 − 1 within a tolerance band on one side (long: ≥ −tol; short: ≤ +tol). */
function ema200Tolerance(name: string, bull: boolean): ConditionDefinition {
  const key = bull ? 'ema200_bull_tolerance' : 'ema200_bear_tolerance';
  return defineCondition({
    name,
    description: bull ? 'close/EMA200 − 1 ≥ −tolerance (0.15 %)' : 'close/EMA200 − 1 ≤ +tolerance (0.15 %)',
    params: { tolerance: num(0.0015, [key]) },
    thresholdParam: 'tolerance',
    run(context, { tolerance }) {
      const e200 = ema(context, 200);
      const close = finite(context.close);
      const ratio = close === undefined || e200 === undefined ? undefined : relative(close, e200);
      if (ratio === undefined) return missing(['close', 'ema_200']);
      const tol = Math.abs(tolerance);
      return bull ? outcome(ratio >= -tol, ratio, -tol) : outcome(ratio <= tol, ratio, tol);
    },
  });
}

export const TREND_CONDITIONS: readonly ConditionDefinition[] = [
  emaVersus('ema_20_gt_50', 20, 50, true),
  emaVersus('ema_20_lt_50', 20, 50, false),
  emaVersus('ema_50_gt_200', 50, 200, true),
  emaVersus('ema_50_lt_200', 50, 200, false),
  closeVersusEma200('close_above_ema_200', true),
  closeVersusEma200('close_below_ema_200', false),
  closeMinusEma200('close_minus_ema_200_gt', true),
  closeMinusEma200('close_minus_ema_200_lt', false),
  emaSlope('ema_20_slope_pos', 20, true),
  emaSlope('ema200_slope_pos', 200, true),
  emaSlope('ema200_slope_neg', 200, false),
  ema200Tolerance('ema_above_200_with_tolerance', true),
  ema200Tolerance('ema_below_200_with_tolerance', false),
  defineCondition({
    name: 'ema_20_minus_ema_50_gt',
    description: 'EMA20/EMA50 − 1 > threshold (default −0.0008)',
    params: { threshold: num(-0.0008, ['ema_20_minus_ema_50_gt_threshold']) },
    thresholdParam: 'threshold',
    comparison: 'gt',
    run(context, { threshold }) {
      const e20 = ema(context, 20);
      const e50 = ema(context, 50);
      const ratio = e20 === undefined || e50 === undefined ? undefined : relative(e20, e50);
      if (ratio === undefined) return missing(['ema_20', 'ema_50']);
      return outcome(ratio > threshold, ratio, threshold);
    },
  }),
  defineCondition({
    name: 'ema20_over_50_with_tolerance',
    description: 'EMA20/EMA50 − 1 ≥ −tolerance (0.08 %)',
    params: { tolerance: num(0.0008, ['ema20_over_50_tolerance']) },
    thresholdParam: 'tolerance',
    run(context, { tolerance }) {
      const e20 = ema(context, 20);
      const e50 = ema(context, 50);
      if (e20 === undefined || e50 === undefined) return missing(['ema_20', 'ema_50']);
      const tol = Math.abs(tolerance);
      const ratio = relative(e20, e50) ?? e20 - e50;
      return outcome(ratio >= -tol, ratio, -tol);
    },
  }),
  defineCondition({
    name: 'ma9_cross_up_ma21',
    description: 'EMA9 crosses above EMA21 on this bar (prev ema9 ≤ prev ema21, ema9 > ema21)',
    run(context) {
      const [e9, e21, p9, p21] = [ema(context, 9), ema(context, 21), emaPrev(context, 9), emaPrev(context, 21)];
      if (e9 === undefined || e21 === undefined || p9 === undefined || p21 === undefined) {
        return missing(['ema_9', 'ema_21', 'ema_prev_9', 'ema_prev_21']);
      }
      return outcome(p9 <= p21 && e9 > e21, e9 - e21, 0);
    },
  }),
];
