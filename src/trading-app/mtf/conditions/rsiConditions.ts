import { defineCondition, finite, missing, num, outcome } from './defineCondition.ts';
import type { ConditionDefinition } from './types.ts';

/**
 * RSI(14) conditions (docs/reference/original-system.md#conditions). Each threshold has the original
 * context key as an alias.
 */
function rsiVersus(name: string, above: boolean, threshold: number, contextKey?: string): ConditionDefinition {
  return defineCondition({
    name,
    description: `RSI(14) ${above ? '>' : '<'} ${threshold}`,
    params: { threshold: num(threshold, contextKey ? [contextKey] : []) },
    thresholdParam: 'threshold',
    comparison: above ? 'gt' : 'lt',
    run(context, params) {
      const rsi = finite(context.rsi);
      if (rsi === undefined) return missing(['rsi'], { source: 'RSI' });
      const t = params.threshold;
      return outcome(above ? rsi > t : rsi < t, rsi, t, { source: 'RSI' });
    },
  });
}

function rsiCross(name: string, up: boolean): ConditionDefinition {
  const key = up ? 'rsi_cross_up_level' : 'rsi_cross_down_level';
  return defineCondition({
    name,
    description: `RSI crosses ${up ? 'above 30' : 'below 70'} on this bar`,
    params: { level: num(up ? 30 : 70, [key]) },
    thresholdParam: 'level',
    run(context, { level }) {
      const rsi = finite(context.rsi);
      const previous = finite(context.rsiPrev);
      if (rsi === undefined || previous === undefined) return missing(['rsi', 'previous.rsi']);
      const passed = up ? previous <= level && rsi > level : previous >= level && rsi < level;
      return outcome(passed, up ? (rsi - level) / level : (level - rsi) / level, level);
    },
  });
}

export const RSI_CONDITIONS: readonly ConditionDefinition[] = [
  rsiVersus('rsi_gt_15', true, 15, 'rsi_gt_15_threshold'),
  rsiVersus('rsi_gt_20', true, 20, 'rsi_gt_20_threshold'),
  rsiVersus('rsi_gt_30', true, 30, 'rsi_gt_30_threshold'),
  rsiVersus('rsi_gt_85', true, 85, 'rsi_gt_85_threshold'),
  rsiVersus('rsi_gt_softfloor', true, 22, 'rsi_softfloor_threshold'),
  rsiVersus('rsi_lt_15', false, 15, 'rsi_lt_15_threshold'),
  rsiVersus('rsi_lt_70', false, 70, 'rsi_lt_70_threshold'),
  rsiVersus('rsi_lt_80', false, 80, 'rsi_lt_80_threshold'),
  rsiVersus('rsi_lt_85', false, 85, 'rsi_lt_85_threshold'),
  rsiVersus('rsi_lt_softcap', false, 78, 'rsi_softcap_threshold'),
  rsiCross('rsi_cross_up', true),
  rsiCross('rsi_cross_down', false),
];

/**
 * Names the profile files use but no source defines (decision in ../README.md): RSI on the bullish or bearish
 * half of its range, i.e. momentum on the side of the trade.
 */
export const RSI_EXTRA_CONDITIONS: readonly ConditionDefinition[] = [
  rsiVersus('rsi_bullish', true, 50, 'rsi_bullish_threshold'),
  rsiVersus('rsi_bearish', false, 50, 'rsi_bearish_threshold'),
];
