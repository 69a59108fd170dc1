import { describe, expect, it } from 'vitest';
import type { TickCandle } from './CandleAccumulator.ts';
import { SeededRandom } from './SeededRandom.ts';
import { splitCandle } from './splitCandle.ts';

function expectExactAggregate(parent: TickCandle, children: readonly TickCandle[]): void {
  expect(children[0]!.open).toBe(parent.open);
  expect(children.at(-1)!.close).toBe(parent.close);
  for (let index = 1; index < children.length; index++) expect(children[index]!.open).toBe(children[index - 1]!.close);
  expect(Math.max(...children.map((child) => child.high))).toBe(parent.high);
  expect(Math.min(...children.map((child) => child.low))).toBe(parent.low);
  expect(children.reduce((sum, child) => sum + child.volume, 0)).toBe(parent.volume);
  for (const child of children) {
    expect(Number.isInteger(child.open) && Number.isInteger(child.high) && Number.isInteger(child.low)).toBe(true);
    expect(child.high).toBeGreaterThanOrEqual(Math.max(child.open, child.close));
    expect(child.low).toBeLessThanOrEqual(Math.min(child.open, child.close));
    expect(child.volume).toBeGreaterThanOrEqual(0);
  }
}

describe('splitCandle', () => {
  it('produces children that aggregate exactly to random parents', () => {
    const random = new SeededRandom(7);
    for (let trial = 0; trial < 2_000; trial++) {
      const low = random.integer(1, 100_000);
      const high = low + random.integer(0, 5_000);
      const parent = {
        open: random.integer(low, high),
        high,
        low,
        close: random.integer(low, high),
        volume: random.integer(0, 1_000_000),
      };
      const childCount = random.integer(2, 6);
      const children = splitCandle(parent, childCount, new SeededRandom(trial));
      expect(children).toHaveLength(childCount);
      expectExactAggregate(parent, children);
    }
  });

  it('splits a flat candle into flat children', () => {
    const parent = { open: 500, high: 500, low: 500, close: 500, volume: 3 };
    const children = splitCandle(parent, 5, new SeededRandom(1));
    expectExactAggregate(parent, children);
    expect(children.every((child) => child.high === 500 && child.low === 500)).toBe(true);
  });

  it('is deterministic for a given sub-seed', () => {
    const parent = { open: 1_000, high: 1_200, low: 900, close: 1_100, volume: 10_000 };
    expect(splitCandle(parent, 4, new SeededRandom(99))).toEqual(splitCandle(parent, 4, new SeededRandom(99)));
    expect(splitCandle(parent, 4, new SeededRandom(99))).not.toEqual(splitCandle(parent, 4, new SeededRandom(98)));
  });
});
