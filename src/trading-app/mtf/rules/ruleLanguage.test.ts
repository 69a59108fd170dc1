import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearishContext, bullishContext } from '../../../../test/mtf/contexts.ts';
import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { EvaluationEnvironment } from '../conditions/types.ts';
import { parseMtfConfig } from '../config/loadMtfConfig.ts';
import type { ExplainedResult } from '../evaluation/ExplainedResult.ts';
import { evaluateTimeframe } from '../evaluation/evaluateTimeframe.ts';
import { compileField, readField } from './fields.ts';

/** A one-timeframe file (1m) with these rules and this long list; returns the evaluated long side. */
function longSide(
  rules: Record<string, unknown>,
  long: unknown[],
  context: IndicatorContext = bullishContext('1m'),
  environment: Omit<EvaluationEnvironment, 'defaults'> = {},
): ExplainedResult {
  const text = stringify({
    mtf_validation: {
      context_timeframes: ['5m'],
      execution_timeframes: ['1m'],
      rules,
      validation: { start_from_timeframe: '5m', timeframe: { '5m': { long: [] }, '1m': { long } } },
    },
  });
  return evaluateTimeframe(parseMtfConfig(text, 'inline.yaml'), '1m', context, environment).long;
}
const passes = (
  rules: Record<string, unknown>,
  long: unknown[],
  context?: IndicatorContext,
  env?: EvaluationEnvironment,
) => longSide(rules, long, context, env).passed;

// The rule language: docs/reference/original-system.md#mtf-yaml.
describe('side lists', () => {
  it('an empty list passes, an empty any_of fails, a nested bare list is all_of', () => {
    expect(passes({}, [])).toBe(true);
    expect(passes({}, [{ any_of: [] }])).toBe(false);
    expect(passes({}, [['ema_20_gt_50', 'close_above_vwap']])).toBe(true);
    expect(passes({}, [['ema_20_gt_50', 'ema_20_lt_50']])).toBe(false);
    expect(passes({}, [{ any_of: ['ema_20_lt_50', { all_of: ['close_above_vwap', 'rsi_lt_70'] }] }])).toBe(true);
  });
  it('overrides: true = none, false = must not pass, number = threshold, map = parameters', () => {
    expect(passes({}, [{ rsi_lt_70: true }])).toBe(true);
    expect(passes({}, [{ rsi_lt_70: false }])).toBe(false);
    expect(passes({}, [{ ema_20_lt_50: false }])).toBe(true);
    expect(passes({}, [{ rsi_lt_70: 55 }])).toBe(false);
    expect(passes({}, [{ rsi_lt_70: '65' }])).toBe(true);
    expect(passes({}, [{ rsi_lt_70: { rsi_lt_70_threshold: 59 } }])).toBe(false);
    expect(passes({}, [{ macd_line_cross_up_with_hysteresis: { min_gap: 0.3 } }])).toBe(false);
  });
  it('false never turns missing data into a pass', () => {
    const warmingUp = bullishContext('1m', { rsi: undefined });
    expect(passes({}, [{ rsi_lt_70: false }], warmingUp)).toBe(false);
  });
});

