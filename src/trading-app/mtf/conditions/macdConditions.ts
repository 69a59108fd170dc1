import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { defineCondition, finite, flag, int, missing, num, outcome } from './defineCondition.ts';
import type { ConditionDefinition } from './types.ts';

/**
 * MACD conditions (docs/reference/original-system.md#conditions). Histogram history is read NEWEST FIRST from
 * `macdHistSeries`; when that is empty the three-point `macdHistLast3` (oldest → newest) is reversed,
 * so both context shapes give the same answer.
 */
export function histSeries(context: IndicatorContext): readonly number[] {
  if (context.macdHistSeries.length > 0) return context.macdHistSeries;
  if (context.macdHistLast3.length > 0) return [...context.macdHistLast3].reverse();
  const hist = finite(context.macd?.hist);
  return hist === undefined ? [] : [hist];
}

function hist(context: IndicatorContext) {
  return finite(context.macd?.hist);
}

/** Monotonic histogram over n steps, strictly: HS[i] > HS[i+1] (increasing) for i in 0..n−1. */
function monotonic(name: string, increasing: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `MACD histogram strictly ${increasing ? 'increasing' : 'decreasing'} over the last n bars (n = 2)`,
    params: { n: int(2, [name, 'n']) },
    thresholdParam: 'n',
    run(context, { n }) {
      const series = histSeries(context);
      if (series.length < n + 1) return missing(['macd_hist_series'], { available_points: series.length });
      const diffs = Array.from({ length: n }, (_, i) => (series[i] as number) - (series[i + 1] as number));
      const passed = diffs.every((d) => (increasing ? d > 0 : d < 0));
      const value = ((series[0] as number) - (series[n] as number)) / n;
      return outcome(passed, value, 0, { series_used: series.slice(0, n + 1), diffs, n });
    },
  });
}

/**
 * Histogram slope that persists: d_i = HS[i] − HS[i+1] must be > derivative_gt (pos) or < derivative_lt (neg)
 * for i in 0..persist_n−1. With the defaults (0, 1) this is the original one-step slope; the YAML files pass
 * `{derivative_gt, persist_n}` to it (the original RuleMacdDerivativeTest, original-system.md#test-vectors).
 */
function slope(name: string, positive: boolean): ConditionDefinition {
  const bound = positive ? 'derivative_gt' : 'derivative_lt';
  return defineCondition({
    name,
    description: `MACD histogram slope ${positive ? '>' : '<'} ${bound} for persist_n consecutive bars`,
    params: { [bound]: num(0, ['threshold']), persist_n: int(1) },
    thresholdParam: bound,
    comparison: positive ? 'gt' : 'lt',
    run(context, params) {
      const limit = params[bound] as number;
      const persist = params.persist_n as number;
      const series = histSeries(context);
      if (series.length < persist + 1) {
        return missing(['macd_hist_series'], { reason: 'insufficient_points', available_points: series.length });
      }
      const diffs = Array.from({ length: persist }, (_, i) => (series[i] as number) - (series[i + 1] as number));
      const failedAt = diffs.findIndex((d) => (positive ? !(d > limit) : !(d < limit)));
      const meta: Record<string, unknown> = { diffs, persist_n: persist };
      if (failedAt >= 0)
        Object.assign(meta, { reason: positive ? 'derivative_not_gt' : 'derivative_not_lt', failed_at: failedAt });
      return outcome(failedAt < 0, diffs[0] as number, limit, meta);
    },
  });
}

/**
 * MACD histogram crossing through a dead band of ±min_gap within the last cool_down_bars bars
 * (original-system.md#test-vectors, RuleMacdHysteresisTest): at some offset k ≤ min(cool_down_bars, len − 2), HS[k] is
 * beyond the band on the new side and (when required) HS[k+1] was beyond it on the other side.
 */
