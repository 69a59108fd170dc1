import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTradeEntryProfile } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { withOverrides } from '../../src/trading-app/trade-entry/config/requestOverrides.ts';

const CONFIG = new URL('../../config/', import.meta.url).pathname;
const micro = loadTradeEntryProfile(join(CONFIG, 'trade_entry.scalper_micro.yaml'));

describe('the execute request’s fields over the active profile', () => {
  it('overrides what the original read, and leaves the rest of the profile as it is', () => {
    const { profile, applied, unused } = withOverrides(micro, {
      order_type: 'market',
      initial_margin_usdt: 50,
      risk_pct: 0.02,
      stop_from: 'pivot',
      pivot_sl_policy: 's2',
      pivot_sl_buffer_pct: 0.004,
      pivot_sl_min_keep_ratio: 0.5,
      atr_k: 2.5,
      market_max_spread_pct: 0.002,
    });
    expect(applied).toEqual([
      'order_type',
      'initial_margin_usdt',
      'risk_pct',
      'stop_from',
      'pivot_sl_policy',
      'pivot_sl_buffer_pct',
      'pivot_sl_min_keep_ratio',
      'atr_k',
      'market_max_spread_pct',
    ]);
    expect(unused).toEqual([]);
    expect(profile.sizing).toMatchObject({ basis: 'margin_budget', budgetUsdt: 50, riskFraction: 0.02 });
    expect(profile.entry).toMatchObject({ orderType: 'market', marketMaxSpread: 0.002 });
    expect(profile.stop).toMatchObject({
      from: 'pivot',
      pivotPolicy: 's2',
      pivotBuffer: 0.004,
      pivotMinKeepRatio: 0.5,
      atrK: 2.5,
    });
    expect(profile.targets).toEqual(micro.targets);
    expect(profile.limits).toEqual(micro.limits);
    expect(micro.sizing.basis).toBe('equity'); // the loaded profile itself is untouched
  });

  it('moves the last target to r_multiple, and drops a TP1 that would not be nearer', () => {
    expect(micro.targets.targets.map((target) => target.rMultiple)).toEqual([1.2, 2]);
    const further = withOverrides(micro, { r_multiple: 3 }).profile.targets.targets;
    expect(further.map((target) => [target.rMultiple, target.fraction])).toEqual([
      [1.2, 0.6],
      [3, 0.4],
    ]);
    const nearer = withOverrides(micro, { r_multiple: 1 }).profile.targets.targets;
    expect(nearer.map((target) => [target.rMultiple, target.fraction])).toEqual([[1, 1]]);
  });

  it('reports the fields that change nothing here, with the reason', () => {
    const { applied, unused } = withOverrides(micro, {
      order_mode: 4,
      entry_limit_hint: 67_250,
      stop_fallback: 'risk',
      open_type: 'cross',
    });
    expect(applied).toEqual([]);
    expect(unused.map((key) => key.path)).toEqual(['order_mode', 'entry_limit_hint', 'stop_fallback', 'open_type']);
    expect(unused.every((key) => key.reason.length > 20)).toBe(true);
    expect(withOverrides(micro, { open_type: 'isolated' }).applied).toEqual(['open_type']);
  });
});
