import { isMtfTimeframe, type MtfTimeframe } from '../timeframes.ts';
import type { ErrorSite } from './MtfConfigError.ts';
import type { ExecutionSelectorFile } from './schema.ts';

/**
 * `execution_selector` checks (docs/reference/original-system.md#execution-selector), compiled at load time. A check is
 * `{<metric>_<cmp>: number}` with cmp ∈ gte|gt|lte|lt (`atr_pct_<tf>_<cmp>_bps` as written in the files), a boolean flag fact, or `get_false` (never true).
 * Metrics: caller facts `expected_r_multiple`, `entry_zone_width_pct`, `spread_bps`; `atr_pct_<tf>_bps`
 * (ATR/close × 10 000 of that timeframe) and `adx_<tf>` from the contexts.
 */
export type SelectorCheck =
  | { readonly kind: 'constant'; readonly name: string; readonly value: boolean }
  | { readonly kind: 'flag'; readonly name: string; readonly expected: boolean }
  | {
      readonly kind: 'metric';
      readonly name: string;
      readonly metric: SelectorMetric;
      readonly comparison: 'gte' | 'gt' | 'lte' | 'lt';
      readonly bound: number;
    };

export type SelectorMetric =
  | { readonly source: 'fact'; readonly fact: string }
  | { readonly source: 'atr_pct_bps' | 'adx'; readonly timeframe: MtfTimeframe };

export interface TimeframeSelector {
  readonly stayOnIf: readonly SelectorCheck[];
  readonly dropToLowerIfAny: readonly SelectorCheck[];
  readonly forbidDropToLowerIfAny: readonly SelectorCheck[];
}

export interface ExecutionSelector {
  readonly perTimeframe: Readonly<Partial<Record<MtfTimeframe, TimeframeSelector>>>;
  /** undefined: 1m is not restricted (also when `enabled: false`); else 1m needs one of these flags. */
  readonly allow1mOnlyFor: readonly SelectorCheck[] | undefined;
}

const FACT_METRICS = ['expected_r_multiple', 'entry_zone_width_pct', 'spread_bps'];
const FLAGS = ['scalping', 'trailing_after_tp1', 'end_of_zone_fallback'];
const METRIC = /^(.+)_(gte|gt|lte|lt)$/;

export function compileSelector(raw: ExecutionSelectorFile, site: ErrorSite): ExecutionSelector {
  const perTimeframe: Partial<Record<MtfTimeframe, TimeframeSelector>> = {};
  for (const [timeframe, entry] of Object.entries(raw.per_timeframe ?? {})) {
    const at = site.at('per_timeframe', timeframe);
    perTimeframe[timeframe as MtfTimeframe] = {
      stayOnIf: checks(entry?.stay_on_if, at.at('stay_on_if')),
      dropToLowerIfAny: checks(entry?.drop_to_lower_if_any, at.at('drop_to_lower_if_any')),
      forbidDropToLowerIfAny: checks(entry?.forbid_drop_to_lower_if_any, at.at('forbid_drop_to_lower_if_any')),
    };
  }
  // The 2025-11-09 flat keys are the 15m entry of the per-timeframe form.
  const legacy = raw.stay_on_15m_if ?? raw.drop_to_5m_if_any ?? raw.forbid_drop_to_5m_if_any;
  if (legacy !== undefined) {
    if (perTimeframe['15m'])
      site.fail('stay_on_15m_if', 'give either the flat 15m keys or per_timeframe.15m, not both');
    perTimeframe['15m'] = {
      stayOnIf: checks(raw.stay_on_15m_if, site.at('stay_on_15m_if')),
      dropToLowerIfAny: checks(raw.drop_to_5m_if_any, site.at('drop_to_5m_if_any')),
      forbidDropToLowerIfAny: checks(raw.forbid_drop_to_5m_if_any, site.at('forbid_drop_to_5m_if_any')),
    };
  }
  const allow = raw.allow_1m_only_for;
  let allow1mOnlyFor: SelectorCheck[] | undefined;
  if (Array.isArray(allow)) allow1mOnlyFor = checks(allow, site.at('allow_1m_only_for'));
  else if (allow && allow.enabled !== false)
    allow1mOnlyFor = checks(allow.conditions, site.at('allow_1m_only_for', 'conditions'));
  return { perTimeframe, allow1mOnlyFor };
}

function checks(raw: readonly unknown[] | null | undefined, site: ErrorSite): SelectorCheck[] {
  return (raw ?? []).map((item, index) => check(item, site.at(index)));
}

function check(item: unknown, site: ErrorSite): SelectorCheck {
  const entries =
    typeof item === 'string'
      ? [[item, true] as const]
      : item && typeof item === 'object' && !Array.isArray(item)
        ? Object.entries(item)
        : [];
  if (entries.length !== 1) return site.fail(String(item), 'a selector check is one `name: value` pair');
  const [name, value] = entries[0] as [string, unknown];
  if (name === 'get_false') return { kind: 'constant', name, value: false };
  if (FLAGS.includes(name)) {
    if (typeof value !== 'boolean') site.fail(name, 'expected true or false');
    return { kind: 'flag', name, expected: value as boolean };
  }
  // `atr_pct_15m_lte_bps` puts the comparison before the unit; normalise it to `atr_pct_15m_bps_lte`.
  const normalised = name.replace(/^(atr_pct_\w+?)_(gte|gt|lte|lt)_bps$/, '$1_bps_$2');
  const match = METRIC.exec(normalised);
  const metric = match ? selectorMetric(match[1] as string) : undefined;
  if (!match || !metric) return site.fail(name, `unknown selector check "${name}"`);
  if (typeof value !== 'number' || !Number.isFinite(value))
    return site.fail(name, `expected a number, got ${JSON.stringify(value)}`);
  return { kind: 'metric', name, metric, comparison: match[2] as 'gte' | 'gt' | 'lte' | 'lt', bound: value };
}

function selectorMetric(metric: string): SelectorMetric | undefined {
  if (FACT_METRICS.includes(metric)) return { source: 'fact', fact: metric };
  const atr = /^atr_pct_(\w+)_bps$/.exec(metric);
  if (atr && isMtfTimeframe(atr[1])) return { source: 'atr_pct_bps', timeframe: atr[1] };
  const adx = /^adx_(\w+)$/.exec(metric);
  if (adx && isMtfTimeframe(adx[1])) return { source: 'adx', timeframe: adx[1] };
  return undefined;
}
