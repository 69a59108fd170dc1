/**
 * How much of the position TP1 takes, from what the caller says about the trade (the
 * original's `TpSplitResolver`, pivox/tradingV3 `trading-app/src/TradeEntry/TpSplit/`):
 * the first strategy by priority whose conditions all hold. The original filled missing hints
 * with defaults because its own reading of them was broken; here the resolver runs only on hints
 * the caller gave (the rest take those defaults), so a request without hints keeps the profile's
 * split.
 */
export interface SplitHints {
  readonly momentum?: 'faible' | 'moyen' | 'fort' | undefined;
  readonly mtfValidCount?: number | undefined;
  readonly pullbackClear?: boolean | undefined;
  readonly lateEntry?: boolean | undefined;
}

/** The English words callers may use for the original's French momentum grades. */
export const MOMENTUM_GRADES = {
  faible: 'faible',
  weak: 'faible',
  moyen: 'moyen',
  medium: 'moyen',
  fort: 'fort',
  strong: 'fort',
} as const;

/** The original's auto hints: a medium momentum, two valid timeframes, an ATR of 1.5 % when unknown. */
const DEFAULT_ATR_PERCENT = 1.5;

/**
 * TP1's fraction by the first matching strategy (DoubtfulLateEntry 0.70, StrongMomentum 0.30,
 * Volatile 0.60, Neutral 0.50), or undefined when no hint was given or none matches. `atrPercent`
 * is the 5m ATR over the mark, in percent.
 */
export function resolvedSplit(hints: SplitHints, atrPercent: number | undefined): number | undefined {
  const given = Object.values(hints).some((hint) => hint !== undefined);
  if (!given) return undefined;
  const momentum = hints.momentum ?? 'moyen';
  const valid = hints.mtfValidCount ?? 2;
  const atr = atrPercent ?? DEFAULT_ATR_PERCENT;
  if (momentum === 'faible' && atr > 2 && valid <= 1 && hints.lateEntry === true) return 0.7;
  if (momentum === 'fort' && atr < 1.2 && valid >= 3 && hints.pullbackClear === true) return 0.3;
  if (atr > 1.8 && valid <= 1) return 0.6;
  if (momentum === 'moyen' && atr >= 1.2 && atr <= 1.8 && valid >= 2) return 0.5;
  return undefined;
}
