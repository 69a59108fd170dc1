import { defineCondition, finite, missing, num, outcome } from './defineCondition.ts';
import type { ConditionDefinition } from './types.ts';

/**
 * ATR, ADX and volume conditions (docs/reference/original-system.md#conditions, plus the undefined
 * names of the profile files, see ../README.md).
 */
function atrRelativeBand(name: string, min: number, max: number): ConditionDefinition {
  return defineCondition({
    name,
    description: `${min} ≤ ATR/close ≤ ${max}`,
    params: { min: num(min), max: num(max) },
    run(context, bounds) {
      const atr = finite(context.atr);
      const close = finite(context.close);
      if (atr === undefined || close === undefined || close <= 0) return missing(['atr', 'close']);
      const ratio = atr / close;
      return outcome(ratio >= bounds.min && ratio <= bounds.max, ratio, bounds.min, {
        min: bounds.min,
        max: bounds.max,
      });
    },
  });
}

export const VOLATILITY_CONDITIONS: readonly ConditionDefinition[] = [
  atrRelativeBand('atr_rel_in_range_15m', 0.001, 0.025),
  atrRelativeBand('atr_rel_in_range_5m', 0.0007, 0.02),
  defineCondition({
    name: 'atr_volatility_ok',
    description: 'min_atr_pct ≤ ATR/close ≤ max_atr_pct (the file’s per-timeframe atr_pct_thresholds, else 0.1 %–3 %)',
    params: { min: num(0.001, ['min_atr_pct']), max: num(0.03, ['max_atr_pct']) },
    run(context, { min, max }) {
      if (min >= max) return outcome(false, null, null, { invalid_thresholds: true, min, max });
      const atr = finite(context.atr);
      const close = finite(context.close);
      if (atr === undefined || close === undefined || close <= 0) return missing(['atr', 'close']);
      const ratio = atr / close;
      return outcome(ratio >= min && ratio <= max, ratio, min, { min, max });
    },
  }),
  defineCondition({
    name: 'atr_stop_valid',
    description: '0.95 ≤ |entry − stop| / (k·ATR) ≤ 1.05, k = atr_k (1.5); entry_price and stop_loss are facts',
    params: { k: num(1.5, ['atr_k']) },
    run(context, { k }, environment) {
      const entry = finite(environment.facts?.entry_price);
      const stop = finite(environment.facts?.stop_loss);
      const atr = finite(context.atr);
      if (entry === undefined || stop === undefined)
        return missing(['entry_price', 'stop_loss'], { not_applicable: true });
      if (atr === undefined || atr <= 0 || k <= 0) return missing(['atr']);
      const ratio = Math.abs(entry - stop) / (k * atr);
      return outcome(ratio >= 0.95 && ratio <= 1.05, ratio, 1, { k });
    },
  }),
];

export const VOLATILITY_EXTRA_CONDITIONS: readonly ConditionDefinition[] = [
  defineCondition({
    name: 'volume_ratio_ok',
    description: 'last volume / average of the previous 20 ≥ min_volume_ratio (1.0: at least average participation)',
    params: { threshold: num(1, ['min_volume_ratio']) },
    thresholdParam: 'threshold',
    comparison: 'gt',
    run(context, { threshold }) {
      const ratio = finite(context.volumeRatio);
      if (ratio === undefined) return missing(['volume_ratio']);
      return outcome(ratio >= threshold, ratio, threshold);
    },
  }),
  defineCondition({
    name: 'adx_min_for_trend',
    description: 'ADX(14) of the evaluated timeframe ≥ adx_min (20, as price_regime_ok and adx_min_for_trend_1h)',
    params: { threshold: num(20, ['adx_min']) },
    thresholdParam: 'threshold',
    comparison: 'gt',
    run(context, { threshold }) {
      const adx = finite(context.adx);
      if (adx === undefined) return missing(['adx']);
      return outcome(adx >= threshold, adx, threshold);
    },
  }),
];