describe("rule bodies (the original's forms and those of the shipped files)", () => {
  it('a YAML rule is authoritative over the condition of the same name', () => {
    expect(passes({ rsi_lt_70: { lt: 55 } }, ['rsi_lt_70'])).toBe(false);
    expect(passes({ ema_20_gt_50: { lt_fields: ['ema_20', 'ema_50'] } }, ['ema_20_gt_50'])).toBe(false);
  });
  it('{lt: N} = the condition with threshold N; a reference override is more specific and wins', () => {
    const result = longSide({ rsi_lt_70: { lt: 72 } }, [{ rsi_lt_70: { rsi_lt_70_threshold: 59 } }]);
    expect(result.passed).toBe(false);
    expect(longSide({ rsi_lt_70: { lt: 72 } }, ['rsi_lt_70']).children[0]?.threshold).toBe(72);
  });
  it('a parameter map under a condition name = that condition with those parameters', () => {
    const rules = { macd_hist_slope_pos: { derivative_gt: 0.06, persist_n: 2 } };
    expect(passes(rules, ['macd_hist_slope_pos'])).toBe(false); // diffs 0.1, 0.05
    expect(passes({ macd_hist_slope_pos: { derivative_gt: 0.04, persist_n: 2 } }, ['macd_hist_slope_pos'])).toBe(true);
  });
  it('{cond: value} single key, including a rule naming itself (= its condition)', () => {
    expect(passes({ near_vwap: { near_vwap: true } }, ['near_vwap'])).toBe(true);
    expect(passes({ far: { near_vwap: false } }, ['far'])).toBe(false);
  });
  it('rules may reference rules; a cycle is a load error', () => {
    expect(passes({ a: { any_of: ['b'] }, b: { gt_fields: ['close', 'vwap'] } }, ['a'])).toBe(true);
    expect(() => longSide({ a: { any_of: ['b'] }, b: { all_of: ['a'] } }, ['a'])).toThrow(/rule cycle: a → b → a/);
  });
  it('increasing/decreasing with n, strict and eps (the original RuleTrendTest)', () => {
    const series = (s: number[]) => bullishContext('1m', { macdHistSeries: s });
    const inc = (spec: Record<string, unknown>, s: number[]) =>
      longSide({ t: { increasing: { field: 'macd_hist', ...spec } } }, ['t'], series(s));
    const dec = (spec: Record<string, unknown>, s: number[]) =>
      longSide({ t: { decreasing: { field: 'macd_hist', ...spec } } }, ['t'], series(s));
    const strict = inc({ n: 2 }, [0.012, 0.009, 0.005]).children[0]!;
    expect(strict.passed).toBe(true);
    expect(strict.children[0]!.meta).toMatchObject({ comparisons: 2 });
    expect((strict.children[0]!.meta.diffs as number[])[0]).toBeGreaterThan(1e-3);
    expect(inc({ n: 2 }, [0.012, 0.012 - 5e-9, 0.005]).children[0]!.children[0]!.meta.missing_data).toBe(false);
    expect(inc({ n: 2 }, [0.012, 0.012 - 5e-9, 0.005]).passed).toBe(false);
    expect(inc({ n: 2, strict: false, eps: 1e-6 }, [1.0, 1.0 + 5e-7, 0.9995]).passed).toBe(true);
    expect(dec({ n: 2 }, [0.001, 0.005, 0.01]).passed).toBe(true);
    expect(dec({ n: 2, strict: false, eps: 1e-6 }, [0.01, 0.0100000005, 0.015]).passed).toBe(true);
    const short = inc({ n: 2 }, [0.01, 0.009]).children[0]!.children[0]!;
    expect(short).toMatchObject({ passed: false, meta: { missing_data: true, available_points: 2 } });
    expect(() => longSide({ t: { increasing: { n: 2 } } }, ['t'])).toThrow(/increasing needs a field/);
  });
  it('op with eps: > is d > eps, >= is d ≥ −eps, < is d < −eps, <= is d ≤ eps', () => {
    const op = (o: string, left: number, right: number, eps: number) =>
      passes({ t: { op: o, left, right, eps } }, ['t']);
    expect(op('>', 1e-6, 0, 1e-6)).toBe(false);
    expect(op('>=', -5e-7, 0, 1e-6)).toBe(true);
    expect(op('<', -5e-7, 0, 1e-6)).toBe(false);
    expect(op('<=', 5e-7, 0, 1e-6)).toBe(true);
    expect(() => longSide({ t: { op: '!=', left: 1, right: 0 } }, ['t'])).toThrow(/unknown operator/);
  });
  it('lt_fields/gt_fields, allow_touch, field ranges', () => {
    const touch = bullishContext('1m', { close: 101.5, ema: { 21: 100.5 }, atr: 0.5 });
    expect(passes({ t: { lt_fields: ['close', 'ma_21_plus_2atr'] } }, ['t'], touch)).toBe(false);
    expect(passes({ t: { lt_fields: ['close', 'ma_21_plus_2atr'], allow_touch: true } }, ['t'], touch)).toBe(true);
    expect(passes({ t: { lt_fields: ['close', 'ma_21_plus_1.3atr'] } }, ['t'], touch)).toBe(false);
    expect(passes({ t: { field: 'rsi', min: 50, max: 70 } }, ['t'])).toBe(true);
    expect(passes({ t: { field: 'leverage', min: 2, max: 20 } }, ['t'])).toBe(false);
    expect(passes({ t: { field: 'leverage', min: 2, max: 20 } }, ['t'], undefined, { facts: { leverage: 5 } })).toBe(
      true,
    );
  });
  it('slope over N bars needs N earlier contexts (history), else missing data', () => {
    const rule = { t: { slope_left: 'ema_200', slope_lookback: 2, op: '>', right: 0, eps: 1e-12 } };
    expect(longSide(rule, ['t']).children[0]!.children[0]!.meta).toMatchObject({
      missing_data: true,
      available_points: 2,
    });
    const history = [bullishContext('1m', { ema: { 200: 94.9 } }), bullishContext('1m', { ema: { 200: 94.8 } })];
    expect(passes(rule, ['t'], undefined, { history })).toBe(true);
    expect(passes(rule, ['t'], bullishContext('1m', { ema: { 200: 94.7 } }), { history })).toBe(false);
  });
  it('validity_bars: a pass on one of the last N bars of the history counts', () => {
    const rule = { p: { any_of: ['ma9_cross_up_ma21'], validity_bars: 3 } };
    const now = bearishContext('1m');
    expect(passes(rule, ['p'], now)).toBe(false);
    expect(passes(rule, ['p'], now, { history: [bearishContext('1m'), bullishContext('1m')] })).toBe(true);
    expect(
      passes(rule, ['p'], now, { history: [bearishContext('1m'), bearishContext('1m'), bullishContext('1m')] }),
    ).toBe(false);
  });
  it('ATR band: the most stable listed timeframe, adapted to the volatility bucket', () => {
    const rule = { band: { use_atr_tf: ['5m'], min: 0.004, max: 0.006 } };
    const peers = { '5m': bullishContext('5m', { atr: 0.5, close: 100 }) };
    expect(passes(rule, ['band'], undefined, { peers })).toBe(true);
    expect(longSide(rule, ['band']).children[0]!.children[0]!.meta.missing_data).toBe(true);
    const hot = { '5m': bullishContext('5m', { atr: 0.7, close: 100, atrSeries: [0.7, 0.3, 0.3, 0.3] }) };
    const adaptive = { band: { use_atr_tf: ['5m'], min: 0.004, max: 0.006, adapt_with_vol_bucket: true } };
    expect(passes(rule, ['band'], undefined, { peers: hot })).toBe(false);
    expect(passes(adaptive, ['band'], undefined, { peers: hot })).toBe(true);
  });
});

describe("field resolution (the original's order)", () => {
  const context = bullishContext('1m');
  const read = (field: string | number) =>
    readField(compileField(field)!, context, { peers: { '1h': bullishContext('1h', { adx: 31 }) } });
  it('literal, context field, macd line, macd members, ema_N, path walk, ATR offsets, other timeframes', () => {
    expect(read('0.5')).toBe(0.5);
    expect(read(2)).toBe(2);
    expect(read('close')).toBe(101);
    expect(read('macd')).toBe(0.5);
    expect(read('macd_signal')).toBe(0.3);
    expect(read('macd_hist')).toBe(0.2);
    expect(read('ema_200')).toBe(95);
    expect(read('ma_9')).toBe(100.6);
    expect(read('bollinger_upper')).toBe(102);
    expect(read('ma_21_plus_2atr')).toBeCloseTo(101.5);
    expect(read('adx_1h')).toBe(31);
  });
  it('an unknown field is refused at load time', () => {
    expect(compileField('ma_21_plus_xatr')).toBeUndefined();
    expect(() => longSide({ t: { gt_fields: ['close', 'vwapp'] } }, ['t'])).toThrow(/unknown field "vwapp"/);
  });
});
