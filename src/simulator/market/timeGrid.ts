import { KLINE_STEPS_MINUTES, type KlineStepMinutes } from './types.ts';

export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 3_600;
export const DAY_SECONDS = 86_400;
const WEEK_SECONDS = 7 * DAY_SECONDS;
/** 1970-01-01 was a Thursday: weekly candles open on Monday 00:00 UTC, four days later. */
const MONDAY_OFFSET_SECONDS = 4 * DAY_SECONDS;

/**
 * The levels of the history tree, coarse to fine: a day splits into 6 × 4H, each into 4 × 1H, then
 * 4 × 15m, 3 × 5m and 5 × 1m. `childCount` is the number of children of a node of that level.
 */
export const TREE_LEVELS = [
  { seconds: DAY_SECONDS, childCount: 6 },
  { seconds: 4 * HOUR_SECONDS, childCount: 4 },
  { seconds: HOUR_SECONDS, childCount: 4 },
  { seconds: 15 * MINUTE_SECONDS, childCount: 3 },
  { seconds: 5 * MINUTE_SECONDS, childCount: 5 },
  { seconds: MINUTE_SECONDS, childCount: 0 },
] as const;

export const LEAF_LEVEL = TREE_LEVELS.length - 1;

export function isKlineStep(step: number): step is KlineStepMinutes {
  return (KLINE_STEPS_MINUTES as readonly number[]).includes(step);
}

/** Open time (Unix seconds) of the candle of `step` that contains `timeSec`. */
export function bucketStart(timeSec: number, step: KlineStepMinutes): number {
  const seconds = step * MINUTE_SECONDS;
  const offset = seconds === WEEK_SECONDS ? MONDAY_OFFSET_SECONDS : 0;
  return Math.floor((timeSec - offset) / seconds) * seconds + offset;
}

/** Open time of the first candle of `step` that opens at or after `timeSec`. */
export function firstBucketAtOrAfter(timeSec: number, step: KlineStepMinutes): number {
  const start = bucketStart(timeSec, step);
  return start === timeSec ? start : start + step * MINUTE_SECONDS;
}

export function floorTo(value: number, unit: number): number {
  return Math.floor(value / unit) * unit;
}
