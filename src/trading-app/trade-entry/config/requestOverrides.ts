import type { TradeEntryProfile, UnusedKey } from './TradeEntryProfile.ts';

/**
 * The optional fields of `POST /api/trade-entry/execute` (reference: pivox/tradingV3
 * `trading-app/src/TradeEntry/Controller/TradeEntryController.php`), already checked and in
 * fractions: each one overrides the active profile's value for this request only.
 */
export interface EntryOverrides {
  readonly order_type?: 'limit' | 'market' | undefined;
  readonly open_type?: 'isolated' | 'cross' | undefined;
  readonly order_mode?: number | undefined;
  readonly initial_margin_usdt?: number | undefined;
  /** A fraction (the route reads a value of 1 or more as a percentage). */
  readonly risk_pct?: number | undefined;
  readonly r_multiple?: number | undefined;
  readonly entry_limit_hint?: number | undefined;
  readonly stop_from?: 'atr' | 'risk' | 'pivot' | undefined;
  readonly stop_fallback?: string | undefined;
  readonly pivot_sl_policy?: string | undefined;
  readonly pivot_sl_buffer_pct?: number | undefined;
  readonly pivot_sl_min_keep_ratio?: number | undefined;
  readonly atr_k?: number | undefined;
  /** A fraction (the route reads a value above 1 as a percentage, as the original did). */
  readonly market_max_spread_pct?: number | undefined;
}

export interface OverriddenProfile {
  readonly profile: TradeEntryProfile;
  /** The fields that changed the plan. */
  readonly applied: readonly string[];
  /** The fields given that change nothing here, each with the reason (decision 0017's rule for files). */
  readonly unused: readonly UnusedKey[];
}

/** Why a field the original read does nothing in this platform. */
const UNUSED_REASONS = {
  order_mode: 'entries are maker-only orders at the touch inside the zone, with the profile’s end-of-zone fallback',
  entry_limit_hint: 'the worker enters at the touch once the price is in the zone; a hint would not change where',
  stop_fallback:
    'a stop source that cannot give a stop refuses the trade with its reason (atr_not_ready, no_pivot_for_stop)',
  open_type: 'the worker opens isolated positions, as the original worker did',
} as const;

/**
 * The profile with the request's fields applied. `initial_margin_usdt` sizes as the original did:
 * risk = min(that budget, available) × risk fraction, the margin within the budget (the profile
 * layout's equity basis is left for this request). `r_multiple` moves the last target; a TP1 not
 * nearer than it is dropped, leaving one target.
 */
export function withOverrides(profile: TradeEntryProfile, overrides: EntryOverrides): OverriddenProfile {
  const applied: string[] = [];
  const unused: UnusedKey[] = [];
  const given = <K extends keyof EntryOverrides>(key: K): EntryOverrides[K] => {
    const value = overrides[key];
    if (value !== undefined) applied.push(key);
    return value;
  };
  for (const key of ['order_mode', 'entry_limit_hint', 'stop_fallback'] as const) {
    if (overrides[key] !== undefined) unused.push({ path: key, reason: UNUSED_REASONS[key] });
  }
  if (overrides.open_type === 'cross') unused.push({ path: 'open_type', reason: UNUSED_REASONS.open_type });
  const orderType = given('order_type');
  const marginMode = overrides.open_type === 'isolated' ? given('open_type') : undefined;
  const budget = given('initial_margin_usdt');
  const riskFraction = given('risk_pct');
  const rMultiple = given('r_multiple');
  const stopFrom = given('stop_from');
  const pivotPolicy = given('pivot_sl_policy');
  const pivotBuffer = given('pivot_sl_buffer_pct');
  const keepRatio = given('pivot_sl_min_keep_ratio');
  const atrK = given('atr_k');
  const marketMaxSpread = given('market_max_spread_pct');
  return {
    profile: {
      ...profile,
      sizing: {
        ...profile.sizing,
        ...(budget === undefined ? {} : { basis: 'margin_budget' as const, budgetUsdt: budget }),
        ...(riskFraction === undefined ? {} : { riskFraction }),
      },
      entry: {
        ...profile.entry,
        ...(orderType === undefined ? {} : { orderType }),
        ...(marginMode === undefined ? {} : { marginMode }),
        ...(marketMaxSpread === undefined ? {} : { marketMaxSpread }),
      },
      stop: {
        ...profile.stop,
        ...(stopFrom === undefined ? {} : { from: stopFrom }),
        ...(pivotPolicy === undefined ? {} : { pivotPolicy }),
        ...(pivotBuffer === undefined ? {} : { pivotBuffer }),
        ...(keepRatio === undefined ? {} : { pivotMinKeepRatio: keepRatio }),
        ...(atrK === undefined ? {} : { atrK }),
      },
      targets: rMultiple === undefined ? profile.targets : targetsAt(profile, rMultiple),
    },
    applied,
    unused,
  };
}

function targetsAt(profile: TradeEntryProfile, rMultiple: number): TradeEntryProfile['targets'] {
  const [first, second] = profile.targets.targets;
  const keepFirst = first && second && first.rMultiple < rMultiple;
  return {
    ...profile.targets,
    targets: keepFirst ? [first, { rMultiple, fraction: 1 - first.fraction }] : [{ rMultiple, fraction: 1 }],
  };
}
