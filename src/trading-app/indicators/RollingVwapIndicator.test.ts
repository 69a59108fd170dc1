import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingVwapIndicator } from './RollingVwapIndicator.ts';

describe('RollingVwapIndicator', () => {
  it('equals Σ TP·V / Σ V over the last window candles, at every candle', () => {
    const candle = fc.record({
      price: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
      spread: fc.double({ min: 0, max: 0.05, noNaN: true }),
      volume: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e7, noNaN: true })),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(candle, { minLength: 1, maxLength: 120 }),
        (window, rows) => {
          const indicator = new RollingVwapIndicator(window);
          const seen: { tp: number; volume: number }[] = [];
          rows.forEach((row, index) => {
            const high = row.price * (1 + row.spread);
            const low = row.price * (1 - row.spread);
            indicator.update({
              openTime: index * 60_000,
              open: row.price,
              high,
              low,
              close: row.price,
              volume: row.volume,
            });
            seen.push({ tp: (high + low + row.price) / 3, volume: row.volume });
            const last = seen.slice(-window);
            const volume = last.reduce((sum, item) => sum + item.volume, 0);
            const expected =
              volume > 0 ? last.reduce((sum, item) => sum + item.tp * item.volume, 0) / volume : undefined;
            if (expected === undefined) expect(indicator.value).toBeUndefined();
            else expect(Math.abs((indicator.value ?? Number.NaN) - expected) / expected).toBeLessThan(1e-9);
          });
        },
      ),
    );
  });
});
