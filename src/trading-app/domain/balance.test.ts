import { describe, expect, it } from 'vitest';
import { Dec } from '../../platform/decimal/index.ts';
import { getFrozenPercentage, hasMinimumBalance } from './balance.ts';

const balance = (available: string, frozen: string, equity: string) => ({
  available_balance: available,
  frozen_balance: frozen,
  equity,
});

describe('hasMinimumBalance', () => {
  it('accepts an available balance equal to the requirement', () => {
    expect(hasMinimumBalance(balance('100.00', '0', '100'), new Dec('100'))).toBe(true);
  });

  it('rejects one smallest unit below the requirement, without float rounding', () => {
    expect(hasMinimumBalance(balance('99.999999999999999999', '0', '100'), new Dec('100'))).toBe(false);
  });

  it('accepts a zero requirement on an empty account', () => {
    expect(hasMinimumBalance(balance('0', '0', '0'), new Dec(0))).toBe(true);
  });
});

describe('getFrozenPercentage', () => {
  it('is frozen over equity times one hundred', () => {
    expect(
      getFrozenPercentage(balance('10000.50', '500.00', '10500.50'))
        .toDecimalPlaces(6)
        .toFixed(),
    ).toBe('4.761678');
    expect(getFrozenPercentage(balance('20', '80', '100')).toFixed()).toBe('80');
  });

  it('is exact where a float is not', () => {
    // 0.3 / 3 · 100 = 10 exactly; in floats (0.3 / 3) * 100 = 9.999999999999998.
    expect(getFrozenPercentage(balance('2.7', '0.3', '3')).toFixed()).toBe('10');
  });

  it('is zero when equity is zero', () => {
    expect(getFrozenPercentage(balance('0', '0', '0')).toFixed()).toBe('0');
    expect(getFrozenPercentage(balance('0', '5', '0')).toFixed()).toBe('0');
  });

  it('is zero when equity is negative', () => {
    expect(getFrozenPercentage(balance('0', '5', '-1')).toFixed()).toBe('0');
  });
});
