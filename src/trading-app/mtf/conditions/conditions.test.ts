import { describe, expect, it } from 'vitest';
import { bearishContext, bullishContext, emptyContext } from '../../../../test/mtf/contexts.ts';
import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { CATALOGUE_CONDITIONS, CONDITIONS, EXTRA_CONDITIONS } from './registry.ts';
import type { EvaluationEnvironment, Params } from './types.ts';

const up = bullishContext('15m');
const down = bearishContext('15m');
const at = (overrides: Partial<IndicatorContext>) => bullishContext('15m', overrides);

/** name → a context where it passes and one where it fails (hand-made values), with optional params/env. */
const CASES: Record<
  string,
  { pass: IndicatorContext; fail: IndicatorContext; params?: Params; env?: EvaluationEnvironment }
> = {
  atr_rel_in_range_15m: { pass: at({ atr: 0.3, close: 100 }), fail: at({ atr: 3, close: 100 }) },
  atr_rel_in_range_5m: { pass: at({ atr: 0.2, close: 100 }), fail: at({ atr: 0.05, close: 200 }) },
  atr_stop_valid: {
    pass: at({ atr: 0.5 }),
    fail: at({ atr: 0.1 }),
    env: { facts: { entry_price: 101, stop_loss: 100.25 } },
  },
  atr_volatility_ok: { pass: up, fail: at({ atr: 5 }) },
  close_above_ema_200: { pass: up, fail: down },
  close_above_ma_9: { pass: up, fail: down },
  close_above_vwap: { pass: up, fail: down },
  close_above_vwap_or_ma9: { pass: at({ vwap: 102 }), fail: down },
  close_below_ema_200: { pass: down, fail: up },
  close_below_vwap: { pass: down, fail: up },
  close_minus_ema_200_gt: {
    pass: at({ close: 99.9, ema: { 200: 100 } }),
    fail: at({ close: 99.8, ema: { 200: 100 } }),
  },
  close_minus_ema_200_lt: {
    pass: at({ close: 99.8, ema: { 200: 100 } }),
    fail: at({ close: 99.9, ema: { 200: 100 } }),
  },
  ema200_slope_neg: { pass: down, fail: up },
  ema200_slope_pos: { pass: up, fail: down },
  ema_20_gt_50: { pass: up, fail: down },
  ema_20_lt_50: { pass: down, fail: up },
  ema_20_minus_ema_50_gt: { pass: at({ ema: { 20: 99.95, 50: 100 } }), fail: at({ ema: { 20: 99.9, 50: 100 } }) },
  ema20_over_50_with_tolerance: { pass: at({ ema: { 20: 99.95, 50: 100 } }), fail: at({ ema: { 20: 95, 50: 100 } }) },
  ema_20_slope_pos: { pass: up, fail: down },
  ema_50_gt_200: { pass: up, fail: down },
  ema_50_lt_200: { pass: down, fail: up },
  ema_above_200_with_tolerance: {
    pass: at({ close: 99.9, ema: { 200: 100 } }),
    fail: at({ close: 95, ema: { 200: 100 } }),
  },
  ema_below_200_with_tolerance: {
    pass: at({ close: 100.1, ema: { 200: 100 } }),
    fail: at({ close: 103, ema: { 200: 100 } }),
  },
  ma9_cross_up_ma21: { pass: up, fail: down },
  macd_hist_decreasing_n: { pass: down, fail: up },
  macd_hist_gt_0: { pass: up, fail: down },
  macd_hist_gt_eps: { pass: at({ macd: { macd: 0, signal: 0, hist: -5e-7 } }), fail: down },
  macd_hist_increasing_n: { pass: up, fail: down },
  macd_hist_lt_0: { pass: down, fail: up },
  macd_hist_slope_neg: { pass: down, fail: up },
  macd_hist_slope_pos: { pass: up, fail: down },
  macd_line_above_signal: { pass: up, fail: down },
  macd_line_below_signal: { pass: down, fail: up },
  macd_line_cross_down_with_hysteresis: { pass: down, fail: up },
  macd_line_cross_up_with_hysteresis: { pass: up, fail: down },
  macd_signal_cross_down: {
    pass: at({ macdPrev: { macd: 0.3, signal: 0.3, hist: 0 }, macd: { macd: 0.2, signal: 0.3, hist: -0.1 } }),
    fail: up,
  },
  macd_signal_cross_up: { pass: at({ macdPrev: { macd: 0.3, signal: 0.3, hist: 0 } }), fail: up },
  near_vwap: { pass: up, fail: down },
  price_below_ma21_plus_2atr: { pass: up, fail: at({ close: 102 }) },
  price_regime_ok: { pass: up, fail: down },
  price_regime_ok_long: {
    pass: at({ ema: { 200: 102, 50: 100 }, adx: 20 }),
    fail: at({ ema: { 200: 102, 50: 100 }, adx: 19 }),
  },
  price_regime_ok_short: { pass: down, fail: up },
  pullback_confirmed: { pass: at({ macdHistLast3: [0.2, 0.1, 0.15] }), fail: up },
  rsi_cross_down: { pass: at({ rsiPrev: 71, rsi: 69 }), fail: up },
  rsi_cross_up: { pass: at({ rsiPrev: 29, rsi: 31 }), fail: up },
  rsi_gt_15: { pass: up, fail: at({ rsi: 15 }) },
  rsi_gt_20: { pass: up, fail: at({ rsi: 20 }) },
  rsi_gt_30: { pass: up, fail: at({ rsi: 30 }) },
  rsi_gt_85: { pass: at({ rsi: 86 }), fail: up },
  rsi_gt_softfloor: { pass: at({ rsi: 30 }), fail: at({ rsi: 15 }) },
  rsi_lt_15: { pass: at({ rsi: 14 }), fail: up },
  rsi_lt_70: { pass: at({ rsi: 65.5 }), fail: at({ rsi: 70 }) },
  rsi_lt_80: { pass: up, fail: at({ rsi: 80 }) },
  rsi_lt_85: { pass: up, fail: at({ rsi: 85 }) },
  rsi_lt_softcap: { pass: at({ rsi: 70 }), fail: at({ rsi: 80 }) },
  rsi_bullish: { pass: up, fail: down },
  rsi_bearish: { pass: down, fail: up },
  volume_ratio_ok: { pass: up, fail: at({ volumeRatio: 0.8 }) },
  adx_min_for_trend: { pass: up, fail: at({ adx: 15 }) },
};

