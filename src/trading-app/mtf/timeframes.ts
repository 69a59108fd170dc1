/**
 * The five MTF timeframes, highest first: the cascade always walks them in this order (§3.6).
 */
export const TIMEFRAMES = ['4h', '1h', '15m', '5m', '1m'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE_MS = 60_000;

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '4h': 240 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '1m': MINUTE_MS,
};

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Position in the cascade: 0 for 4h, 4 for 1m. */
export function timeframeRank(timeframe: Timeframe): number {
  return TIMEFRAMES.indexOf(timeframe);
}

export function sortTimeframes(timeframes: Iterable<Timeframe>): Timeframe[] {
  return [...new Set(timeframes)].sort((a, b) => timeframeRank(a) - timeframeRank(b));
}
