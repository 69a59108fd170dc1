import { describe, expect, it } from 'vitest';
import { exponentialDelay, tableDelay } from './backoff.ts';

describe('exponentialDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseMs: 1_000, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 40, 5_000].map((attempt) => exponentialDelay(attempt, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('grows by the factor given', () => {
    expect([0, 1, 2].map((attempt) => exponentialDelay(attempt, { baseMs: 100, maxMs: 10_000, factor: 3 }))).toEqual([
      100, 300, 900,
    ]);
  });

  it('with equal jitter, draws between half and all of the delay from the injected random', () => {
    const delays = (draw: number): number[] =>
      [0, 1, 4, 10].map((attempt) =>
        exponentialDelay(attempt, { baseMs: 5_000, maxMs: 60_000, equalJitter: { random: () => draw } }),
      );
    expect(delays(0)).toEqual([2_500, 5_000, 30_000, 30_000]);
    expect(delays(0.5)).toEqual([3_750, 7_500, 45_000, 45_000]);
    expect(delays(0.999_999)).toEqual([5_000, 10_000, 60_000, 60_000]);
  });
});

describe('tableDelay', () => {
  it('reads the table by step, repeating the last entry', () => {
    const delays = [0, 5, 15, 45, 120];
    expect([0, 1, 2, 3, 4, 5, 6, 99].map((step) => tableDelay(step, delays))).toEqual([
      0, 5, 15, 45, 120, 120, 120, 120,
    ]);
  });

  it('is 0 for an empty table', () => {
    expect(tableDelay(3, [])).toBe(0);
  });
});
