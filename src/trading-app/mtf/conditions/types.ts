import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../timeframes.ts';

/** A scalar a rule can pass to a condition: thresholds, flags, bar counts. */
export type ParamValue = number | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

/**
 * Everything a condition may read besides its own timeframe's context. All optional: a condition that needs
 * something absent fails with `meta.missing_data`, it never guesses.
 */
export interface EvaluationEnvironment {
  /** Contexts of the other timeframes of the same symbol (for `adx_1h`, `use_atr_tf`, selector checks). */
  readonly peers?: Partial<Record<MtfTimeframe, IndicatorContext>>;
  /** Earlier contexts of the SAME timeframe, newest first (for slopes over N bars and `validity_bars`). */
  readonly history?: readonly IndicatorContext[];
  /** Facts that are not indicators, supplied by the caller: `entry_price`, `stop_loss`, `leverage`, ... */
  readonly facts?: Readonly<Record<string, number | boolean>>;
  /** Values from the file's `defaults:` that conditions read (e.g. `min_atr_pct` for this timeframe, `atr_k`). */
  readonly defaults?: Params;
}

export interface ConditionOutcome {
  readonly passed: boolean;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly meta: Readonly<Record<string, unknown>>;
}

interface ParamSpecBase {
  /** Other keys accepted for this parameter: the PHP context keys (`rsi_lt_70_threshold`) and rule-body keys. */
  readonly aliases?: readonly string[];
}
export interface NumberParamSpec extends ParamSpecBase {
  readonly type: 'number' | 'integer';
  readonly default: number;
}
export interface BooleanParamSpec extends ParamSpecBase {
  readonly type: 'boolean';
  readonly default: boolean;
}
export type ParamSpec = NumberParamSpec | BooleanParamSpec;

export interface ConditionDefinition {
  readonly name: string;
  readonly description: string;
  /** Canonical parameter name → spec. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** The parameter a bare number sets (`- rsi_lt_70: 65`, `{lt: 72}`); absent when the condition has none. */
  readonly thresholdParam?: string;
  /** `value < threshold` ('lt') or `value > threshold` ('gt'): which of `{lt: N}` / `{gt: N}` is meaningful. */
  readonly comparison?: 'lt' | 'gt';
  evaluate(context: IndicatorContext, params?: Params, environment?: EvaluationEnvironment): ConditionOutcome;
}
