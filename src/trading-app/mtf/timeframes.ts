import type { Timeframe } from '../../exchange/port/types.ts';

/**
 * The five timeframes the MTF cascade reads, highest first: it always walks them in this order
 * (docs/reference/original-system.md#cascade). A subset of the port's `TIMEFRAMES`; their durations
 * are the port's `TIMEFRAME_MS`.
 */
export const MTF_TIMEFRAMES = ['4h', '1h', '15m', '5m', '1m'] as const satisfies readonly Timeframe[];
export type MtfTimeframe = (typeof MTF_TIMEFRAMES)[number];

export function isMtfTimeframe(value: unknown): value is MtfTimeframe {
  return typeof value === 'string' && (MTF_TIMEFRAMES as readonly string[]).includes(value);
}

/** Position in the cascade: 0 for 4h, 4 for 1m. */
export function timeframeRank(timeframe: MtfTimeframe): number {
  return MTF_TIMEFRAMES.indexOf(timeframe);
}

export function sortTimeframes(timeframes: Iterable<MtfTimeframe>): MtfTimeframe[] {
  return [...new Set(timeframes)].sort((a, b) => timeframeRank(a) - timeframeRank(b));
}
