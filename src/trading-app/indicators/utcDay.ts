/** Milliseconds in one UTC day: candle open times are UTC epoch ms, and days have no leap seconds there. */
export const DAY_MS = 86_400_000;

/** Index of the UTC day a moment falls in (days since 1970-01-01). */
export function utcDayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}