describe('the condition registry', () => {
  it('holds the 55 catalogue conditions and the extra names, each with a case here', () => {
    expect(CATALOGUE_CONDITIONS).toHaveLength(55);
    expect(Object.keys(CONDITIONS).sort()).toEqual(Object.keys(CASES).sort());
    expect(EXTRA_CONDITIONS.map((c) => c.name).sort()).toEqual([
      'adx_min_for_trend',
      'rsi_bearish',
      'rsi_bullish',
      'volume_ratio_ok',
    ]);
  });

  for (const [name, { pass, fail, params, env }] of Object.entries(CASES)) {
    describe(name, () => {
      const condition = CONDITIONS[name]!;
      it('passes on its hand-made passing context', () => {
        const result = condition.evaluate(pass, params, env);
        expect(result.passed, JSON.stringify(result)).toBe(true);
      });
      it('fails on its hand-made failing context', () => {
        expect(condition.evaluate(fail, params, env).passed).toBe(false);
      });
      it('fails with missing_data when its indicators are not warmed up', () => {
        const result = condition.evaluate(emptyContext('15m'), params, env);
        expect(result.passed).toBe(false);
        expect(result.meta.missing_data).toBe(true);
      });
    });
  }
});

// The original's own condition tests (docs/reference/original-system.md#test-vectors).
describe("the original's condition vectors", () => {
  const evaluate = (name: string, context: IndicatorContext, params?: Params) =>
    CONDITIONS[name]!.evaluate(context, params);
  it('rsi_lt_70: strict, threshold from params or the original context key, meta.source RSI', () => {
    expect(evaluate('rsi_lt_70', at({ rsi: 65.5 }))).toMatchObject({
      passed: true,
      value: 65.5,
      threshold: 70,
      meta: { source: 'RSI' },
    });
    expect(evaluate('rsi_lt_70', at({ rsi: 75.2 })).passed).toBe(false);
    expect(evaluate('rsi_lt_70', at({ rsi: 68 }), { rsi_lt_70_threshold: 65 })).toMatchObject({
      passed: false,
      threshold: 65,
    });
    expect(evaluate('rsi_lt_70', at({ rsi: 10 })).passed).toBe(true);
  });
  it('ema_50_gt_200: value e50/e200 − 1, null when ema200 is 0 (still passes)', () => {
    expect(evaluate('ema_50_gt_200', at({ ema: { 50: 52000, 200: 50000 } }))).toMatchObject({ passed: true });
    expect(evaluate('ema_50_gt_200', at({ ema: { 50: 52000, 200: 50000 } })).value).toBeCloseTo(0.04, 12);
    expect(evaluate('ema_50_gt_200', at({ ema: { 50: 3000, 200: 3200 } })).value).toBeCloseTo(-0.0625);
    expect(evaluate('ema_50_gt_200', at({ ema: { 50: 1.5, 200: 1.5 } }))).toMatchObject({ passed: false, value: 0 });
    expect(evaluate('ema_50_gt_200', at({ ema: { 50: 100, 200: 0 } }))).toMatchObject({ passed: true, value: null });
  });
  it('macd_hist_gt_eps and macd_hist_lt_0 edges', () => {
    const hist = (h: number) => at({ macd: { macd: 0, signal: 0, hist: h } });
    expect(evaluate('macd_hist_gt_eps', hist(1e-6))).toMatchObject({ passed: true, value: 1e-6 });
    expect(evaluate('macd_hist_gt_eps', hist(-0.01)).passed).toBe(false);
    expect(evaluate('macd_hist_lt_0', hist(-1e-10)).passed).toBe(true);
    expect(evaluate('macd_hist_lt_0', hist(0)).passed).toBe(false);
  });
  it('tolerance conditions', () => {
    expect(evaluate('ema20_over_50_with_tolerance', at({ ema: { 20: 102, 50: 100 } })).value).toBeGreaterThan(0);
    expect(evaluate('ema_above_200_with_tolerance', at({ close: 101, ema: { 200: 100 } })).passed).toBe(true);
    expect(evaluate('ema_below_200_with_tolerance', at({ close: 99, ema: { 200: 100 } })).passed).toBe(true);
    expect(evaluate('atr_rel_in_range_15m', at({ atr: 0.05, close: 100 })).passed).toBe(false);
    // A summary of these tests once listed atr 1.0 / 0.8 for "above range", inside the catalogue bands (2.5 %, 2 %);
    // the original test file (AtrRelInRange15mConditionTest.php) uses 3.0 (3 % > 2.5 %). The catalogue
    // table is the spec, so the above-range vectors use 3 %.
    expect(evaluate('atr_rel_in_range_15m', at({ atr: 3, close: 100 })).passed).toBe(false);
    expect(evaluate('atr_rel_in_range_5m', at({ atr: 3, close: 100 })).passed).toBe(false);
    expect(evaluate('atr_rel_in_range_5m', at({ atr: 0.05, close: 200 })).passed).toBe(false);
  });
  it('hysteresis over the histogram series, newest first (the original RuleMacdHysteresisTest)', () => {
    const series = (s: number[], name: string, params: Params) => evaluate(name, at({ macdHistSeries: s }), params);
    const upCross = series([0.00045, 0.00058, -0.00072, -0.00041], 'macd_line_cross_up_with_hysteresis', {
      min_gap: 3e-4,
      cool_down_bars: 2,
    });
    expect(upCross).toMatchObject({ passed: true, meta: { bars_since_cross: 1, trigger_gap: 0.00058 } });
    expect(upCross.meta.series_sample).toBeDefined();
    const noCross = series([0.00045, 0.0004, 0.0001], 'macd_line_cross_up_with_hysteresis', {
      min_gap: 3e-4,
      cool_down_bars: 2,
    });
    expect(noCross).toMatchObject({ passed: false, meta: { reason: 'no_recent_cross' } });
    const down = series([-0.00038, -0.00042, 0.00052, 0.00061], 'macd_line_cross_down_with_hysteresis', {
      min_gap: 3e-4,
      cool_down_bars: 3,
    });
    expect(down).toMatchObject({ passed: true, meta: { bars_since_cross: 1 } });
    expect(down.value).toBeLessThan(0);
    const late = series([-0.00032, -0.00028, -0.00018, 0.00045, 0.0006], 'macd_line_cross_down_with_hysteresis', {
      min_gap: 3e-4,
      cool_down_bars: 1,
    });
    expect(late).toMatchObject({ passed: false, meta: { reason: 'no_recent_cross' } });
  });
  it('derivative with persistence (the original RuleMacdDerivativeTest)', () => {
    const slope = (s: number[], name: string, params: Params) => evaluate(name, at({ macdHistSeries: s }), params);
    const pos = slope([0.0018, 0.0012, 0.0005], 'macd_hist_slope_pos', { derivative_gt: 0, persist_n: 2 });
    expect(pos.passed).toBe(true);
    expect((pos.meta.diffs as number[]).map((d) => Number(d.toFixed(6)))).toEqual([0.0006, 0.0007]);
    expect(slope([0.001, 0.0012, 0.0009], 'macd_hist_slope_pos', { derivative_gt: 0, persist_n: 2 })).toMatchObject({
      passed: false,
      meta: { reason: 'derivative_not_gt', failed_at: 0 },
    });
    const neg = slope([-0.0004, -0.0001, 0.0002], 'macd_hist_slope_neg', { derivative_lt: 0, persist_n: 2 });
    expect(neg.passed).toBe(true);
    expect(slope([0.0018, 0.0012, 0.0005], 'macd_hist_slope_pos', { persist_n: 3 })).toMatchObject({
      passed: false,
      meta: { reason: 'insufficient_points', missing_data: true },
    });
  });
});
