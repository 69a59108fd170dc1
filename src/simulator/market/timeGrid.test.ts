import { describe, expect, it } from 'vitest';
import { bucketStart, firstBucketAtOrAfter } from './timeGrid.ts';

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('timeGrid', () => {
  it('aligns weekly candles to Monday 00:00 UTC', () => {
    expect(bucketStart(seconds('2026-01-01T12:00:00Z'), 10080)).toBe(seconds('2025-12-29T00:00:00Z'));
    expect(bucketStart(seconds('2025-12-29T00:00:00Z'), 10080)).toBe(seconds('2025-12-29T00:00:00Z'));
  });

  it('aligns other steps to multiples of the step since the epoch', () => {
    const time = seconds('2026-01-01T13:47:12Z');
    expect(bucketStart(time, 240)).toBe(seconds('2026-01-01T12:00:00Z'));
    expect(bucketStart(time, 3)).toBe(seconds('2026-01-01T13:45:00Z'));
    expect(bucketStart(time, 4320) % (3 * 86_400)).toBe(0);
  });

  it('finds the first candle opening at or after a time', () => {
    expect(firstBucketAtOrAfter(seconds('2026-01-01T13:00:00Z'), 60)).toBe(seconds('2026-01-01T13:00:00Z'));
    expect(firstBucketAtOrAfter(seconds('2026-01-01T13:00:01Z'), 60)).toBe(seconds('2026-01-01T14:00:00Z'));
  });
});