function hysteresis(name: string, up: boolean): ConditionDefinition {
  const requireKey = up ? 'require_prev_below' : 'require_prev_above';
  return defineCondition({
    name,
    description: `MACD histogram crosses ${up ? 'up' : 'down'} through ±min_gap within cool_down_bars bars`,
    params: { min_gap: num(0.0003), cool_down_bars: int(2), [requireKey]: flag(true) },
    thresholdParam: 'min_gap',
    run(context, params) {
      const gap = Math.abs(params.min_gap as number);
      const cool = params.cool_down_bars as number;
      const requirePrevious = params[requireKey] as boolean;
      const series = histSeries(context);
      if (series.length < 2) return missing(['macd_hist_series'], { available_points: series.length });
      const sample = series.slice(0, cool + 2);
      for (let k = 0; k <= Math.min(cool, series.length - 2); k += 1) {
        const current = series[k] as number;
        const previous = series[k + 1] as number;
        const crossed = up ? current >= gap : current <= -gap;
        const fromOtherSide = !requirePrevious || (up ? previous <= -gap : previous >= gap);
        if (crossed && fromOtherSide) {
          return outcome(true, current, up ? gap : -gap, {
            bars_since_cross: k,
            trigger_gap: current,
            series_sample: sample,
          });
        }
      }
      return outcome(false, series[0] as number, up ? gap : -gap, { reason: 'no_recent_cross', series_sample: sample });
    },
  });
}

function lineVersusSignal(name: string, above: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `MACD line ${above ? '>' : '<'} signal line`,
    run(context) {
      const macd = finite(context.macd?.macd);
      const signal = finite(context.macd?.signal);
      if (macd === undefined || signal === undefined) return missing(['macd', 'macd_signal']);
      return outcome(above ? macd - signal > 0 : macd - signal < 0, macd - signal, 0);
    },
  });
}

function signalCross(name: string, up: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `MACD line crosses ${up ? 'above' : 'below'} its signal line on this bar`,
    run(context) {
      const [m, s] = [finite(context.macd?.macd), finite(context.macd?.signal)];
      const [pm, ps] = [finite(context.macdPrev?.macd), finite(context.macdPrev?.signal)];
      if (m === undefined || s === undefined || pm === undefined || ps === undefined) {
        return missing(['macd', 'macd_signal', 'previous.macd']);
      }
      const passed = up ? pm <= ps && m > s : pm >= ps && m < s;
      return outcome(passed, m - s, 0);
    },
  });
}

export const MACD_CONDITIONS: readonly ConditionDefinition[] = [
  monotonic('macd_hist_increasing_n', true),
  monotonic('macd_hist_decreasing_n', false),
  slope('macd_hist_slope_pos', true),
  slope('macd_hist_slope_neg', false),
  hysteresis('macd_line_cross_up_with_hysteresis', true),
  hysteresis('macd_line_cross_down_with_hysteresis', false),
  lineVersusSignal('macd_line_above_signal', true),
  lineVersusSignal('macd_line_below_signal', false),
  signalCross('macd_signal_cross_up', true),
  signalCross('macd_signal_cross_down', false),
  defineCondition({
    name: 'macd_hist_gt_0',
    description: 'MACD histogram > 0',
    run(context) {
      const h = hist(context);
      return h === undefined ? missing(['macd.hist']) : outcome(h > 0, h, 0);
    },
  }),
  defineCondition({
    name: 'macd_hist_gt_eps',
    description: 'MACD histogram ≥ −eps (eps 1e-6)',
    params: { eps: num(1e-6) },
    thresholdParam: 'eps',
    run(context, { eps }) {
      const h = hist(context);
      return h === undefined ? missing(['macd.hist']) : outcome(h >= -Math.abs(eps), h, 0, { eps: Math.abs(eps) });
    },
  }),
  defineCondition({
    name: 'macd_hist_lt_0',
    description: 'MACD histogram < 0 (below −1e-12)',
    run(context) {
      if (context.macd === undefined) return missing(['macd'], { source: 'MACD' });
      const h = hist(context);
      return h === undefined
        ? missing(['macd.hist'], { source: 'MACD' })
        : outcome(h < -1e-12, h, 0, { source: 'MACD' });
    },
  }),
];
