import type { Params } from '../conditions/types.ts';
import type { RuleNode } from '../rules/RuleNode.ts';
import type { MtfTimeframe } from '../timeframes.ts';
import type { ExecutionSelector } from './selectorChecks.ts';

export interface TimeframeRules {
  /** undefined when the file has no `long:` (resp. `short:`) for the timeframe: that side never passes. */
  readonly long: RuleNode | undefined;
  readonly short: RuleNode | undefined;
}

/**
 * A loaded validation file: frozen, fully compiled, every name resolved. Loading is the only step that can
 * fail; evaluating a loaded config never meets an unknown name.
 */
export interface MtfConfig {
  readonly file: string;
  /** '2025-11': the single `validations.yaml` of the original; 'profile': the regular/scalper/scalper_micro files. */
  readonly layout: '2025-11' | 'profile';
  readonly version: string | undefined;
  /**
   * strict: every evaluated timeframe must agree (docs/reference/original-system.md#cascade, the chain);
   * pragmatic: context + the chosen execution TF.
   */
  readonly mode: 'strict' | 'pragmatic';
  /** The file's `defaults:` as written (trade keys included, for other components). */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Scalar defaults conditions may read (`atr_k`, …) plus per-TF `min_atr_pct`/`max_atr_pct`. */
  readonly conditionDefaults: Readonly<Partial<Record<MtfTimeframe, Params>>>;
  readonly rules: ReadonlyMap<string, RuleNode>;
  readonly startFromTimeframe: MtfTimeframe;
  readonly contextTimeframes: readonly MtfTimeframe[];
  readonly executionTimeframes: readonly MtfTimeframe[];
  readonly executionTimeframeDefault: MtfTimeframe;
  readonly allowSkipLowerTimeframe: boolean;
  /** The timeframes a symbol run evaluates, highest first (context then execution). */
  readonly timeframes: readonly MtfTimeframe[];
  /** Every configured timeframe, evaluated or not. */
  readonly validation: Readonly<Partial<Record<MtfTimeframe, TimeframeRules>>>;
  /** AND of the `filters_mandatory` list, applied on the execution timeframe; undefined when absent or empty. */
  readonly filtersMandatory: RuleNode | undefined;
  readonly executionSelector: ExecutionSelector | undefined;
}
