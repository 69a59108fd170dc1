import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { loadTradeEntryProfile } from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import type { PivotLevels } from '../../src/trading-app/trade-entry/planner/pivots.ts';
import { resolvedSplit } from '../../src/trading-app/trade-entry/tpsl/splitRatio.ts';
import { type TwoTargetsInput, twoTargets } from '../../src/trading-app/trade-entry/tpsl/twoTargets.ts';

/**
 * The two-target recalculation (pivox/tradingV3 `TpSlTwoTargetsService`) on hand-worked vectors: the `regular` profile
 * (pivot stop `nearest_below` with 0.3 % buffer, keep ratio 0.8 of 1.5 ATR; TP on pivots with a
 * 0.1 % buffer, kept within [0.9 r, r + 0.3]); a BTC-like contract (tick 0.1, whole contracts,
 * contract size 0.001).
 */
const regular = loadTradeEntryProfile(
  join(new URL('../../config/', import.meta.url).pathname, 'trade_entry.regular.yaml'),
);
const d = (value: string | number) => new Dec(value);
const levels = (values: Record<string, number>): PivotLevels =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, d(value)]));

const PIVOTS = levels({
  pp: 100_000,
  r1: 101_000,
  r2: 102_000,
  r3: 103_000,
  r4: 104_000,
  r5: 105_000,
  s1: 99_000,
  s2: 98_000,
  s3: 97_000,
  s4: 96_000,
  s5: 95_000,
});

function input(overrides: Partial<TwoTargetsInput> = {}): TwoTargetsInput {
  return {
    side: 'long',
    entry: d(100_000),
    size: d(10),
    contract: { tickSize: d('0.1'), sizeStep: d(1), minSize: d(1), contractSize: d('0.001') },
    current: d(100_100),
    pivots: PIVOTS,
    atr: d(60),
    riskUsdt: d(2),
    rMultiple: 2,
    split: 0.5,
    stopRules: regular.stop,
    targetRules: regular.targets,
    ...overrides,
  };
}

const shown = (result: ReturnType<typeof twoTargets>) =>
  result.status === 'computed'
    ? {
        stop: result.stop.toFixed(),
        source: result.stopSource,
        tp1: result.tp1.toFixed(),
        tp2: result.tp2.toFixed(),
        sizes: result.sizes.map((size) => size.toFixed()),
      }
    : result;

describe('two targets of an open position', () => {
  it('a long: stop under s1 with its buffer, TP1 at 2R moved onto r3, TP2 the next pivot 500 beyond TP1', () => {
    // s1 99000 × 0.997 = 98703; R = 1297; 2R = 102594 → r3 103000 × 0.999 = 102897 (2.23 R);
    // TP2 from r2 on: r2, r3 fall short of 102897 + max(50 ticks, 0.5 % = 500, 0.2 R) → r4 × 0.999 = 103896.
    expect(shown(twoTargets(input()))).toEqual({
      stop: '98703',
      source: 'pivot',
      tp1: '102897',
      tp2: '103896',
      sizes: ['5', '5'],
    });
  });

  it('a short mirrors it: stop over r1, TP1 onto s3, TP2 onto s4', () => {
    const pivots = levels({
      pp: 100_000,
      r1: 101_000,
      r2: 102_000,
      s1: 99_000,
      s2: 98_000,
      s3: 97_000,
      s4: 96_000,
      s5: 95_000,
    });
    expect(shown(twoTargets(input({ side: 'short', current: d(99_900), pivots })))).toEqual({
      stop: '101303',
      source: 'pivot',
      tp1: '97097',
      tp2: '96096',
      sizes: ['5', '5'],
    });
  });

  it('a price already past TP1 takes the first resistance beyond it; TP2 starts after that one', () => {
    expect(shown(twoTargets(input({ current: d(103_000) })))).toMatchObject({ tp1: '104000', tp2: '104895' });
    // No resistance left above the price: 10 ticks.
    expect(shown(twoTargets(input({ current: d(105_500) })))).toMatchObject({ tp1: '105501' });
  });

  it('a support too close keeps 0.8 of the 1.5 ATR stop distance (the ratio the original compared with itself)', () => {
    const pivots = levels({ s1: 99_990, r1: 101_000 });
    // 99990 × 0.997 = 99690.03 → 99690: 310 away, less than 0.8 × 1.5 × 300 = 360.
    expect(shown(twoTargets(input({ pivots, atr: d(300) })))).toMatchObject({ stop: '99640', source: 'pivot' });
  });

  it('without pivots: the stop where the position loses the risk budget, TP2 at 2R or at least TP1 + the minimum gap', () => {
    // 2 USDT over 10 × 0.001: 200 away; TP1 2R = 100400; 2R again is too close, 2.5R = 100500 too:
    // TP1 + 500 = 100900, one tick further to lie beyond it.
    expect(shown(twoTargets(input({ pivots: undefined })))).toEqual({
      stop: '99800',
      source: 'risk',
      tp1: '100400',
      tp2: '100900.1',
      sizes: ['5', '5'],
    });
  });

  it('a split that leaves a target below the minimum size puts all on TP1; a stop past zero is refused', () => {
    expect(shown(twoTargets(input({ size: d(1) })))).toMatchObject({ sizes: ['1', '0'] });
    expect(shown(twoTargets(input({ size: d(10), split: 0.3 })))).toMatchObject({ sizes: ['3', '7'] });
    expect(twoTargets(input({ pivots: undefined, riskUsdt: d(5_000) }))).toMatchObject({
      status: 'refused',
      reason: 'stop_not_computable',
    });
  });
});

describe('TP1 split by the caller’s hints (the original’s TpSplitResolver)', () => {
  it('takes the first matching strategy, and nothing when no hint is given', () => {
    expect(resolvedSplit({}, 2.5)).toBeUndefined();
    expect(resolvedSplit({ momentum: 'faible', mtfValidCount: 1, lateEntry: true }, 2.5)).toBe(0.7);
    expect(resolvedSplit({ momentum: 'fort', mtfValidCount: 3, pullbackClear: true }, 1)).toBe(0.3);
    expect(resolvedSplit({ mtfValidCount: 1 }, 1.9)).toBe(0.6);
    expect(resolvedSplit({ momentum: 'moyen' }, undefined)).toBe(0.5);
    expect(resolvedSplit({ momentum: 'fort' }, 1.5)).toBeUndefined();
  });
});
