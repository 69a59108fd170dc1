import { describe, expect, it } from 'vitest';
import { DecimalInterner } from './DecimalInterner.ts';

describe('DecimalInterner', () => {
  it('returns equal decimals, sharing one instance per distinct string', () => {
    const interner = new DecimalInterner();
    const first = interner.parse('95000.1');
    expect(first.toFixed()).toBe('95000.1');
    expect(interner.parse('95000.1')).toBe(first);
    expect(interner.parse('95000.10').eq(first)).toBe(true);
  });

  it('never holds more than its capacity', () => {
    const interner = new DecimalInterner(3);
    for (let i = 0; i < 10; i++) interner.parse(String(i));
    expect(interner.size).toBeLessThanOrEqual(3);
    expect(interner.parse('7').toNumber()).toBe(7);
  });
});
