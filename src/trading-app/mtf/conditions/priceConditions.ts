import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import { defineCondition, finite, missing, num, outcome, relative } from './defineCondition.ts';
import type { ConditionDefinition } from './types.ts';

/** Price position (VWAP, MA9, MA21+ATR) and regime conditions (docs/reference/original-system.md#conditions). */
const EPSILON = 1e-9;

function closeVersusVwap(name: string, above: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: `close ${above ? '>' : '<'} VWAP`,
    run(context) {
      const close = finite(context.close);
      const vwap = finite(context.vwap);
      if (close === undefined || vwap === undefined) return missing(['close', 'vwap']);
      return outcome(above ? close > vwap : close < vwap, relative(close, vwap) ?? close - vwap, 0, { close, vwap });
    },
  });
}

/** Shared by the three regime conditions: trend by EMA200, or by EMA50 when ADX confirms a trend. */
function regime(context: IndicatorContext, long: boolean, adxMin: number) {
  const close = finite(context.close);
  const e200 = finite(context.ema[200]);
  const e50 = finite(context.ema[50]);
  const adx = finite(context.adx);
  if (close === undefined || (e200 === undefined && e50 === undefined)) return missing(['close', 'ema_200', 'ema_50']);
  const sign = long ? 1 : -1;
  const beyond200 = e200 !== undefined && sign * (close - e200) > EPSILON;
  const beyond50 = e50 !== undefined && sign * (close - e50) > EPSILON;
  const trending = adx !== undefined && adx >= adxMin;
  const passed = beyond200 || (beyond50 && trending);
  return outcome(passed, passed ? 1 : 0, 1, { close, ema200: e200, ema50: e50, adx, adx_min: adxMin });
}

function regimeCondition(name: string, long: boolean): ConditionDefinition {
  return defineCondition({
    name,
    description: long
      ? 'close > EMA200, or close > EMA50 with ADX(14) ≥ 20'
      : 'close < EMA200, or close < EMA50 with ADX(14) ≥ 20',
    params: { adx_min: num(20) },
    thresholdParam: 'adx_min',
    run: (context, { adx_min }) => regime(context, long, adx_min),
  });
}

export const PRICE_CONDITIONS: readonly ConditionDefinition[] = [
  closeVersusVwap('close_above_vwap', true),
  closeVersusVwap('close_below_vwap', false),
  defineCondition({
    name: 'close_above_ma_9',
    description: 'close > MA9 (EMA9)',
    run(context) {
      const close = finite(context.close);
      const e9 = finite(context.ema[9]);
      if (close === undefined || e9 === undefined) return missing(['close', 'ema_9']);
      return outcome(close > e9, relative(close, e9) ?? close - e9, 0);
    },
  }),
  defineCondition({
    name: 'close_above_vwap_or_ma9',
    description: 'close > VWAP or close > MA9 (EMA9)',
    run(context) {
      const close = finite(context.close);
      const vwap = finite(context.vwap);
      const e9 = finite(context.ema[9]);
      if (close === undefined || (vwap === undefined && e9 === undefined)) return missing(['close', 'vwap', 'ema_9']);
      const passed = (vwap !== undefined && close > vwap) || (e9 !== undefined && close > e9);
      const reference = vwap ?? (e9 as number);
      return outcome(passed, relative(close, reference) ?? close - reference, 0, { vwap, ema9: e9 });
    },
  }),
  defineCondition({
    name: 'near_vwap',
    description: '|close/VWAP − 1| ≤ tolerance (0.15 %)',
    params: { tolerance: num(0.0015, ['near_vwap_tolerance']) },
    thresholdParam: 'tolerance',
    run(context, { tolerance }) {
      const close = finite(context.close);
      const vwap = finite(context.vwap);
      const ratio = close === undefined || vwap === undefined ? undefined : relative(close, vwap);
      if (ratio === undefined) return missing(['close', 'vwap']);
      return outcome(Math.abs(ratio) <= tolerance, ratio, tolerance);
    },
  }),
  defineCondition({
    name: 'price_below_ma21_plus_2atr',
    description: 'close < MA21 (EMA21) + 2·ATR',
    params: { atr_multiple: num(2) },
    run(context, { atr_multiple }) {
      const close = finite(context.close);
      const e21 = finite(context.ema[21]);
      const atr = finite(context.atr);
      if (close === undefined || e21 === undefined || atr === undefined) return missing(['close', 'ema_21', 'atr']);
      const ceiling = e21 + atr_multiple * atr;
      return outcome(close < ceiling, close - ceiling, 0, { ceiling });
    },
  }),
  regimeCondition('price_regime_ok', true),
  regimeCondition('price_regime_ok_long', true),
  regimeCondition('price_regime_ok_short', false),
  defineCondition({
    name: 'pullback_confirmed',
    description: 'MACD histogram V-shape over the last 3 bars (dip then rise) and close > MA21 (EMA21)',
    run(context) {
      const h3 = context.macdHistLast3;
      const close = finite(context.close);
      const e21 = finite(context.ema[21]);
      if (h3.length !== 3 || close === undefined || e21 === undefined) {
        return missing(['macd_hist_last3', 'close', 'ema_21'], { available_points: h3.length });
      }
      const [a, b, c] = h3 as [number, number, number];
      return outcome(b < a && c > b && close > e21, c - b, 0, { hist_last3: h3 });
    },
  }),
];
