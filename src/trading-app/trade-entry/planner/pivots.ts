import type { Dec } from '../../../platform/decimal/index.ts';

/** Classic floor pivots: `pp`, `r1`..`r6`, `s1`..`s6`. */
export type PivotLevels = Readonly<Record<string, Dec>>;

/**
 * The classic pivots of one closed candle (reference: pivox/tradingV3
 * `IndicatorProviderService::computeClassicPivotLevels`), from its high, low and close.
 */
export function classicPivots(candle: { readonly high: Dec; readonly low: Dec; readonly close: Dec }): PivotLevels {
  const { high: h, low: l, close: c } = candle;
  const pp = h.add(l).add(c).div(3);
  const range = h.sub(l);
  return {
    pp,
    r1: pp.mul(2).sub(l),
    r2: pp.add(range),
    r3: h.add(pp.sub(l).mul(2)),
    r4: h.add(pp.sub(l).mul(3)),
    r5: h.add(pp.sub(l).mul(4)),
    r6: h.add(pp.sub(l).mul(5)),
    s1: pp.mul(2).sub(h),
    s2: pp.sub(range),
    s3: l.sub(h.sub(pp).mul(2)),
    s4: l.sub(h.sub(pp).mul(3)),
    s5: l.sub(h.sub(pp).mul(4)),
    s6: l.sub(h.sub(pp).mul(5)),
  };
}
