import { describe, expect, it } from 'vitest';
import { LruCache } from './LruCache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a');
    cache.set(3, 'c');
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe('a');
    expect(cache.get(3)).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('never holds more entries than its capacity', () => {
    const cache = new LruCache<number, number>(10);
    for (let key = 0; key < 1_000; key++) {
      cache.set(key, key);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
  });

  it('rejects a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
