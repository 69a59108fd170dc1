import { describe, expect, it } from 'vitest';
import { CONTRACT_CATALOG } from './contractCatalog.ts';

describe('CONTRACT_CATALOG', () => {
  it('lists at least the eight required perpetuals with BitMart-like specs', () => {
    const symbols = CONTRACT_CATALOG.map((spec) => spec.symbol);
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'BNBUSDT', 'ADAUSDT', 'LTCUSDT']) {
      expect(symbols).toContain(symbol);
    }
    for (const spec of CONTRACT_CATALOG) {
      expect(spec.referencePrice.mod(spec.tickSize).isZero()).toBe(true);
      expect(spec.maxLeverage).toBeGreaterThanOrEqual(50);
      expect(spec.marketMaxVolume).toBeLessThanOrEqual(spec.maxVolume);
      expect(spec.takerFeeRate.gt(spec.makerFeeRate)).toBe(true);
      expect(spec.fundingIntervalHours).toBe(8);
    }
  });
});
