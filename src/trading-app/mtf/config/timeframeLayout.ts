import { type MtfTimeframe, sortTimeframes, timeframeRank } from '../timeframes.ts';
import type { MtfConfig, TimeframeRules } from './MtfConfig.ts';
import type { ErrorSite } from './MtfConfigError.ts';
import type { MtfFile } from './schema.ts';

type Layout = Pick<
  MtfConfig,
  | 'layout'
  | 'mode'
  | 'startFromTimeframe'
  | 'contextTimeframes'
  | 'executionTimeframes'
  | 'executionTimeframeDefault'
  | 'allowSkipLowerTimeframe'
  | 'timeframes'
>;

/**
 * signal.yaml of the original (docs/reference/original-system.md#yaml-files): list_tf
 * [4h,1h,15m,5m,1m], context_count 2.
 */
const LEGACY_CONTEXT: readonly MtfTimeframe[] = ['4h', '1h'];
const LEGACY_EXECUTION: readonly MtfTimeframe[] = ['15m', '5m', '1m'];
const PROFILE_KEYS = [
  'mode',
  'context_timeframes',
  'execution_timeframes',
  'execution_timeframe_default',
  'allow_skip_lower_tf',
] as const;

/**
 * Which timeframes gate and which execute. The 2025-11 layout has none of the profile keys and takes the
 * original's split with the strict chain. A profile names its context timeframes; its execution timeframes are
 * `execution_timeframes` or, when absent (regular), every configured timeframe below the last context one.
 */
export function resolveTimeframes(
  mtf: MtfFile['mtf_validation'],
  startFrom: MtfTimeframe | undefined,
  validation: Partial<Record<MtfTimeframe, TimeframeRules>>,
  root: ErrorSite,
  validationSite: ErrorSite,
): Layout {
  const site = root.at('mtf_validation');
  const profile = PROFILE_KEYS.some((key) => mtf[key] !== undefined);
  const context = sortTimeframes(mtf.context_timeframes ?? LEGACY_CONTEXT);
  const lastContext = context[context.length - 1] as MtfTimeframe;
  const configured = sortTimeframes(Object.keys(validation) as MtfTimeframe[]);
  const execution = sortTimeframes(
    mtf.execution_timeframes ??
      (profile ? configured.filter((tf) => timeframeRank(tf) > timeframeRank(lastContext)) : LEGACY_EXECUTION),
  );
  if (execution.length === 0) site.fail('execution_timeframes', 'no execution timeframe below the context timeframes');
  for (const tf of execution) {
    if (timeframeRank(tf) <= timeframeRank(lastContext))
      site.fail('execution_timeframes', `execution timeframe ${tf} is not below every context timeframe`);
  }
  for (const tf of [...context, ...execution]) {
    if (!validation[tf]) validationSite.at('timeframe').fail(tf, `timeframe ${tf} is used but has no long/short lists`);
  }
  const start = startFrom ?? (context[0] as MtfTimeframe);
  if (timeframeRank(start) > timeframeRank(context[0] as MtfTimeframe)) {
    validationSite.fail(
      'start_from_timeframe',
      `start_from_timeframe ${start} would skip context timeframe ${context[0]}`,
    );
  }
  // The original always executed on 1m (the lowest TF, original-system.md#cascade); profiles default to
  // their highest execution TF.
  const executionDefault =
    mtf.execution_timeframe_default ?? ((profile ? execution[0] : execution[execution.length - 1]) as MtfTimeframe);
  if (!execution.includes(executionDefault)) {
    site.fail(
      'execution_timeframe_default',
      `${executionDefault} is not one of the execution timeframes ${execution.join(', ')}`,
    );
  }
  return {
    layout: profile ? 'profile' : '2025-11',
    mode: mtf.mode ?? (profile ? 'pragmatic' : 'strict'),
    startFromTimeframe: start,
    contextTimeframes: context,
    executionTimeframes: execution,
    executionTimeframeDefault: executionDefault,
    allowSkipLowerTimeframe: mtf.allow_skip_lower_tf ?? false,
    timeframes: [...context, ...execution],
  };
}
